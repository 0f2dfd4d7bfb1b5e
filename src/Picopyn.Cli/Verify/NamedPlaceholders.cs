using System.Globalization;
using System.Text;
using Picopyn.Generators.Sql;

namespace Picopyn.Cli.Verify;

/// <summary>
/// Npgsql derives parameter types only for named placeholders, so the statement is described once
/// with <c>$n</c> (and <c>?</c>) rewritten to <c>@pn</c> — token by token, so a <c>$1</c> inside a
/// string literal stays text. The statement the code sends is described unchanged.
/// </summary>
internal static class NamedPlaceholders
{
    public static string Rewrite(string sql)
    {
        var text = new StringBuilder(sql.Length + 16);
        var position = 0;
        var questions = 0;
        foreach (var token in SqlTokenizer.Tokenize(sql))
        {
            var number = token.Kind switch
            {
                SqlTokenKind.DollarParameter => token.Text[1..],
                SqlTokenKind.QuestionParameter => (++questions).ToString(CultureInfo.InvariantCulture),
                _ => null,
            };
            if (number is null)
            {
                continue;
            }

            text.Append(sql, position, token.Start - position).Append("@p").Append(number);
            position = token.End;
        }

        return text.Append(sql, position, sql.Length - position).ToString();
    }

    /// <summary>The placeholder number of a derived parameter (<c>p3</c> → 3), or 0.</summary>
    public static int Number(string parameterName) =>
        int.TryParse(parameterName.TrimStart('@', ':').TrimStart('p'), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0;
}
