using Picopyn.Generators.Sql;

namespace Picopyn.Generators.Tests;

/// <summary>
/// The <c>db.query.summary</c> the generator reads off the parsed statement, for the forms OpenTelemetry's
/// database conventions show (<c>SELECT wuser_table</c>, <c>INSERT shipping_details SELECT orders</c>, a join as
/// its tables in order) and Picodata's own statements.
/// </summary>
public sealed class SqlSummaryTests
{
    [Theory]
    [InlineData("SELECT * FROM wuser_table", "SELECT wuser_table")]
    [InlineData("select id, name from Users where id = $1", "SELECT users")]
    [InlineData("SELECT \"Id\" FROM \"Users\"", "SELECT Users")]
    [InlineData("SELECT s.title, a.name FROM songs s JOIN artists a ON s.artist = a.id", "SELECT songs artists")]
    [InlineData("SELECT a FROM t UNION ALL SELECT b FROM u EXCEPT SELECT c FROM t", "SELECT t u")]
    [InlineData("WITH recent (id) AS (SELECT id FROM orders WHERE at > $1) SELECT id FROM recent", "SELECT orders")]
    [InlineData("SELECT id FROM users WHERE id IN (SELECT user_id FROM orders)", "SELECT users orders")]
    [InlineData("SELECT 1", "SELECT")]
    [InlineData("VALUES (1, 'a'), (2, 'b')", "VALUES")]
    [InlineData("INSERT INTO shipping_details SELECT * FROM orders", "INSERT shipping_details SELECT orders")]
    [InlineData("INSERT INTO users (id, name) VALUES ($1, $2)", "INSERT users")]
    [InlineData("UPDATE users SET name = $1 WHERE id = $2", "UPDATE users")]
    [InlineData("DELETE FROM users WHERE id = $1", "DELETE users")]
    [InlineData("EXPLAIN SELECT id FROM users", "EXPLAIN SELECT users")]
    [InlineData("DO $$ BEGIN INSERT INTO audit VALUES ($1); UPDATE users SET n = n + 1 WHERE id = $1; END $$", "DO audit users")]
    [InlineData("TRUNCATE users", "TRUNCATE users")]
    [InlineData("CREATE TABLE items (id INTEGER NOT NULL, PRIMARY KEY (id)) DISTRIBUTED BY (id)", "CREATE TABLE items")]
    [InlineData("DROP TABLE items", "DROP TABLE items")]
    [InlineData("CALL refresh_totals($1)", "CALL refresh_totals")]
    public void Names_the_operation_and_the_tables_in_text_order(string sql, string expected) =>
        Assert.Equal(expected, SqlReader.Read(sql).Summary);

    [Fact]
    public void Carries_no_literal_or_parameter()
    {
        var summary = SqlReader.Read("SELECT id FROM users WHERE name = 'ann' AND id = $1 AND age > 42").Summary;

        Assert.Equal("SELECT users", summary);
    }

    [Fact]
    public void Is_at_most_255_characters()
    {
        var tables = Enumerable.Range(0, 40).Select(i => $"table_number_{i}").ToList();
        var sql = "SELECT 1 FROM " + string.Join(" JOIN ", tables.Select((t, i) => i == 0 ? t : $"{t} ON true"));

        var summary = SqlReader.Read(sql).Summary;

        Assert.True(summary.Length <= 255, summary);
        Assert.StartsWith("SELECT table_number_0 table_number_1", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_statement_that_does_not_parse_is_summarised_by_its_first_word()
    {
        Assert.Equal("SELECT", SqlSummaryReader.Read(SqlParser.Parse("SELECT FROM WHERE")));
    }
}
