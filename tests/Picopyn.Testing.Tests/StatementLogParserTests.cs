namespace Picopyn.Testing.Tests;

public sealed class StatementLogParserTests
{
    private static IReadOnlyList<StatementLogEntry> Parse(string log) => StatementLogParser.Parse(new StringReader(log));

    [Fact]
    public void Reads_simple_and_extended_statements_with_their_session()
    {
        var entries = Parse(
            "2026-11-24 21:49:03.648 UTC [2282] {app}{picodata} LOG:  statement: select 1\n" +
            "2026-11-24 21:49:03.700 UTC [2283] {app}{picodata} LOG:  execute <unnamed>: SELECT $1\n" +
            "2026-11-24 21:49:03.700 UTC [2283] {app}{picodata} DETAIL:  parameters: $1 = '5'\n" +
            "2026-11-24 21:49:03.800 UTC [2283] {app}{picodata} LOG:  execute S_1: SELECT 2\n");

        Assert.Equal(3, entries.Count);
        Assert.Equal(new StatementLogEntry(
            new DateTimeOffset(2026, 11, 24, 21, 49, 3, 648, TimeSpan.Zero), 2282, "app", "picodata", StatementLogKind.Simple, null, "select 1"),
            entries[0]);
        Assert.Equal((StatementLogKind.Extended, "<unnamed>", "SELECT $1"), (entries[1].Kind, entries[1].StatementName, entries[1].Text));
        Assert.Equal(("S_1", "SELECT 2"), (entries[2].StatementName, entries[2].Text));
    }

    [Fact]
    public void Joins_the_tab_indented_lines_of_a_multi_line_statement()
    {
        var entries = Parse(
            "2026-11-24 21:49:03.648 UTC [1] {app}{db} LOG:  statement: SELECT a,\n" +
            "\t       b\n" +
            "\tFROM t\n" +
            "2026-11-24 21:49:03.649 UTC [1] {app}{db} LOG:  statement: SELECT 2\n");

        Assert.Equal(["SELECT a,\n       b\nFROM t", "SELECT 2"], entries.Select(e => e.Text));
    }

    [Fact]
    public void Reads_the_statement_of_an_error_as_failed_and_skips_server_messages()
    {
        var entries = Parse(
            "2026-11-24 21:49:03.521 UTC [2276] LOG:  database system was shut down at 2026-11-24 21:48:59 UTC\n" +
            "2026-11-24 21:49:03.648 UTC [9] {app}{db} ERROR:  syntax error at or near \"SELEC\" at character 1\n" +
            "2026-11-24 21:49:03.648 UTC [9] {app}{db} STATEMENT:  SELEC 1\n" +
            "2026-11-24 21:49:03.700 UTC [9] {app}{db} FATAL:  terminating connection due to administrator command\n");

        var entry = Assert.Single(entries);
        Assert.Equal((StatementLogKind.Failed, "SELEC 1"), (entry.Kind, entry.Text));
    }
}
