using Picopyn.Generators.Sql;

namespace Picopyn.Generators.Tests;

public sealed class SqlReaderTests
{
    private static SqlFault SingleFault(string sql, SqlFaultKind kind, string located)
    {
        var fault = Assert.Single(SqlReader.Read(sql).Faults);
        Assert.Equal(kind, fault.Kind);
        Assert.Equal(located, sql.Substring(fault.Start, fault.Length));
        return fault;
    }

    [Theory]
    [InlineData("SELECT 1", SqlStatementKind.Select)]
    [InlineData("select id from users;", SqlStatementKind.Select)]
    [InlineData("WITH t (x) AS (SELECT 1), u AS (SELECT 2) SELECT x FROM t", SqlStatementKind.Select)]
    [InlineData("SELECT a FROM t UNION ALL SELECT b FROM u EXCEPT SELECT c FROM v", SqlStatementKind.Select)]
    [InlineData("EXPLAIN SELECT 1", SqlStatementKind.Explain)]
    [InlineData("DO $$ BEGIN LET n = (SELECT count(*) FROM t); RETURN QUERY SELECT a FROM t WHERE b = n; END $$", SqlStatementKind.Block)]
    [InlineData("VALUES (1, 'a'), (2, 'b')", SqlStatementKind.Values)]
    [InlineData("INSERT INTO t (a) VALUES ($1)", SqlStatementKind.Insert)]
    [InlineData("INSERT INTO t SELECT * FROM u", SqlStatementKind.Insert)]
    [InlineData("UPDATE t SET a = $1 WHERE id = $2", SqlStatementKind.Update)]
    [InlineData("DELETE FROM t WHERE id = $1", SqlStatementKind.Delete)]
    [InlineData("TRUNCATE t", SqlStatementKind.Truncate)]
    [InlineData("CREATE TABLE t (id INTEGER NOT NULL, PRIMARY KEY (id)) USING memtx DISTRIBUTED BY (id)", SqlStatementKind.Ddl)]
    public void Knows_the_statement_kind_and_finds_no_fault_in_valid_Picodata_SQL(string sql, object expected)
    {
        // The reader's types are internal: xUnit hands the enum over as an object.
        var kind = (SqlStatementKind)expected;
        var analysis = SqlReader.Read(sql);

        Assert.Equal(kind, analysis.Kind);
        Assert.Empty(analysis.Faults);
        Assert.Equal(kind is SqlStatementKind.Select or SqlStatementKind.Values or SqlStatementKind.Explain or SqlStatementKind.Block, analysis.IsRead);
    }

    [Fact]
    public void Counts_placeholders_and_ignores_look_alikes_inside_strings_and_identifiers()
    {
        var analysis = SqlReader.Read("SELECT '$9 -- ;', \"$8\" FROM t WHERE a = $1 AND b = $2 OR c = $1");

        Assert.Empty(analysis.Faults);
        Assert.Equal(2, analysis.ParameterCount);
        Assert.Equal([1, 2, 1], analysis.Placeholders.Select(p => p.Number));
        Assert.Equal(3, SqlReader.Read("INSERT INTO t VALUES (?, ?, ?)").ParameterCount);
    }

    [Fact]
    public void Names_result_columns_as_Picodata_does()
    {
        var sql = "SELECT DISTINCT u.id, Name, \"MixedCase\", email AS Contact, upper(name), coalesce(a, b) AS ab, " +
                  "CASE WHEN x > 1 THEN 'a' ELSE 'b' END, (SELECT max(v) FROM w), u.* FROM users AS u";
        var analysis = SqlReader.Read(sql);

        Assert.Empty(analysis.Faults);
        Assert.Equal(["id", "name", "MixedCase", "contact", "col_1", "ab", "col_2", "col_3", "*"], analysis.Columns.Select(c => c.Name));
        Assert.Equal([true, true, true, true, false, true, false, false, false], analysis.Columns.Select(c => c.IsNamed));
        Assert.True(analysis.Columns[8].IsStar);
        var contact = analysis.Columns[3];
        Assert.Equal("Contact", sql.Substring(contact.Start, contact.Length));
    }

