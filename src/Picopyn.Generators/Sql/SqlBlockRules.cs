using System.Collections.Generic;
using System.Linq;
using Picopyn.Generators.Schema;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Sql;

/// <summary>
/// The walk for what Picodata refuses in transactional blocks, from its own error texts
/// (<c>sql-frontend</c>'s block validation; the corpus cases of <c>test/int/sql/anonymous_block*.sql</c>):
/// <c>LET</c> and <c>RETURN QUERY</c> before any DML, no bare query, one-column <c>LET</c>s, <c>RETURN QUERY</c>s of
/// one width, no subquery in an <c>UPDATE</c>; and <c>ON CONFLICT DO UPDATE</c> only inside a block.
/// </summary>
internal static class SqlBlockRules
{
    public static void Check(StatementSyntax statement, SqlSyntaxTree tree, List<SqlFault> faults)
    {
        if (statement is BlockStatementSyntax block)
        {
            var state = new BlockState();
            Items(block.Items, tree, state, faults);
            return;
        }

        if (statement is InsertStatementSyntax { OnConflict: { Action: "DoUpdate" } conflict })
        {
            faults.Add(Fault(SqlFaultKind.ConflictUpdateOutsideBlock, conflict.ActionSpan,
                "Picodata supports ON CONFLICT DO UPDATE only in transactional blocks: wrap the INSERT in DO $$ BEGIN …; END $$, " +
                "or use DO REPLACE or DO NOTHING."));
        }
    }

    private sealed class BlockState
    {
        public TextSpan? FirstDml;
        public int? ReturnWidth;

        // The LET variables in scope, innermost IF last, each with the type its query's text tells.
        public readonly List<Dictionary<string, PicoType>> Scopes = [new(System.StringComparer.Ordinal)];

        // Variables whose IF has ended: using one where no table can mean it is an error.
        public readonly HashSet<string> Ended = new(System.StringComparer.Ordinal);

        public PicoType? Declared(string name)
        {
            for (var i = Scopes.Count - 1; i >= 0; i--)
            {
                if (Scopes[i].TryGetValue(name, out var type))
                {
                    return type;
                }
            }

            return null;
        }
    }

    private static void Items(IReadOnlyList<BlockItemSyntax> items, SqlSyntaxTree tree, BlockState state, List<SqlFault> faults)
    {
        foreach (var item in items)
        {
            switch (item)
            {
                case LetItemSyntax let:
                    AfterDml(state, Keyword(let, let.Name.Span.Start, tree), "LET", faults);
                    OutOfScope(let.Value, state, faults);
                    if (Width(let.Value.Query) is { } width && width != 1)
                    {
                        faults.Add(Fault(SqlFaultKind.BlockRule, let.Value.Span,
                            $"A LET takes its value from a one-column query; this one has {width} columns."));
                    }

                    Declare(let, state, faults);
                    break;
                case ReturnQueryItemSyntax returned:
                    AfterDml(state, Keyword(returned, returned.Query.Span.Start, tree), "RETURN QUERY", faults);
                    OutOfScope(returned.Query, state, faults);
                    if (Width(returned.Query) is { } returnWidth)
                    {
                        if (state.ReturnWidth is { } first && first != returnWidth)
                        {
                            faults.Add(Fault(SqlFaultKind.BlockRule, returned.Query.Span,
                                $"Every RETURN QUERY of a block returns rows of one shape: this one has {returnWidth} columns, the first {first}."));
                        }

                        state.ReturnWidth ??= returnWidth;
                    }

                    break;
                case QueryItemSyntax { Query: SelectStatementSyntax or ValuesStatementSyntax } bare:
                    faults.Add(Fault(SqlFaultKind.BlockRule, bare.Query.Span,
                        "A block does not run a bare query: take its value with LET name = (…), or return its rows with RETURN QUERY."));
                    break;
                case QueryItemSyntax dml:
                    state.FirstDml ??= dml.Query.Span;
                    if (dml.Query is UpdateStatementSyntax update && update.DescendantNodes().OfType<SubquerySyntax>().FirstOrDefault() is { } subquery)
                    {
                        faults.Add(Fault(SqlFaultKind.BlockRule, subquery.Span,
                            "An UPDATE in a block cannot have subqueries: take the value with LET name = (…) first and use name here."));
                    }

                    break;
                case IfItemSyntax branch:
                    state.Scopes.Add(new Dictionary<string, PicoType>(System.StringComparer.Ordinal));
                    Items(branch.Body, tree, state, faults);
                    var ended = state.Scopes[state.Scopes.Count - 1];
                    state.Scopes.RemoveAt(state.Scopes.Count - 1);
                    state.Ended.UnionWith(ended.Keys.Where(name => state.Declared(name) is null));
                    break;
            }
        }
    }

