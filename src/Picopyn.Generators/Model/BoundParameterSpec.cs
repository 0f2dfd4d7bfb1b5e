namespace Picopyn.Generators.Model;

/// <summary>A parameter bound to a placeholder, as the schema checks compare it with the column it meets.</summary>
/// <param name="Placeholder">Its <c>$n</c>.</param>
/// <param name="Name">The parameter's name.</param>
/// <param name="MetadataName">Its type without nullability, as the type table keys it (<c>System.Int64</c>).</param>
/// <param name="TypeDisplay">Its type as messages show it.</param>
internal sealed record BoundParameterSpec(int Placeholder, string Name, string MetadataName, string TypeDisplay);
