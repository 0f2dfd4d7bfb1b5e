namespace Picopyn.Generators.Model;

/// <summary>
/// A method's routing plan: the statement's rows are in one bucket, whose sharding key the generated call
/// hashes from its arguments and literals. Plain, equatable data.
/// </summary>
/// <param name="Tier">The table's tier; <see langword="null"/> for the cluster's default tier.</param>
/// <param name="Description">What the plan comment and traces say: <c>users.id = $1</c>.</param>
/// <param name="Parts">Per key part, in sharding-key order, the C# expression hashed: a parameter (converted to the column's type) or a literal.</param>
internal sealed record RouteModel(string? Tier, string Description, EquatableArray<string> Parts);
