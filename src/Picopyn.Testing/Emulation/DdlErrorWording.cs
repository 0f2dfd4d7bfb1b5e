using System.Text.RegularExpressions;
using Npgsql;

namespace Picopyn.Testing.Emulation;

/// <summary>
/// PostgreSQL's errors for DDL in Picodata's words (Picodata's <c>traft/error.rs</c>: "table t already
/// exists", "column c does not exist"…), where the two mean the same; any other keeps PostgreSQL's message.
/// </summary>
internal static partial class DdlErrorWording
{
    public static string Of(PostgresException exception, string ddl)
    {
        var name = QuotedName().Match(exception.MessageText) is { Success: true } match ? match.Groups[1].Value.Replace("public.", string.Empty, StringComparison.Ordinal) : null;
        var isIndex = IndexDdl().IsMatch(ddl);
        return (exception.SqlState, name) switch
        {
            (_, null) => exception.MessageText,
            (PostgresErrorCodes.DuplicateTable, _) => $"{(isIndex ? "index" : "table")} {name} already exists",
            (PostgresErrorCodes.UndefinedTable, _) => $"{(isIndex && !exception.MessageText.StartsWith("relation", StringComparison.Ordinal) ? "index" : "table")} {name} does not exist",
            (PostgresErrorCodes.UndefinedObject, _) => $"index {name} does not exist",
            (PostgresErrorCodes.DuplicateColumn, _) => $"column {name} already exists",
            (PostgresErrorCodes.UndefinedColumn, _) => $"column {name} does not exist",
            _ => exception.MessageText,
        };
    }

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex QuotedName();

    [GeneratedRegex(@"^\s*(create\s+(unique\s+)?|drop\s+)index\b", RegexOptions.IgnoreCase)]
    private static partial Regex IndexDdl();
}
