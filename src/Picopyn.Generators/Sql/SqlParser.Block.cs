using System.Collections.Generic;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Sql;

internal sealed partial class SqlParser
{
    // AnonymousBlock = ^"do" ~ ExplicitBlockLanguage? ~ "$$" ~ AnonymousBlockCode ~ "$$" ~ AnonymousBlockOptions?
    private BlockStatementSyntax AnonymousBlock()
    {
        var start = Start;
        Advance();
        if (Accept("language"))
        {
            // ExplicitBlockLanguage = ^"language" ~ SqlLanguage
            Expect("sql", "SQL after LANGUAGE");
        }

        ExpectSymbol("$$", "$$ and the block's BEGIN … END after DO");

        // AnonymousBlockCode = ^"begin" ~ BlockStatement+ ~ ^"end"
        Expect("begin", "BEGIN after $$");
        var items = new List<BlockItemSyntax>();
        BlockStatements(items, "END $$ to close the block");
        if (items.Count == 0 && !Failed)
        {
            Fail("a statement in the block: LET, IF, RETURN QUERY, INSERT, UPDATE or DELETE");
        }

        Expect("end", "END to close the block's BEGIN");
        ExpectSymbol("$$", "$$ after the block's END");
        var option = DqlOption();
        return new BlockStatementSyntax(From(start), items, option);
    }

    // BlockStatement* up to the END that closes the enclosing block or IF.
    private void BlockStatements(List<BlockItemSyntax> items, string orEnd)
    {
        while (!Failed && !At("end"))
        {
            if (AtEnd || AtSymbol("$$"))
            {
                Fail(orEnd);
                return;
            }

            items.Add(BlockStatement());
        }
    }

    // BlockStatement = BlockIfStatement | BlockLetStatement | BlockReturnQueryStatement | BlockQueryStatement
    private BlockItemSyntax BlockStatement()
    {
        var start = Start;
        if (Accept("if"))
        {
            // BlockIfStatement = ^"if" ~ BlockIfCondition ~ ^"then" ~ BlockIfBodyStatement* ~ ^"end" ~ ^"if" ~ ";"
            var condition = Expression("a condition after IF");
            Expect("then", "THEN after the IF condition");
            var body = new List<BlockItemSyntax>();
            BlockStatements(body, "END IF to close the IF");
            Expect("end", "END IF to close the IF");
            Expect("if", "IF after END (END IF closes an IF)");
            ExpectSymbol(";", "';' after END IF");
            return new IfItemSyntax(From(start), condition, body);
        }

        if (Accept("let"))
        {
            // BlockLetStatement = ^"let" ~ Identifier ~ "=" ~ SubQuery ~ ";"
            var name = Identifier("a variable name after LET");
            ExpectSymbol("=", "'=' after the LET variable's name");
            if (!AtSymbol("("))
            {
                Fail("a subquery in parentheses after '=' (LET takes its value from a query)");
            }

            var value = SubQuery();
            ExpectSymbol(";", "';' after the LET statement");
            return new LetItemSyntax(From(start), name, value);
        }

        if (AcceptAll("return", "query"))
        {
            // BlockReturnQueryStatement = ^"return" ~ ^"query" ~ Query ~ ";"
            var returned = BlockQuery("a query after RETURN QUERY");
            ExpectSymbol(";", "';' after the RETURN QUERY statement");
            return new ReturnQueryItemSyntax(From(start), returned);
        }

        // BlockQueryStatement = Query ~ ";"
        var query = BlockQuery("LET, IF, RETURN QUERY, INSERT, UPDATE, DELETE or END in the block");
        ExpectSymbol(";", "';' after the statement");
        return new QueryItemSyntax(From(start), query);
    }

    private QueryStatementSyntax BlockQuery(string expected)
    {
        if (At("select") || At("with") || At("values") || At("insert") || At("update") || At("delete"))
        {
            return Query();
        }

        Fail(expected);
        return new ValuesStatementSyntax(From(Start), [], null);
    }
}
