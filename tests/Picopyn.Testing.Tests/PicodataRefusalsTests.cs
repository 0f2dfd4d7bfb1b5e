namespace Picopyn.Testing.Tests;

public sealed class PicodataRefusalsTests
{
    [Theory]
    [InlineData("DISCARD ALL", "DISCARD")]
    [InlineData("BEGIN TRANSACTION ISOLATION LEVEL READ COMMITTED", "transaction")]
    [InlineData("  commit", "transaction")]
    [InlineData("SET statement_timeout = 0", "SET")]
    [InlineData("SELECT typname FROM pg_type", "catalogs")]
    [InlineData("SELECT pg_is_in_recovery()", "catalogs")]
    [InlineData("SELECT * FROM information_schema.columns", "catalogs")]
    [InlineData("SELECT 1 -- trailing comment", "comments")]
    [InlineData("/* hint */ SELECT 1", "comments")]
    [InlineData("SELECT 1; SELECT 2", "one statement")]
    [InlineData("COPY t FROM STDIN", "COPY")]
    [InlineData("LISTEN channel", "LISTEN")]
    public void Flags_what_Picodata_refuses(string sql, string reasonFragment)
    {
        var reason = PicodataRefusals.Check(sql);

        Assert.NotNull(reason);
        Assert.Contains(reasonFragment, reason, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("SELECT id, name FROM users WHERE id = $1")]
    [InlineData("SELECT '-- not a comment', '/* nor this */' FROM t")]
    [InlineData("SELECT \"pg_like_column\" FROM t")]
    [InlineData("SELECT 'a;b' FROM t;")]
    [InlineData("INSERT INTO settings (name) VALUES ('SET')")]
    [InlineData("SELECT i.name FROM _pico_instance AS i JOIN _pico_peer_address AS p ON p.raft_id = i.raft_id")]
    [InlineData("SELECT 'it''s -- fine'")]
    public void Passes_what_Picodata_accepts(string sql)
    {
        Assert.Null(PicodataRefusals.Check(sql));
    }

    [Fact]
    public void What_the_front_answered_with_a_tag_is_a_no_op_only_for_transaction_control_and_SET()
    {
        // The log holds the front's substitute: DDL it ran on every instance is not a refusal; BEGIN and SET are no-ops.
        Assert.Null(PicodataRefusals.Check("CALL pico_sys.complete('CREATE TABLE')"));
        Assert.Contains("no-op", PicodataRefusals.Check("CALL pico_sys.complete('BEGIN')"), StringComparison.Ordinal);
        Assert.Contains("no-op", PicodataRefusals.Check("CALL pico_sys.complete('SET')"), StringComparison.Ordinal);
    }

    [Fact]
    public void Find_returns_each_refused_entry_with_its_reason()
    {
        var ok = new StatementLogEntry(DateTimeOffset.UnixEpoch, 1, "app", "db", StatementLogKind.Extended, "<unnamed>", "SELECT 1");
        var bad = ok with { Text = "DISCARD ALL" };

        var refused = PicodataRefusals.Find([ok, bad, ok]);

        var single = Assert.Single(refused);
        Assert.Same(bad, single.Entry);
        Assert.Contains("DISCARD ALL", single.ToString(), StringComparison.Ordinal);
    }
}
