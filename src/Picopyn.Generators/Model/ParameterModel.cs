namespace Picopyn.Generators.Model;

/// <summary>A method parameter and what the generated body does with it.</summary>
/// <param name="Name">The parameter's name, escaped for C# where needed (<c>@class</c>).</param>
/// <param name="Type">Its type, fully qualified with nullable annotations, as the signature repeats it (with <c>ref</c>/<c>out</c>/<c>in</c>/<c>params</c> for those, which are an error).</param>
/// <param name="Role">Bound to a placeholder, passed through as the cancellation token, or the executor.</param>
/// <param name="Placeholder">For a bound parameter: its <c>$n</c>.</param>
/// <param name="BindType">For a bound parameter: the <c>T</c> of its <c>NpgsqlParameter&lt;T&gt;</c>.</param>
/// <param name="NeedsUtcCheck">For a bound <c>DateTime</c>: checked for Kind Utc before anything is sent.</param>
/// <param name="IsNullableValueType">For a bound parameter: whether it is a <c>Nullable&lt;T&gt;</c>.</param>
internal sealed record ParameterModel(
    string Name, string Type, ParameterRole Role, int Placeholder, string BindType, bool NeedsUtcCheck, bool IsNullableValueType);
