using Picopyn.Diagnostics;

namespace Picopyn.Runtime.Tests;

/// <summary>The summary untyped SQL gets: its first keyword and the table after FROM, INTO or UPDATE, read off the text.</summary>
public sealed class QuerySummaryTests
{
    [Theory]
    [InlineData("SELECT balance FROM accounts WHERE id = $1", "SELECT", "SELECT accounts")]
    [InlineData("  select * from Users", "SELECT", "SELECT users")]
    [InlineData("SELECT \"Id\" FROM \"Users\"", "SELECT", "SELECT Users")]
    [InlineData("WITH t AS (SELECT id FROM orders) SELECT id FROM t", "SELECT", "SELECT orders")]
    [InlineData("SELECT 'from nowhere' AS x FROM items", "SELECT", "SELECT items")]
    [InlineData("SELECT 1", "SELECT", "SELECT")]
    [InlineData("INSERT INTO orders (id) VALUES ($1)", "INSERT", "INSERT orders")]
    [InlineData("UPDATE accounts SET balance = 0 WHERE id = $1", "UPDATE", "UPDATE accounts")]
    [InlineData("DELETE FROM accounts WHERE id = $1", "DELETE", "DELETE accounts")]
    [InlineData("CREATE TABLE t (id integer PRIMARY KEY)", "CREATE", "CREATE")]
    [InlineData("VALUES (1)", "VALUES", "VALUES")]
    public void Reads_the_operation_and_the_first_table(string sql, string operation, string summary)
    {
        var read = QuerySummary.FromText(sql);

        Assert.Equal(operation, read.Operation);
        Assert.Equal(summary, read.Text);
    }

    [Fact]
    public void Text_that_holds_no_word_is_summarised_as_the_system()
    {
        var read = QuerySummary.FromText("  ; ");

        Assert.Null(read.Operation);
        Assert.Equal("picodata", read.Text);
    }

    [Fact]
    public void A_generated_summary_is_taken_as_it_is_and_its_first_word_is_the_operation()
    {
        var read = QuerySummary.Of(new PicoStatement("select 1 from users u join orders o on true", PicoStatementKind.Read) { Summary = "SELECT users orders" });

        Assert.Equal("SELECT", read.Operation);
        Assert.Equal("SELECT users orders", read.Text);
    }

    [Fact]
    public void The_same_text_gives_the_same_summary_object()
    {
        var statement = PicoStatement.Infer($"SELECT id FROM cached_{Guid.NewGuid():N}");

        Assert.Same(QuerySummary.Of(statement), QuerySummary.Of(statement));
    }

    [Fact]
    public void A_long_text_is_read_each_time_and_not_kept()
    {
        var rows = string.Join(", ", Enumerable.Range(0, 1000).Select(i => $"({i})"));
        var statement = PicoStatement.Infer($"INSERT INTO numbers VALUES {rows}");

        var first = QuerySummary.Of(statement);

        Assert.Equal("INSERT numbers", first.Text);
        Assert.NotSame(first, QuerySummary.Of(statement));
    }
}
