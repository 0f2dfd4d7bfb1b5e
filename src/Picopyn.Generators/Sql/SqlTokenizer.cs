using System.Collections.Generic;

namespace Picopyn.Generators.Sql;

/// <summary>
/// Splits Picodata SQL into tokens. String literals and quoted identifiers are single tokens, so
/// a <c>$1</c>, <c>--</c> or <c>;</c> inside them is text, not a placeholder, comment or separator.
/// It never throws: what it cannot read becomes an <see cref="SqlTokenKind.Invalid"/> token.
/// </summary>
internal static class SqlTokenizer
{
    private static readonly string[] TwoCharSymbols = ["::", "||", "<=", ">=", "<>", "!=", "=="];

    public static List<SqlToken> Tokenize(string sql)
    {
        var tokens = new List<SqlToken>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            SqlTokenKind kind;
            if (c == '-' && Peek(sql, i + 1) == '-')
            {
                while (i < sql.Length && sql[i] != '\n')
                {
                    i++;
                }

                kind = SqlTokenKind.Comment;
            }
            else if (c == '/' && Peek(sql, i + 1) == '*')
            {
                var close = sql.IndexOf("*/", i + 2, System.StringComparison.Ordinal);
                i = close < 0 ? sql.Length : close + 2;
                kind = close < 0 ? SqlTokenKind.Invalid : SqlTokenKind.Comment;
            }
            else if (c is '\'' or '"')
            {
                var closed = SkipQuoted(sql, ref i, c);
                kind = !closed ? SqlTokenKind.Invalid : c == '\'' ? SqlTokenKind.String : SqlTokenKind.QuotedIdentifier;
            }
            else if (c == '$' && char.IsDigit(Peek(sql, i + 1)))
            {
                i++;
                while (i < sql.Length && char.IsDigit(sql[i]))
                {
                    i++;
                }

                kind = SqlTokenKind.DollarParameter;
            }
            else if (c == '$' && Peek(sql, i + 1) == '$')
            {
                // The $$ that opens and closes a DO block's or a procedure's body: Picodata's grammar reads
                // what is between them as SQL, not as a string.
                i += 2;
                kind = SqlTokenKind.Symbol;
            }
            else if (c == '?')
            {
                i++;
                kind = SqlTokenKind.QuestionParameter;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                // A '$' may be part of a name, but "$$" never is: END$$ closes a block.
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_' || (sql[i] == '$' && Peek(sql, i + 1) != '$')))
                {
                    i++;
                }

                kind = SqlTokenKind.Word;
            }
            else if (char.IsDigit(c) || (c == '.' && char.IsDigit(Peek(sql, i + 1))))
            {
                ReadNumber(sql, ref i);
                kind = SqlTokenKind.Number;
            }
            else if (IsTwoCharSymbol(sql, i))
            {
                i += 2;
                kind = SqlTokenKind.Symbol;
            }
            else
            {
                i++;
                kind = "(),;.*=<>+-/%:[]".IndexOf(c) >= 0 ? SqlTokenKind.Symbol : SqlTokenKind.Invalid;
            }

            tokens.Add(new SqlToken(kind, start, i - start, sql.Substring(start, i - start)));
        }

        return tokens;
    }

    private static char Peek(string text, int index) => index < text.Length ? text[index] : '\0';

    private static bool IsTwoCharSymbol(string sql, int i)
    {
        if (i + 1 >= sql.Length)
        {
            return false;
        }

        foreach (var symbol in TwoCharSymbols)
        {
            if (sql[i] == symbol[0] && sql[i + 1] == symbol[1])
            {
                return true;
            }
        }

        return false;
    }

    // Moves past a quoted token; a doubled quote inside is an escaped one. False when unterminated.
    private static bool SkipQuoted(string sql, ref int i, char quote)
    {
        i++;
        while (i < sql.Length)
        {
            if (sql[i] == quote)
            {
                if (Peek(sql, i + 1) == quote)
                {
                    i += 2;
                    continue;
                }

                i++;
                return true;
            }

            i++;
        }

        return false;
    }

    private static void ReadNumber(string sql, ref int i)
    {
        while (i < sql.Length && (char.IsDigit(sql[i]) || sql[i] == '.'))
        {
            i++;
        }

        if (i < sql.Length && sql[i] is 'e' or 'E' && (char.IsDigit(Peek(sql, i + 1)) || (Peek(sql, i + 1) is '+' or '-' && char.IsDigit(Peek(sql, i + 2)))))
        {
            i += 2;
            while (i < sql.Length && char.IsDigit(sql[i]))
            {
                i++;
            }
        }
    }
}
