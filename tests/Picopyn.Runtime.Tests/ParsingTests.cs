using Picopyn.Discovery;

namespace Picopyn.Runtime.Tests;

public sealed class ParsingTests
{
    [Theory]
    [InlineData("""["Online",1]""", "Online")]
    [InlineData("""[ "Offline" , 7 ]""", "Offline")]
    [InlineData("""["Expelled",0]""", "Expelled")]
    [InlineData("Online", "Unreadable")]
    [InlineData("[]", "Unreadable")]
    [InlineData("{}", "Unreadable")]
    public void Instance_states_are_read_from_Picodatas_JSON_text(string json, string variant) =>
        Assert.Equal(variant, DiscoveryQueries.StateVariant(json));

    [Theory]
    [InlineData("SELECT 1", PicoStatementKind.Read)]
    [InlineData("  with t AS (SELECT 1) SELECT * FROM t", PicoStatementKind.Read)]
    [InlineData("(SELECT 1) UNION (SELECT 2)", PicoStatementKind.Read)]
    [InlineData("VALUES (1), (2)", PicoStatementKind.Read)]
    [InlineData("INSERT INTO t VALUES (1)", PicoStatementKind.Write)]
    [InlineData("update t SET a = 1", PicoStatementKind.Write)]
    [InlineData("DELETE FROM t", PicoStatementKind.Write)]
    [InlineData("selection_is_not_a_keyword()", PicoStatementKind.Write)]
    public void Reads_are_told_from_writes_by_the_first_keyword(string sql, PicoStatementKind kind) =>
        Assert.Equal(kind, PicoStatement.Infer(sql).Kind);

    [Theory]
    [InlineData("node1", "node1", 4327)]
    [InlineData("node1:5000", "node1", 5000)]
    [InlineData("[::1]:6000", "::1", 6000)]
    [InlineData("::1", "::1", 4327)]
    [InlineData("0.0.0.0:4327", "0.0.0.0", 4327)]
    public void Endpoints_parse_with_Picodatas_default_port(string text, string host, int port)
    {
        Assert.Equal(new PicoEndpoint(host, port), PicoEndpoint.Parse(text));
    }

    [Fact]
    public void Rows_convert_Picodatas_64_bit_integers_with_overflow_checks()
    {
        Assert.Equal(5, PicoRow.Convert<int>(5L, "n"));
        Assert.Null(PicoRow.Convert<int?>(null, "n"));
        Assert.Contains("'n' is NULL", Assert.Throws<InvalidCastException>(() => PicoRow.Convert<int>(null, "n")).Message, StringComparison.Ordinal);
        Assert.IsType<OverflowException>(Assert.Throws<InvalidCastException>(() => PicoRow.Convert<int>(long.MaxValue, "n")).InnerException);
    }
}
