using System.Collections.Generic;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Sql;

internal sealed partial class SqlParser
{
    private const string AStatement = "a statement: SELECT, VALUES, INSERT, UPDATE, DELETE, DO, EXPLAIN, CALL, CREATE, ALTER, DROP, TRUNCATE, GRANT, REVOKE or SET";

    // Command = SOI ~ (AnonymousBlock | Query | ExplainQuery | CallProc | DDL | ACL | TCL | Plugin | Deallocate | EmptyQuery) ~ EOF
    private StatementSyntax Command()
    {
        var start = Start;
        var statement = Statement();
        EndOfCommand();
        return statement;

        StatementSyntax Statement()
        {
            if (AtEnd || Current.IsSymbol(";"))
            {
                return new EmptyStatementSyntax(new TextSpan(start, 0));
            }

            var word = Current.Kind == SqlTokenKind.Word ? Current.Text.ToLowerInvariant() : string.Empty;
            switch (word)
            {
                case "do":
                    return AnonymousBlock();
                case "select" or "with" or "values" or "insert" or "update" or "delete":
                    return Query();
                case "explain":
                    return Explain();
                case "call":
                    return CallProc();
                case "create" or "drop" or "alter" or "truncate" or "set" or "backup":
                    return DdlOrAcl(word);
                case "grant" or "revoke" or "audit":
                    return Acl(word);
                case "deallocate":
                    return Deallocate();
                case "begin" or "commit" or "rollback" or "end":
                    var keyword = Advance();
                    return new TransactionStatementSyntax(TextSpan.Of(keyword), new KeywordSyntax(TextSpan.Of(keyword), word));
            }

            if (Current.IsSymbol("("))
            {
                Fail(AStatement + " (Picodata does not take a query in parentheses at the top)");
            }
            else
            {
                Fail(AStatement);
            }

            return new EmptyStatementSyntax(new TextSpan(start, 0));
        }
    }

    // EOF = (";" ~ WO)* ~ EOI. What follows a statement and is not the end is its first fault.
    private void EndOfCommand()
    {
        if (Failed)
        {
            return;
        }

        var semicolon = false;
        while (AcceptSymbol(";"))
        {
            semicolon = true;
        }

        if (AtEnd)
        {
            return;
        }

        if (semicolon)
        {
            FailAt(Current, SqlFaultKind.SeveralStatements, "Picodata takes one statement per request; split this into separate queries.");
        }
        else if (Current.IsWord("offset"))
        {
            FailAt(Current, SqlFaultKind.Offset, OffsetMessage);
        }
        else if (Current.IsWord("returning"))
        {
            FailAt(Current, SqlFaultKind.Returning, "Picodata has no RETURNING; read the rows back with a SELECT.");
        }
        else if (Current.IsWord("intersect"))
        {
            FailAt(Current, SqlFaultKind.Syntax, "Picodata has no INTERSECT: only UNION [ALL] and EXCEPT.");
        }
        else
        {
            Fail(Offered("the end of the statement"));
        }
    }

    private const string OffsetMessage = "Picodata has no OFFSET; page by a key instead (WHERE id > $1 ORDER BY id LIMIT n).";

    // ExplainQuery = Explain = ^"explain" ~ (WO ~ ExplainQueryPlan)? ~ W ~ (Query | AnonymousBlock)
    private ExplainStatementSyntax Explain()
    {
        var start = Start;
        Advance();
        var facets = new List<KeywordSyntax>();
        if (AcceptSymbol("("))
        {
            // ExplainQueryPlan: ( facet, … ) with ExplainFacet = RAW | FMT | BUCKETS | LOGICAL | FORWARD | CONTEXT
            do
            {
                if (At("raw") || At("fmt") || At("buckets") || At("logical") || At("forward") || At("context"))
                {
                    var facet = Advance();
                    facets.Add(new KeywordSyntax(TextSpan.Of(facet), facet.Text.ToLowerInvariant()));
                }
                else
                {
                    Fail("RAW, FMT, BUCKETS, LOGICAL, FORWARD or CONTEXT in EXPLAIN (…)");
                }
            }
            while (!Failed && AcceptSymbol(","));

            ExpectSymbol(")", "')' to close EXPLAIN's options");
        }

        StatementSyntax statement;
        if (At("do"))
        {
            statement = AnonymousBlock();
        }
        else if (At("select") || At("with") || At("values") || At("insert") || At("update") || At("delete"))
        {
            statement = Query();
        }
        else
        {
            Fail("a query or a DO block to explain");
            statement = new EmptyStatementSyntax(new TextSpan(Start, 0));
        }

        return new ExplainStatementSyntax(From(start), facets, statement);
    }

    // CallProc = ^"call" ~ (PublicSchema)? ~ Identifier ~ "(" ~ ProcValues ~ ")" ~ DqlOption?
    private CallStatementSyntax CallProc()
    {
        var start = Start;
        Advance();
        PublicSchema();
        var name = Identifier("the procedure's name after CALL");
        ExpectSymbol("(", "'(' and the procedure's arguments");
        var arguments = new List<ExpressionSyntax>();
        if (!AtSymbol(")"))
        {
            do
            {
                // ProcValue = Literal | Parameter
                var value = Atom("a literal or a placeholder as the procedure's argument");
                if (value is not (LiteralSyntax or ParameterSyntax) && !Failed)
                {
                    FailAt(Previous, SqlFaultKind.Syntax, "A procedure's arguments are literals or placeholders, not expressions.");
                }

                arguments.Add(value);
            }
            while (!Failed && AcceptSymbol(","));
        }

        ExpectSymbol(")", "')' to close the procedure's arguments");
        var option = DqlOption();
        return new CallStatementSyntax(From(start), name, arguments, option);
    }

    // Deallocate = ^"deallocate" ~ (W ~ ^"prepare")? ~ W ~ (^"all" | Identifier)
    private OtherStatementSyntax Deallocate()
    {
        var start = Start;
        Advance();
        Accept("prepare");
        var parts = new List<SyntaxNode>();
        if (!Accept("all"))
        {
            parts.Add(Identifier("ALL or the name of a prepared statement after DEALLOCATE"));
        }

        return new OtherStatementSyntax(From(start), "Deallocate", parts);
    }
}
