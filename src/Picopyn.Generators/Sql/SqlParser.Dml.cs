using System.Collections.Generic;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Sql;

internal sealed partial class SqlParser
{
    // Insert = ^"insert" ~ ^"into" ~ PublicSchema? ~ Table ~ TargetColumns? ~ (SelectFull | InsertValues) ~ OnConflict?
    private InsertStatementSyntax Insert()
    {
        var start = Start;
        Advance();
        Expect("into", "INTO after INSERT");
        PublicSchema();
        var table = Identifier("the table to insert into");
        var columns = AtSymbol("(") ? IdentifierList("the columns to insert") : [];
        QueryStatementSyntax source;
        if (At("values"))
        {
            source = Values();
        }
        else if (At("select") || At("with"))
        {
            source = SelectFull(allowWith: true);
        }
        else
        {
            Fail(columns.Count == 0 ? "a column list, VALUES or SELECT after the table" : "VALUES or SELECT after the column list");
            source = new ValuesStatementSyntax(From(Start), [], null);
        }

        var onConflict = OnConflict();
        return new InsertStatementSyntax(From(start), table, columns, source, onConflict, null);
    }

    // OnConflict = ^"on" ~ ^"conflict" ~ ConflictTarget? ~ ^"do" ~ (DoUpdate | DoNothing | DoReplace | DoFail)
    private OnConflictSyntax? OnConflict()
    {
        if (!At("on"))
        {
            Offer("ON CONFLICT");
            return null;
        }

        var start = Start;
        Advance();
        Expect("conflict", "CONFLICT after ON");
        var target = AtSymbol("(") ? IdentifierList("the conflict target's columns") : [];
        Expect("do", "DO after ON CONFLICT");
        var actionToken = Current;
        var updates = new List<AssignmentSyntax>();
        string action;
        if (Accept("update"))
        {
            action = "DoUpdate";
            Expect("set", "SET after DO UPDATE");
            do
            {
                // DoUpdateItem = (DoUpdateColumnRef | Identifier) ~ "=" ~ DoUpdateExpr
                var itemStart = Start;
                IdentifierSyntax? qualifier = null;
                var column = Identifier("a column to set");
                if (AcceptSymbol("."))
                {
                    qualifier = column;
                    column = Identifier("a column name after '.'");
                }

                ExpectSymbol("=", "'=' after the column to set");
                var value = Expression("a value after '='");
                updates.Add(new AssignmentSyntax(From(itemStart), qualifier, column, value));
            }
            while (!Failed && AcceptSymbol(","));
        }
        else if (Accept("nothing"))
        {
            action = "DoNothing";
        }
        else if (Accept("replace"))
        {
            action = "DoReplace";
        }
        else if (Accept("fail"))
        {
            action = "DoFail";
        }
        else
        {
            Fail("UPDATE SET, NOTHING, REPLACE or FAIL after ON CONFLICT DO");
            action = string.Empty;
        }

        return new OnConflictSyntax(From(start), target, action, TextSpan.Of(actionToken), updates);
    }

    // Update = ^"update" ~ PublicSchema? ~ IndexedTableScan ~ ^"set" ~ UpdateList ~ (UpdateFrom | WhereClause)?
    private UpdateStatementSyntax Update()
    {
        var start = Start;
        Advance();
        PublicSchema();
        var table = Identifier("the table to update");
        var indexedBy = IndexedByExpr();
        Expect("set", "SET after the table to update");
        var assignments = new List<AssignmentSyntax>();
        do
        {
            // UpdateItem = Identifier ~ "=" ~ Expr
            var itemStart = Start;
            var column = Identifier(assignments.Count == 0 ? "a column to set after SET" : "a column to set after ','");
            if (AtSymbol("."))
            {
                Fail("'=' after the column to set (UPDATE sets a column by its bare name, without the table)");
            }

            ExpectSymbol("=", "'=' after the column to set");
            var value = Expression("a value after '='");
            assignments.Add(new AssignmentSyntax(From(itemStart), null, column, value));
        }
        while (!Failed && AcceptSymbol(","));

        TableSourceSyntax? from = null;
        ExpressionSyntax? where;
        if (Accept("from"))
        {
            // UpdateFrom = ^"from" ~ Scan ~ (^"where" ~ Expr)?
            from = Scan();
            where = WhereClause();
        }
        else
        {
            Offer("FROM");
            where = WhereClause();
        }

        return new UpdateStatementSyntax(From(start), table, indexedBy, assignments, from, where, null);
    }

    // Delete = ^"delete" ~ ^"from" ~ PublicSchema? ~ IndexedTableScan ~ (^"where" ~ DeleteFilter)?
    private DeleteStatementSyntax Delete()
    {
        var start = Start;
        Advance();
        Expect("from", "FROM after DELETE");
        PublicSchema();
        var table = Identifier("the table to delete from");
        var indexedBy = IndexedByExpr();
        var where = WhereClause();
        return new DeleteStatementSyntax(From(start), table, indexedBy, where, null);
    }
}
