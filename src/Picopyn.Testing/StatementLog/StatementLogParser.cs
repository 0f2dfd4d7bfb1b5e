using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Picopyn.Testing;

/// <summary>
/// Reads the statements out of a PostgreSQL server log written with
/// <see cref="LinePrefix"/> and <c>log_statement = all</c>.
/// </summary>
internal static partial class StatementLogParser
{
    /// <summary>The <c>log_line_prefix</c> the emulation configures: time, pid, then {user}{database} for sessions.</summary>
    public const string LinePrefix = "%m [%p] %q{%u}{%d} ";

    public static IReadOnlyList<StatementLogEntry> Parse(TextReader reader)
    {
        var entries = new List<StatementLogEntry>();
        PendingEntry? pending = null;
        while (reader.ReadLine() is { } line)
        {
            // PostgreSQL writes each further line of a multi-line message behind a tab.
            if (line.StartsWith('\t'))
            {
                pending?.Text.Append('\n').Append(line, 1, line.Length - 1);
                continue;
            }

            Flush();
            var match = Header().Match(line);
            if (!match.Success || !match.Groups["user"].Success)
            {
                continue;
            }

            var level = match.Groups["level"].Value;
            var message = match.Groups["message"].Value;
            StatementLogKind kind;
            string? statementName = null;
            string text;
            if (level == "LOG" && message.StartsWith("statement: ", StringComparison.Ordinal))
            {
                kind = StatementLogKind.Simple;
                text = message["statement: ".Length..];
            }
            else if (level == "LOG" && Execute().Match(message) is { Success: true } execute)
            {
                kind = StatementLogKind.Extended;
                statementName = execute.Groups["name"].Value;
                text = execute.Groups["sql"].Value;
            }
            else if (level == "STATEMENT")
            {
                kind = StatementLogKind.Failed;
                text = message;
            }
            else
            {
                continue;
            }

            pending = new PendingEntry(
                DateTimeOffset.ParseExact(match.Groups["time"].Value, "yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                int.Parse(match.Groups["pid"].Value, CultureInfo.InvariantCulture),
                match.Groups["user"].Value,
                match.Groups["database"].Value,
                kind,
                statementName,
                new StringBuilder(text));
        }

        Flush();
        return entries;

        void Flush()
        {
            if (pending is { } p)
            {
                entries.Add(new StatementLogEntry(p.Timestamp, p.ProcessId, p.User, p.Database, p.Kind, p.StatementName, p.Text.ToString()));
                pending = null;
            }
        }
    }

    [GeneratedRegex(@"^(?<time>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}) UTC \[(?<pid>\d+)\] (?:\{(?<user>[^}]*)\}\{(?<database>[^}]*)\} )?(?<level>[A-Z]+):  (?<message>.*)$")]
    private static partial Regex Header();

    // "execute <unnamed>: SELECT 1", "execute S_1: ...", "execute fetch from S_1/C_2: ..."
    [GeneratedRegex(@"^execute (?:fetch from )?(?<name>[^:]+?)(?:/[^:]+)?: (?<sql>.*)$")]
    private static partial Regex Execute();

    private sealed record PendingEntry(
        DateTimeOffset Timestamp, int ProcessId, string User, string Database, StatementLogKind Kind, string? StatementName, StringBuilder Text);
}
