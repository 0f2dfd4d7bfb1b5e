namespace Picopyn.Generators.Model;

/// <summary>One result column read into one member.</summary>
/// <param name="Ordinal">The column's position, fixed at build time.</param>
/// <param name="Column">The column's name as the SQL names it (for messages).</param>
/// <param name="Member">The member's name: a constructor parameter, a property, or empty for scalars and tuple elements.</param>
/// <param name="Target">How the member is filled.</param>
/// <param name="MemberType">The member's type, fully qualified, without nullable annotation.</param>
/// <param name="Getter">The typed reader getter, e.g. <c>GetInt64</c>.</param>
/// <param name="NarrowTo">For <c>int</c>/<c>short</c>: the type a checked cast narrows to.</param>
/// <param name="NullValue">For a member that takes NULL: the C# for it (<c>null</c>, <c>default(long?)</c>, or <c>null!</c> for a nullable-oblivious type), read behind an <c>IsDBNull</c> check; <see langword="null"/> for a non-nullable member, read without one.</param>
internal sealed record ColumnReadModel(
    int Ordinal, string Column, string Member, MemberTarget Target, string MemberType, string Getter, string? NarrowTo, string? NullValue);