    [Fact]
    public void Names_the_columns_of_the_first_branch_of_a_union_and_of_VALUES()
    {
        Assert.Equal(["a"], SqlReader.Read("WITH c AS (SELECT 1 AS z) SELECT a FROM t UNION SELECT b FROM u").Columns.Select(c => c.Name));
        // VALUES names its columns COLUMN_1, COLUMN_2 (SELECT "COLUMN_1" FROM (VALUES (1)) runs on Picodata).
        Assert.Equal(["COLUMN_1", "COLUMN_2"], SqlReader.Read("VALUES (1, 'x'), (2, 'y')").Columns.Select(c => c.Name));
        Assert.Empty(SqlReader.Read("DELETE FROM t").Columns);
    }

    [Theory]
    [InlineData("SELECT 1 -- why", SqlFaultKind.Comment, "-- why")]
    [InlineData("SELECT /* hint */ 1", SqlFaultKind.Comment, "/* hint */")]
    [InlineData("SELECT 1; SELECT 2", SqlFaultKind.SeveralStatements, "SELECT")]
    [InlineData("SELECT a FROM t WHERE a = $1 AND b = ?", SqlFaultKind.MixedPlaceholders, "?")]
    [InlineData("SELECT a FROM t WHERE a = $0", SqlFaultKind.PlaceholderZero, "$0")]
    [InlineData("SELECT a FROM t WHERE a = $1 AND b = $3", SqlFaultKind.PlaceholderGap, "$3")]
    [InlineData("SELECT a FROM t LIMIT $1", SqlFaultKind.LimitNotLiteral, "$1")]
    [InlineData("SELECT a FROM t ORDER BY a LIMIT 10 OFFSET 20", SqlFaultKind.Offset, "OFFSET")]
    [InlineData("INSERT INTO t (a) VALUES ($1) RETURNING id", SqlFaultKind.Returning, "RETURNING")]
    [InlineData("SELECT a FROM t RIGHT JOIN u ON u.id = t.id", SqlFaultKind.UnsupportedJoin, "RIGHT")]
    [InlineData("SELECT a FROM t FULL OUTER JOIN u ON u.id = t.id", SqlFaultKind.UnsupportedJoin, "FULL")]
    [InlineData("SELECT a FROM t CROSS JOIN u", SqlFaultKind.UnsupportedJoin, "CROSS")]
    [InlineData("SELECT a FROM t NATURAL JOIN u", SqlFaultKind.UnsupportedJoin, "NATURAL")]
    [InlineData("SELECT a FROM t JOIN u USING (id)", SqlFaultKind.UnsupportedJoin, "USING")]
    [InlineData("SELECT a FROM t, u WHERE t.id = u.id", SqlFaultKind.CommaJoin, ",")]
    [InlineData("SELECT a FROM t WHERE id IN (SELECT id FROM u, v)", SqlFaultKind.CommaJoin, ",")]
    [InlineData("SELECT a FROM t JOIN u ON u.k = t.k, v", SqlFaultKind.CommaJoin, ",")]
    [InlineData("BEGIN", SqlFaultKind.TransactionStatement, "BEGIN")]
    [InlineData("commit;", SqlFaultKind.TransactionStatement, "commit")]
    [InlineData("WITH RECURSIVE t AS (SELECT 1) SELECT * FROM t", SqlFaultKind.RecursiveCte, "RECURSIVE")]
    [InlineData("SELECT a, b AS a FROM t", SqlFaultKind.DuplicateColumn, "a")]
    [InlineData("DO $$ BEGIN DELETE FROM t WHERE id = $1; LET n = (SELECT count(*) FROM t); END $$", SqlFaultKind.BlockRule, "LET")]
    [InlineData("DO $$ BEGIN SELECT a FROM t; END $$", SqlFaultKind.BlockRule, "SELECT a FROM t")]
    [InlineData("DO $$ BEGIN LET n = (SELECT a, b FROM t); RETURN QUERY SELECT n; END $$", SqlFaultKind.BlockRule, "(SELECT a, b FROM t)")]
    [InlineData("DO $$ BEGIN RETURN QUERY SELECT a FROM t; RETURN QUERY SELECT a, b FROM t; END $$", SqlFaultKind.BlockRule, "SELECT a, b FROM t")]
    [InlineData("DO $$ BEGIN UPDATE t SET a = (SELECT max(a) FROM t) WHERE id = $1; END $$", SqlFaultKind.BlockRule, "(SELECT max(a) FROM t)")]
    [InlineData("DO $$ BEGIN IF $1 > 0 THEN LET v = (SELECT 2); END IF; RETURN QUERY SELECT v; END $$", SqlFaultKind.BlockRule, "v")]
    [InlineData("DO $$ BEGIN LET a = (SELECT 1); RETURN QUERY SELECT a; LET a = (SELECT 'kek'); END $$", SqlFaultKind.BlockRule, "a")]
    [InlineData("INSERT INTO t VALUES ($1) ON CONFLICT DO UPDATE SET a = 1", SqlFaultKind.ConflictUpdateOutsideBlock, "UPDATE")]
    [InlineData("SELECT 'unterminated FROM t", SqlFaultKind.Syntax, "'unterminated FROM t")]
    [InlineData("SELECT (a FROM t", SqlFaultKind.Syntax, "FROM")]
    [InlineData("SELECT FROM t", SqlFaultKind.Syntax, "FROM")]
    [InlineData("(SELECT a FROM t) UNION ALL (SELECT b FROM u)", SqlFaultKind.Syntax, "(")]
    [InlineData("SELECT a FROM t u RIGHT JOIN v ON v.id = u.id", SqlFaultKind.UnsupportedJoin, "RIGHT")]
    public void Reports_what_Picodata_refuses_on_the_offending_token(string sql, object kind, string located)
    {
        var fault = SingleFault(sql, (SqlFaultKind)kind, located);

        Assert.False(string.IsNullOrWhiteSpace(fault.Message));
    }

