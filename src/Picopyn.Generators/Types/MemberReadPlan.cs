namespace Picopyn.Generators.Types;

/// <summary>How generated code reads a result column into a member of a given CLR type.</summary>
/// <param name="Getter">The typed <c>NpgsqlDataReader</c> getter, e.g. <c>GetInt64</c> or <c>GetFieldValue&lt;global::System.Guid&gt;</c>.</param>
/// <param name="NarrowTo">For <c>int</c>/<c>short</c> members: the C# type to narrow to with a checked cast (Picodata sends every integer as int8).</param>
internal sealed record MemberReadPlan(string Getter, string? NarrowTo);
