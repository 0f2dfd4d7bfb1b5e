namespace Picopyn.Testing;

/// <summary>
/// Recognises SQL that PostgreSQL accepts but Picodata refuses or silently ignores, so tests
/// against the emulation can assert that a client never sends it.
/// </summary>
/// <remarks>
/// Flagged: comments; more than one statement; <c>DISCARD</c>; transaction control
/// (<c>BEGIN</c>, <c>COMMIT</c>, …, no-ops on Picodata); <c>SET</c>/<c>RESET</c>/<c>SHOW</c>;
/// <c>COPY</c> and <c>LISTEN</c>/<c>NOTIFY</c>; anything naming a PostgreSQL catalog or system
/// function (<c>pg_*</c>, <c>information_schema</c>).
/// </remarks>
public static class PicodataRefusals
{
    private static readonly Dictionary<string, string> RefusedFirstWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["DISCARD"] = "DISCARD does not exist on Picodata",
        ["BEGIN"] = "transaction control is a no-op on Picodata (and BEGIN ISOLATION LEVEL is a syntax error)",
        ["START"] = "transaction control is a no-op on Picodata",
        ["COMMIT"] = "transaction control is a no-op on Picodata",
        ["END"] = "transaction control is a no-op on Picodata",
        ["ROLLBACK"] = "transaction control is a no-op on Picodata",
        ["ABORT"] = "transaction control is a no-op on Picodata",
        ["SAVEPOINT"] = "transaction control is a no-op on Picodata",
        ["RELEASE"] = "transaction control is a no-op on Picodata",
        ["SET"] = "SET is accepted and ignored by Picodata",
        ["RESET"] = "RESET is not supported by Picodata",
        ["SHOW"] = "SHOW is not supported by Picodata",
        ["COPY"] = "COPY is not supported by Picodata",
        ["LISTEN"] = "LISTEN/NOTIFY are not supported by Picodata",
        ["UNLISTEN"] = "LISTEN/NOTIFY are not supported by Picodata",
        ["NOTIFY"] = "LISTEN/NOTIFY are not supported by Picodata",
    };

    /// <summary>Every entry Picodata would refuse, with the reason, in log order.</summary>
    public static IReadOnlyList<RefusedStatement> Find(IEnumerable<StatementLogEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var refused = new List<RefusedStatement>();
        foreach (var entry in entries)
        {
            if (Check(entry.Text) is { } reason)
            {
                refused.Add(new RefusedStatement(entry, reason));
            }
        }

        return refused;
    }

    /// <summary>Why Picodata would refuse <paramref name="sql"/>, or <see langword="null"/> when it would not.</summary>
    public static string? Check(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        string? firstWord = null;
        var statementEnded = false;
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            if (statementEnded && c != ';')
            {
                return "Picodata takes one statement per query";
            }

            switch (c)
            {
                case '\'':
                case '"':
                    i = SkipQuoted(sql, i, c);
                    continue;
                case '-' when At(sql, i + 1, '-'):
                case '/' when At(sql, i + 1, '*'):
                    return "comments are syntax errors on Picodata";
                case ';':
                    statementEnded = true;
                    continue;
            }

            if (!IsWordStart(c))
            {
                continue;
            }

            var start = i;
            while (i + 1 < sql.Length && IsWordPart(sql[i + 1]))
            {
                i++;
            }

            var word = sql[start..(i + 1)];
            if (firstWord is null)
            {
                firstWord = word;
                if (RefusedFirstWords.TryGetValue(word, out var reason))
                {
                    return reason;
                }
            }

            if (word.StartsWith("pg_", StringComparison.OrdinalIgnoreCase) ||
                word.Equals("information_schema", StringComparison.OrdinalIgnoreCase))
            {
                return $"Picodata has no PostgreSQL catalogs or system functions ({word})";
            }
        }

        return null;
    }

    private static bool At(string text, int index, char expected) => index < text.Length && text[index] == expected;

    private static bool IsWordStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsWordPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';

    // Returns the index of the closing quote; a doubled quote inside is an escaped one.
    private static int SkipQuoted(string text, int open, char quote)
    {
        for (var i = open + 1; i < text.Length; i++)
        {
            if (text[i] != quote)
            {
                continue;
            }

            if (At(text, i + 1, quote))
            {
                i++;
                continue;
            }

            return i;
        }

        return text.Length;
    }
}