    // LET v = (…) again: Picodata takes it only with the type v had ("cannot be redeclared with a different type").
    private static void Declare(LetItemSyntax let, BlockState state, List<SqlFault> faults)
    {
        var type = let.Value.Query is SelectStatementSyntax { Body: SelectSyntax { Projection: { Count: 1 } projection } } && projection[0] is ExpressionItemSyntax item
            ? SqlTypeRules.ProjectedTypeOf(item.Expression)
            : PicoType.Unknown;
        if (state.Declared(let.Name.Name) is { } earlier && OperatorTypes.CannotUnify(earlier, type))
        {
            faults.Add(Fault(SqlFaultKind.BlockRule, let.Name.Span,
                $"LET variable \"{let.Name.Name}\" was {OperatorTypes.Name(earlier)} and cannot be redeclared as {OperatorTypes.Name(type)}: give the new value another name."));
        }

        state.Scopes[state.Scopes.Count - 1][let.Name.Name] = type;
        state.Ended.Remove(let.Name.Name);
    }

    // A variable of an ended IF, used bare in a SELECT that has no table to mean it instead.
    private static void OutOfScope(SyntaxNode statement, BlockState state, List<SqlFault> faults)
    {
        foreach (var select in statement.DescendantNodes().Prepend(statement).OfType<SelectSyntax>().Where(s => s.From is null))
        {
            var used = select.DescendantNodes(n => n is not SubquerySyntax).OfType<ColumnReferenceSyntax>()
                .FirstOrDefault(c => c.Qualifier is null && state.Ended.Contains(c.Name.Name) && state.Declared(c.Name.Name) is null);
            if (used is not null)
            {
                faults.Add(Fault(SqlFaultKind.BlockRule, used.Span,
                    $"LET variable \"{used.Name.Name}\" is out of scope: it was declared inside an IF that has ended; declare it before the IF."));
                return;
            }
        }
    }

    private static void AfterDml(BlockState state, TextSpan keyword, string what, List<SqlFault> faults)
    {
        if (state.FirstDml is not null)
        {
            faults.Add(Fault(SqlFaultKind.BlockRule, keyword,
                $"Picodata runs a block's LET and RETURN QUERY statements before its DML: move this {what} above the first INSERT, UPDATE or DELETE."));
        }
    }

    // The item's leading words (LET, RETURN QUERY): from its start to what follows them, trailing blanks dropped.
    private static TextSpan Keyword(BlockItemSyntax item, int next, SqlSyntaxTree tree)
    {
        var end = next;
        while (end > item.Span.Start && char.IsWhiteSpace(tree.Text[end - 1]))
        {
            end--;
        }

        return new TextSpan(item.Span.Start, end - item.Span.Start);
    }

    private static int? Width(QueryStatementSyntax query) => query switch
    {
        SelectStatementSyntax select => select.FirstSelect.Width,
        ValuesStatementSyntax values => values.Width,
        _ => null,
    };

    private static SqlFault Fault(SqlFaultKind kind, TextSpan span, string message) => new(kind, span.Start, System.Math.Max(1, span.Length), message);
}
