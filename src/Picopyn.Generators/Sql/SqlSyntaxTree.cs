using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Sql;

/// <summary>
/// A statement parsed with Picodata's grammar: its tree, or — when the text does not parse — the one
/// fault located on the token where the grammar fails. Exactly one of <see cref="Statement"/> and
/// <see cref="Error"/> is set.
/// </summary>
internal sealed record SqlSyntaxTree(string Text, StatementSyntax? Statement, SqlFault? Error)
{
    /// <summary>The SQL text a span covers.</summary>
    public string TextOf(TextSpan span) => Text.Substring(span.Start, span.Length);

    /// <summary>The first word of a span (SELECT, WITH, DROP…): where a fault about a whole statement goes.</summary>
    public TextSpan FirstWordOf(TextSpan span)
    {
        var end = span.Start;
        while (end < span.End && char.IsLetter(Text[end]))
        {
            end++;
        }

        return new TextSpan(span.Start, System.Math.Max(1, end - span.Start));
    }
}