    [Theory]
    [InlineData("SELECT a FROM t LIMIT 10")]
    [InlineData("SELECT a FROM t LIMIT ALL")]
    [InlineData("SELECT coalesce(a, b), substr(x, y) FROM t JOIN u ON u.k = t.k LEFT OUTER JOIN v ON v.k = t.k")]
    [InlineData("SELECT upper(full_name), cross_ref, right_side FROM t")]
    [InlineData("CREATE INDEX i ON t USING TREE (a, b)")]
    [InlineData("SELECT 'it''s -- fine; really' AS s")]
    [InlineData("UPDATE t SET a = 1, b = 2 WHERE id IN (1, 2)")]
    [InlineData("INSERT INTO t (a, b) VALUES (1, 2), (3, 4)")]
    public void Accepts_look_alikes_of_refused_constructs(string sql)
    {
        Assert.Empty(SqlReader.Read(sql).Faults);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(";")]
    public void Empty_sql_is_a_syntax_fault_over_the_whole_text(string sql)
    {
        var fault = Assert.Single(SqlReader.Read(sql).Faults);

        Assert.Equal(SqlFaultKind.Syntax, fault.Kind);
        Assert.Equal(0, fault.Start);
    }

    [Fact]
    public void Garbage_never_throws_and_every_fault_lies_inside_the_text()
    {
        string[] fragments = ["SELECT", "FROM", "(", ")", ",", "'", "\"", "$", "$1", "?", "--", "/*", "*/", ";", "WITH", "AS", "LIMIT", "JOIN", "a", "1", "*", ".", "::", "é", "\n"];
        var random = new Random(20261124);
        for (var run = 0; run < 3000; run++)
        {
            var sql = string.Join(random.Next(3) == 0 ? "" : " ", Enumerable.Range(0, random.Next(12)).Select(_ => fragments[random.Next(fragments.Length)]));

            var analysis = SqlReader.Read(sql);

            Assert.All(analysis.Faults, f => Assert.InRange(f.Start + f.Length, 0, Math.Max(1, sql.Length)));
        }
    }

    [Fact]
    public void Reading_the_same_sql_twice_gives_equal_analyses_for_the_incremental_cache()
    {
        const string sql = "SELECT id, name FROM users WHERE id = $1 OFFSET 3";

        var first = SqlReader.Read(sql);
        var second = SqlReader.Read(sql);

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, SqlReader.Read(sql.Replace("name", "email", StringComparison.Ordinal)));
    }
}
