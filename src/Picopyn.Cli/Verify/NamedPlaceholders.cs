using System.Globalization;
using System.Text;
using Picopyn.Generators.Sql;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Cli.Verify;

/// <summary>
/// Npgsql derives parameter types only for named placeholders, so the statement is described once
/// with <c>$n</c> (and <c>?</c>) rewritten to <c>@pn</c> — the placeholders of the parsed statement, so a
/// <c>$1</c> inside a string literal stays text. The statement the code sends is described unchanged.
/// </summary>
internal static class NamedPlaceholders
{
    public static string Rewrite(string sql)
    {
        // The placeholders of the parsed statement, in text order: a '$1' in a string is a literal's text, not a node.
        var placeholders = SqlParser.Parse(sql).Statement?.DescendantNodes().OfType<ParameterSyntax>().OrderBy(p => p.Span.Start).ToList() ?? [];
        var text = new StringBuilder(sql.Length + 16);
        var position = 0;
        foreach (var placeholder in placeholders)
        {
            text.Append(sql, position, placeholder.Span.Start - position).Append("@p").Append(placeholder.Number.ToString(CultureInfo.InvariantCulture));
            position = placeholder.Span.End;
        }

        return text.Append(sql, position, sql.Length - position).ToString();
    }

    /// <summary>The placeholder number of a derived parameter (<c>p3</c> → 3), or 0.</summary>
    public static int Number(string parameterName) =>
        int.TryParse(parameterName.TrimStart('@', ':').TrimStart('p'), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0;
}
