using System.Collections.Concurrent;

namespace Picopyn.Diagnostics;

/// <summary>
/// A statement's <c>db.operation.name</c> and <c>db.query.summary</c>. Generated methods bring the summary the
/// generator read from the parsed statement (<see cref="PicoStatement.Summary"/>); untyped SQL gets one from its
/// first keyword and the table after <c>FROM</c>, <c>INTO</c> or <c>UPDATE</c> — as much as a scan of the text
/// tells without parsing it.
/// </summary>
/// <remarks>
/// Read only when a listener wants it, and kept per text (up to <see cref="CacheLimit"/> texts of at most
/// <see cref="MaxCachedLength"/> characters), so a statement's spans cost no string after its first.
/// </remarks>
internal sealed record QuerySummary(string? Operation, string Text)
{
    private const int CacheLimit = 1024;
    private const int MaxCachedLength = 2048;
    private static readonly ConcurrentDictionary<string, QuerySummary> s_ofSql = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, QuerySummary> s_ofGenerated = new(StringComparer.Ordinal);

    /// <summary>The summary of <paramref name="statement"/>: the generator's when it has one, else one read from its text.</summary>
    public static QuerySummary Of(in PicoStatement statement) =>
        statement.Summary is { } generated ? Cached(s_ofGenerated, generated, FromGenerated) : Cached(s_ofSql, statement.Sql, FromText);

    private static QuerySummary Cached(ConcurrentDictionary<string, QuerySummary> cache, string key, Func<string, QuerySummary> make)
    {
        // A long text (a many-row INSERT built per call) is read again each time rather than kept: the cache must
        // not hold large strings alive, and the scan stops at the first table anyway.
        if (key.Length > MaxCachedLength)
        {
            return make(key);
        }

        if (cache.TryGetValue(key, out var known))
        {
            return known;
        }

        var made = make(key);
        if (cache.Count < CacheLimit)
        {
            cache.TryAdd(key, made);
        }

        return made;
    }

    // "SELECT users orders": the operation is the first word.
    private static QuerySummary FromGenerated(string summary)
    {
        var space = summary.IndexOf(' ', StringComparison.Ordinal);
        return new QuerySummary(space < 0 ? summary : summary[..space], summary);
    }

    /// <summary>Reads an untyped statement's operation and first table (uncached: <see cref="Of"/> keeps them).</summary>
    internal static QuerySummary FromText(string sql)
    {
        var scan = new Scanner(sql);
        if (scan.Word() is not { } first)
        {
            return new QuerySummary(null, PicoDiagnostics.DbSystemName);
        }

        var operation = first.ToUpperInvariant();
        var target = operation switch
        {
            "SELECT" or "WITH" => scan.NameAfter("FROM"),
            "INSERT" => scan.NameAfter("INTO"),
            "UPDATE" => scan.Name(),
            "DELETE" => scan.NameAfter("FROM"),
            _ => null,
        };
        if (operation == "WITH")
        {
            operation = "SELECT";
        }

        return new QuerySummary(operation, target is null ? operation : operation + " " + target);
    }

    // Words and names of a statement's text, skipping white space, comments and string literals.
    private ref struct Scanner(string text)
    {
        private int _at;

        public string? Word()
        {
            Skip();
            var start = _at;
            while (_at < text.Length && char.IsAsciiLetter(text[_at]))
            {
                _at++;
            }

            return _at > start ? text[start.._at] : null;
        }

        // The next identifier: "quoted" as written, plain folded to lower case as Picodata folds it; schema.table kept whole.
        public string? Name()
        {
            Skip();
            if (_at < text.Length && text[_at] == '"')
            {
                var close = text.IndexOf('"', _at + 1);
                if (close < 0)
                {
                    return null;
                }

                var quoted = text[(_at + 1)..close];
                _at = close + 1;
                return quoted;
            }

            var start = _at;
            while (_at < text.Length && (char.IsLetterOrDigit(text[_at]) || text[_at] is '_' or '.' or '$'))
            {
                _at++;
            }

            return _at > start ? text[start.._at].ToLowerInvariant() : null;
        }

        // The name after the first 'keyword' outside literals (FROM of a subquery in the projection counts: cheap, not exact).
        public string? NameAfter(string keyword)
        {
            while (_at < text.Length)
            {
                Skip();
                if (_at >= text.Length)
                {
                    return null;
                }

                if (!char.IsAsciiLetter(text[_at]))
                {
                    _at++;
                    continue;
                }

                var start = _at;
                while (_at < text.Length && (char.IsAsciiLetterOrDigit(text[_at]) || text[_at] == '_'))
                {
                    _at++;
                }

                if (text.AsSpan(start, _at - start).Equals(keyword, StringComparison.OrdinalIgnoreCase))
                {
                    return Name();
                }
            }

            return null;
        }

        private void Skip()
        {
            while (_at < text.Length)
            {
                var c = text[_at];
                if (char.IsWhiteSpace(c))
                {
                    _at++;
                }
                else if (c == '-' && _at + 1 < text.Length && text[_at + 1] == '-')
                {
                    var end = text.IndexOf('\n', _at);
                    _at = end < 0 ? text.Length : end + 1;
                }
                else if (c == '/' && _at + 1 < text.Length && text[_at + 1] == '*')
                {
                    var end = text.IndexOf("*/", _at + 2, StringComparison.Ordinal);
                    _at = end < 0 ? text.Length : end + 2;
                }
                else if (c == '\'')
                {
                    var end = text.IndexOf('\'', _at + 1);
                    _at = end < 0 ? text.Length : end + 1;
                }
                else
                {
                    return;
                }
            }
        }
    }
}
