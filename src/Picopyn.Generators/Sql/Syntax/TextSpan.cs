// Nodes document only the parameters whose meaning their names and types do not already carry.
#pragma warning disable CS1573

namespace Picopyn.Generators.Sql.Syntax;

/// <summary>Where a syntax node stands in the SQL text: a start offset and a length, in UTF-16 characters.</summary>
internal readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    /// <summary>The span from the start of <paramref name="first"/> to the end of <paramref name="last"/>.</summary>
    public static TextSpan Cover(TextSpan first, TextSpan last) => new(first.Start, last.End - first.Start);

    public static TextSpan Of(SqlToken token) => new(token.Start, token.Length);
}
