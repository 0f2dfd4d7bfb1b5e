using System.Text.RegularExpressions;

namespace Picopyn.Generators.Tests.Conformance;

/// <summary>What Picodata did with one statement of its own SQL test suite.</summary>
public enum PicodataVerdict
{
    /// <summary>Picodata ran it (an <c>-- EXPECTED:</c> case, or a setup block).</summary>
    Runs,

    /// <summary>Picodata refused it with a parse error: <c>rule parsing error</c>, or the grammar's own <c>expected X or Y</c>.</summary>
    ParseError,

    /// <summary>Picodata refused it for another reason (a semantic or run-time error).</summary>
    OtherError,
}

/// <summary>One statement of the corpus, with the file and case it came from and what Picodata did with it.</summary>
public sealed record ConformanceStatement(string File, string Case, int Index, string Sql, PicodataVerdict Verdict, string? Error)
{
    public override string ToString() => $"{File} :: {Case} #{Index}: {Sql}";
}

/// <summary>
/// Reads <c>tests/Conformance/picodata-sql-tests.txt</c> (Picodata's <c>test/int/sql/*.sql</c>, see the README beside it)
/// into single statements, split as Picodata's own runner splits them (<c>test/framework/sqltester.py</c>,
/// <c>parse_queries</c>: at each <c>;</c> outside strings, quoted names and <c>$$ … $$</c>), each with the error line
/// the runner matches it against (<c>-</c> or none: no error).
/// </summary>
public static class ConformanceCorpus
{
    // Picodata's parse errors: pest's "rule parsing error", the grammar's "expected Rule[, Rule] or Rule" wording, and
    // api.sql's test_incorrect_query, which expects only the words "parsing error" (a JOIN without ON).
    private static readonly Regex ParseErrorText = new(@"rule parsing error|^parsing error$|expected [A-Z][A-Za-z]+(, [A-Z][A-Za-z]+)*,? or [A-Z][A-Za-z]+", RegexOptions.CultureInvariant);

    public static string Directory { get; } = FindDirectory();

    public static IReadOnlyList<ConformanceStatement> Statements { get; } = Read(Path.Combine(Directory, "picodata-sql-tests.txt"));

    private static List<ConformanceStatement> Read(string path)
    {
        var statements = new List<ConformanceStatement>();
        string? file = null, name = null, kind = null, section = null;
        var sql = new List<string>();
        var errors = new List<string>();

        void Flush()
        {
            if (file is null)
            {
                return;
            }

            // A case whose text is all comment lines is a test Picodata's suite keeps commented out (the
            // statement waits on an issue): there is no statement to check.
            if (sql.All(line => line.TrimStart().StartsWith("--", StringComparison.Ordinal) || line.Trim().Length == 0))
            {
                return;
            }

            var queries = Split(string.Join("\n", sql).Trim());
            for (var i = 0; i < queries.Count; i++)
            {
                var error = kind == "error" && errors.Count == queries.Count ? errors[i]
                    : kind == "error" && queries.Count == 1 ? string.Join("\n", errors)
                    : null;
                if (error == "-")
                {
                    error = null;
                }

                var verdict = kind != "error" || (error is null && errors.Count == queries.Count) ? PicodataVerdict.Runs
                    : error is not null && ParseErrorText.IsMatch(error) ? PicodataVerdict.ParseError
                    : PicodataVerdict.OtherError;
                statements.Add(new ConformanceStatement(file, name!, i + 1, queries[i], verdict, error));
            }
        }

        foreach (var line in File.ReadLines(path))
        {
            var header = Regex.Match(line, "^==== (.*?) :: (.*?) :: (runs|error|setup)$");
            if (header.Success)
            {
                Flush();
                (file, name, kind, section) = (header.Groups[1].Value, header.Groups[2].Value, header.Groups[3].Value, "sql");
                sql.Clear();
                errors.Clear();
            }
            else if (line is "---- params" or "---- error")
            {
                section = line.Substring(5);
            }
            else if (section == "sql")
            {
                sql.Add(line);
            }
            else if (section == "error")
            {
                errors.Add(line);
            }
        }

        Flush();
        return statements;
    }

    /// <summary>Splits a block into statements as <c>sqltester.py</c>'s <c>parse_queries</c> does; each keeps its <c>;</c>.</summary>
    public static List<string> Split(string block)
    {
        var queries = new List<string>();
        var start = 0;
        var i = 0;
        while (i < block.Length)
        {
            var c = block[i];
            if (c == ';')
            {
                queries.Add(block.Substring(start, i + 1 - start).TrimStart());
                start = i + 1;
            }
            else if (c is '\'' or '"')
            {
                var close = block.IndexOf(c, i + 1);
                while (c == '\'' && close >= 0 && close + 1 < block.Length && block[close + 1] == '\'')
                {
                    close = block.IndexOf(c, close + 2);
                }

                i = close < 0 ? block.Length : close;
            }
            else if (c == '$' && i + 1 < block.Length && block[i + 1] == '$')
            {
                var close = block.IndexOf("$$", i + 2, StringComparison.Ordinal);
                i = close < 0 ? block.Length : close + 1;
            }

            i++;
        }

        if (start < block.Length && block.Substring(start).Trim().Length > 0)
        {
            queries.Add(block.Substring(start).TrimStart());
        }

        return queries;
    }

    private static string FindDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Conformance");
            if (File.Exists(Path.Combine(candidate, "picodata-sql-tests.txt")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/Conformance/picodata-sql-tests.txt was not found above " + AppContext.BaseDirectory);
    }
}
