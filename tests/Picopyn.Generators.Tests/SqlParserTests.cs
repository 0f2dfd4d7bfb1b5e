using Picopyn.Generators.Sql;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Tests;

/// <summary>
/// The parser of Picodata's grammar: one fault, on the token where the grammar fails, saying what was
/// expected there; and trees whose nodes keep their spans. (Picodata's own suite: Conformance/.)
/// </summary>
public sealed class SqlParserTests
{
    // The mistakes a user makes, each with the text the fault covers and words its message must have.
    [Theory]
    [InlineData("select id from users where id = $1 and", "and", "an expression after AND")]
    [InlineData("select id,, name from users", ",", "a column or expression after ','")]
    [InlineData("select id from users where id in ()", ")", "IN (…)")]
    [InlineData("select case when id = 1 then 'a' from users", "from", "END to close CASE")]
    [InlineData("select case id then 1 end from users", "then", "WHEN")]
    [InlineData("select * from users join orders where users.id = 1", "where", "ON and a join condition after the joined table")]
    [InlineData("update users where id = 1", "where", "SET after the table to update")]
    [InlineData("delete users where id = 1", "users", "FROM after DELETE")]
    [InlineData("select id from users where id = 1 garbage", "garbage", "or the end of the statement")]
    [InlineData("select id + from users", "from", "an expression after '+'")]
    [InlineData("select count(* from users", "from", "')' to close count(")]
    [InlineData("select id from users where", "where", "a condition after WHERE")]
    [InlineData("select id from users group by", "by", "an expression to group by")]
    [InlineData("select id from users order by id desc nulls", "nulls", "FIRST or LAST after NULLS")]
    [InlineData("select a from t where a between 1", "1", "AND and the upper bound of BETWEEN")]
    [InlineData("select a from t where a is", "is", "NULL, NOT, TRUE, FALSE or UNKNOWN after IS")]
    [InlineData("select cast(a integer) from t", "integer", "AS and a type in CAST")]
    [InlineData("select a::bigdecimal from t", "bigdecimal", "'bigdecimal' is not a Picodata type")]
    [InlineData("select from users", "from", "an expression or * to select")]
    [InlineData("select id from users u left users v on u.id = v.id", "users", "JOIN after LEFT")]
    [InlineData("insert into users (id, name) (1, 'a')", "(", "VALUES or SELECT after the column list")]
    [InlineData("insert users values (1)", "users", "INTO after INSERT")]
    [InlineData("insert into users values (1, 2", "2", "')' to close the row")]
    [InlineData("select id from users where name = 'ann", "'ann", "never closed")]
    [InlineData("select id from users limit", "limit", "an unsigned number or ALL after LIMIT")]
    [InlineData("select a from (select a from t", "t", "')' to close the subquery")]
    [InlineData("create table t (id integer primary key", "key", "',' or ')' after the column definition")]
    [InlineData("create table t (id integr primary key)", "integr", "'integr' is not a Picodata column type")]
    [InlineData("DO $$ BEGIN VALUES 1; END $$", "1", "'(' and a row of values")]
    [InlineData("DO $$ BEGIN RETURN QUERY SELECT 1 END $$", "END", "';' after the RETURN QUERY statement")]
    [InlineData("DO $$ BEGIN IF $1 > 0 THEN DELETE FROM t; END $$", "$$", "IF after END")]
    [InlineData("explain", "explain", "a query or a DO block to explain")]
    [InlineData("select 1 from t where select", "select", "a subquery goes in parentheses")]
    [InlineData("select order from t", "order", "the keyword ORDER")]
    public void Reports_one_fault_on_the_token_where_the_grammar_fails(string sql, string located, string expected)
    {
        var tree = SqlParser.Parse(sql);

        Assert.Null(tree.Statement);
        var fault = tree.Error!;
        Assert.Equal(SqlFaultKind.Syntax, fault.Kind);
        Assert.Equal(located, sql.Substring(fault.Start, fault.Length));
        Assert.Contains(expected, fault.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("select a from t where a not like 'x%'", "not", "NOT (a LIKE b)")]
    [InlineData("select -a from t", "-", "no unary minus")]
    [InlineData("select a from t intersect select a from u", "intersect", "no INTERSECT")]
    [InlineData("(select a from t)", "(", "query in parentheses")]
    [InlineData("select count(distinct) from t", ")", "an expression after DISTINCT")]
    public void Says_what_Picodata_lacks_where_users_reach_for_it(string sql, string located, string expected)
    {
        var fault = SqlParser.Parse(sql).Error!;

        Assert.Equal(located, sql.Substring(fault.Start, fault.Length));
        Assert.Contains(expected, fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Follows_Picodatas_operator_precedence()
    {
        var select = Where("select a from t where not a = 1 and b or c between 1 and 2 and d like 'x' escape '!'");

        // OR < AND < NOT < LIKE < BETWEEN < comparison: ((NOT (a = 1)) AND b) OR ((c BETWEEN 1 AND 2) AND (d LIKE 'x' ESCAPE '!'))
        var or = Assert.IsType<BinaryExpressionSyntax>(select);
        Assert.Equal(BinaryOperator.Or, or.Operator);
        var left = Assert.IsType<BinaryExpressionSyntax>(or.Left);
        Assert.Equal(BinaryOperator.And, left.Operator);
        var not = Assert.IsType<NotExpressionSyntax>(left.Left);
        Assert.Equal(BinaryOperator.Eq, Assert.IsType<BinaryExpressionSyntax>(not.Operand).Operator);
        var right = Assert.IsType<BinaryExpressionSyntax>(or.Right);
        Assert.IsType<BetweenExpressionSyntax>(right.Left);
        Assert.NotNull(Assert.IsType<LikeExpressionSyntax>(right.Right).Escape);

        // IS binds tighter than arithmetic, casts tighter still: a + (b::int IS NULL).
        var sum = Assert.IsType<BinaryExpressionSyntax>(Where("select 1 from t where a + b::int is null"));
        Assert.Equal(BinaryOperator.Add, sum.Operator);
        Assert.IsType<CastExpressionSyntax>(Assert.IsType<IsExpressionSyntax>(sum.Right).Operand);

        // * before +, || after both: (a + (b * c)) || d.
        var concat = Assert.IsType<BinaryExpressionSyntax>(Where("select 1 from t where a + b * c || d"));
        Assert.Equal(BinaryOperator.Concat, concat.Operator);
        Assert.Equal(BinaryOperator.Multiply, Assert.IsType<BinaryExpressionSyntax>(Assert.IsType<BinaryExpressionSyntax>(concat.Left).Right).Operator);
    }

    [Fact]
    public void Keeps_every_nodes_span_in_the_sql_text()
    {
        const string sql = "select u.id, count(*) as n from users u left join orders o on o.user_id = u.id where u.name = $1 group by u.id";
        var tree = SqlParser.Parse(sql);
        var statement = Assert.IsType<SelectStatementSyntax>(tree.Statement);

        Assert.Equal(sql, tree.TextOf(statement.Span));
        var select = statement.FirstSelect;
        Assert.Equal("u.id", tree.TextOf(select.Projection[0].Span));
        Assert.Equal("count(*) as n", tree.TextOf(select.Projection[1].Span));
        Assert.Equal("users u", tree.TextOf(select.From!.Span));
        var join = Assert.Single(select.Joins);
        Assert.True(join.IsLeft);
        Assert.Equal("left join orders o on o.user_id = u.id", tree.TextOf(join.Span));
        Assert.Equal("u.name = $1", tree.TextOf(select.Where!.Span));
        Assert.All(statement.DescendantNodes(), node => Assert.InRange(node.Span.End, node.Span.Start, sql.Length));
    }

    [Fact]
    public void Reads_a_transactional_block_as_statements()
    {
        var block = Assert.IsType<BlockStatementSyntax>(SqlParser.Parse(
            "DO $$ BEGIN LET n = (SELECT count(*) FROM t); IF n > 0 THEN DELETE FROM t WHERE id = $1; END IF; " +
            "RETURN QUERY SELECT n; END $$ OPTION (sql_vdbe_opcode_max = 100)").Statement);

        Assert.Collection(block.Items,
            item => Assert.Equal("n", Assert.IsType<LetItemSyntax>(item).Name.Name),
            item => Assert.IsType<DeleteStatementSyntax>(Assert.IsType<QueryItemSyntax>(Assert.Single(Assert.IsType<IfItemSyntax>(item).Body)).Query),
            item => Assert.IsType<SelectStatementSyntax>(Assert.IsType<ReturnQueryItemSyntax>(item).Query));
        Assert.Equal("sql_vdbe_opcode_max", Assert.Single(block.Option!.Options).Name);
    }

    [Fact]
    public void Never_throws_and_never_overflows_on_deep_nesting()
    {
        var deep = "select " + new string('(', 5000) + "1" + new string(')', 5000);

        var fault = SqlParser.Parse(deep).Error!;

        Assert.Contains("nests deeper", fault.Message, StringComparison.Ordinal);
    }

    private static ExpressionSyntax Where(string sql) =>
        Assert.IsType<SelectStatementSyntax>(SqlParser.Parse(sql).Statement).FirstSelect.Where!;
}
