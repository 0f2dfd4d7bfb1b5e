using System.Collections.Generic;
using System.Linq;
using Picopyn.Generators.Diagnostics;
using Picopyn.Generators.Schema;
using Picopyn.Generators.Sql;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Binding;

// SELECT, VALUES, set operations and CTEs; FROM and JOIN; resolving table and column names.
internal sealed partial class StatementTyper
{
    private List<QueryItem> Query(QueryStatementSyntax query, out QueryScope scope)
    {
        if (query is ValuesStatementSyntax values)
        {
            scope = new QueryScope();
            return Values(values);
        }

        if (query is not SelectStatementSyntax select)
        {
            scope = new QueryScope();
            return [];
        }

        var ctes = new Dictionary<string, QuerySource>();
        _ctes.Add(ctes);
        try
        {
            foreach (var cte in select.Ctes)
            {
                var items = Query(cte.Query, out _);
                ctes[cte.Name.Name] = new QuerySource(cte.Name.Name, $"'{cte.Name.Name}'",
                    Columns(items, cte.Columns.Count == 0 ? null : cte.Columns.Select(c => c.Name).ToList()), nullable: false);
            }

            var (result, first) = Body(select.Body);
            scope = first;
            foreach (var order in select.OrderBy)
            {
                Expression(order.Expression, scope);
            }

            return result;
        }
        finally
        {
            _ctes.RemoveAt(_ctes.Count - 1);
        }
    }

    // A SELECT or a set operation of them: the first SELECT's items and scope name the result.
    private (List<QueryItem> Items, QueryScope Scope) Body(SelectBodySyntax body)
    {
        if (body is SetOperationSyntax set)
        {
            var left = Body(set.Left);
            var right = Select(set.Right, out _);

            // Picodata unifies each column's types across the arms ("Unable to unify inconsistent types").
            var aligned = !left.Items.Any(i => i.IsStar) && !right.Any(i => i.IsStar);
            for (var i = 0; aligned && i < System.Math.Min(left.Items.Count, right.Count); i++)
            {
                if (OperatorTypes.CannotUnify(left.Items[i].Type.Type, right[i].Type.Type))
                {
                    _diagnostics.Add(DiagnosticDescriptors.SqlTypeMismatch, At(set.Right.Projection[i].Span),
                        $"Column {i + 1} is {OperatorTypes.Name(left.Items[i].Type.Type)} in the first arm and {OperatorTypes.Name(right[i].Type.Type)} here: Picodata cannot unify them; cast one.");
                    break;
                }
            }

            return left;
        }

        var items = Select((SelectSyntax)body, out var scope);
        return (items, scope);
    }

    private List<QueryItem> Values(ValuesStatementSyntax values)
    {
        var items = new List<QueryItem>();
        foreach (var row in values.Rows)
        {
            for (var i = 0; i < row.Items.Count; i++)
            {
                var value = Expression(row.Items[i], QueryScope.Empty);
                if (ReferenceEquals(row, values.Rows[0]))
                {
                    items.Add(new QueryItem(SqlResultColumnReader.ValuesColumnName(i + 1), value.Type, false, null));
                }
            }
        }

        return items;
    }

    private List<QueryItem> Select(SelectSyntax select, out QueryScope scope)
    {
        // The SELECT list names the tables of FROM, which comes after it: read FROM first.
        scope = new QueryScope();
        if (select.From is { } from)
        {
            AddSource(from, scope, nullable: false);
            foreach (var join in select.Joins)
            {
                AddSource(join.Source, scope, join.IsLeft);
                scope.JoinedSource = scope.Sources[scope.Sources.Count - 1];
                Expression(join.Condition, scope);
                scope.JoinedSource = null;
            }
        }

        Condition(select.Where, scope);
        var list = SelectList(select, scope);
        scope.Outputs.AddRange(list);
        foreach (var group in select.GroupBy)
        {
            Expression(group, scope);
        }

        Condition(select.Having, scope);
        foreach (var window in select.Windows)
        {
            Window(window.Window, scope);
        }

        return list;
    }

    private List<QueryItem> SelectList(SelectSyntax select, QueryScope scope)
    {
        var items = new List<QueryItem>();
        var unnamed = 0;
        foreach (var item in select.Projection)
        {
            if (item is StarItemSyntax { Qualifier: null })
            {
                items.Add(Star(scope.Sources));
                continue;
            }

            if (item is StarItemSyntax { Qualifier: { } qualifier })
            {
                var source = scope.Source(qualifier.Name);
                if (source is null)
                {
                    ReportUnknownQualifier(qualifier, "*", scope);
                    items.Add(new QueryItem("*", SqlType.Unknown, true, null));
                }
                else
                {
                    items.Add(Star([source]));
                }

                continue;
            }

            var column = (ExpressionItemSyntax)item;
            var value = Expression(column.Expression, scope);
            var name = column.Alias?.Name ?? (column.Expression is ColumnReferenceSyntax ? value.Column : null)
                ?? SqlResultColumnReader.UnnamedColumnName(++unnamed);
            items.Add(new QueryItem(name, value.Type, false, null));
        }

        return items;
    }

    // What * returns: the visible columns of each source in turn; unknown when a source's columns are.
    private static QueryItem Star(IEnumerable<QuerySource> sources)
    {
        var columns = new List<(string, SqlType)>();
        foreach (var source in sources)
        {
            if (source.Columns is null)
            {
                return new QueryItem("*", SqlType.Unknown, true, null);
            }

            columns.AddRange(source.Columns.Where(c => !c.Hidden).Select(c => (c.Name, source.Find(c.Name)!.Value)));
        }

        return new QueryItem("*", SqlType.Unknown, true, columns.Count == 0 ? null : columns);
    }

    private void AddSource(TableSourceSyntax source, QueryScope scope, bool nullable)
    {
        if (source is TableReferenceSyntax table)
        {
            AddTable(table.Name, table.Alias, scope, nullable);
            return;
        }

        var derived = (DerivedTableSyntax)source;
        var items = Query(derived.Subquery.Query, out _);
        var alias = derived.Alias?.Name ?? string.Empty;
        var added = new QuerySource(alias, alias.Length == 0 ? "the subquery" : $"'{alias}'", Columns(items, null), nullable: false);
        scope.Sources.Add(nullable ? added.LeftJoined() : added);
    }

    // A table (or CTE) by name with its optional alias, added to the scope; returns the schema table, if it is one.
    private SchemaTable? AddTable(IdentifierSyntax nameSyntax, IdentifierSyntax? aliasSyntax, QueryScope scope, bool nullable)
    {
        var name = nameSyntax.Name;
        var alias = aliasSyntax?.Name ?? name;
        var table = _schema.Table(name);
        QuerySource source;
        if (_ctes.Select(c => c.TryGetValue(name, out var cte) ? cte : null).LastOrDefault(c => c is not null) is { } cte)
        {
            source = new QuerySource(alias, cte.Display, cte.Columns, nullable: false);
            table = null;
        }
        else if (table is not null)
        {
            source = QuerySource.ForTable(table, alias);
        }
        else
        {
            // System tables are Picodata's, not the app's: their columns are not checked.
            if (!name.StartsWith("_pico_", System.StringComparison.Ordinal))
            {
                ReportUnknownTable(nameSyntax);
            }

            source = new QuerySource(alias, $"'{name}'", null, nullable: false);
        }

        scope.Sources.Add(nullable ? source.LeftJoined() : source);
        return table;
    }

    // A name in an expression: 'column' or 'source.column'.
    private ExpressionInfo Column(ColumnReferenceSyntax reference, QueryScope scope)
    {
        var columnName = reference.Name;
        if (reference.Qualifier is { } qualifier)
        {
            var source = scope.Source(qualifier.Name);
            if (source is null)
            {
                ReportUnknownQualifier(qualifier, columnName.Name, scope);
                return Unknown(columnName);
            }

            if (source.IsOpaque)
            {
                return Unknown(columnName);
            }

            if (source.Find(columnName.Name) is { } type)
            {
                return ColumnInfo(type, columnName, source);
            }

            ReportUnknownColumn(columnName, source.Display, source.Columns!.Where(c => !c.Hidden).Select(c => c.Name));
            return Unknown(columnName);
        }

        var name = columnName.Name;
        var matches = Resolve(name, scope);
        if (matches.Count == 1)
        {
            return ColumnInfo(matches[0].Find(name)!.Value, columnName, matches[0]);
        }

        if (matches.Count > 1)
        {
            _diagnostics.Add(DiagnosticDescriptors.AmbiguousColumn, At(columnName.Span), name,
                string.Join(" and ", matches.Select(m => m.Display)), string.Join(" or ", matches.Select(m => m.Alias + "." + name)));
            return Unknown(columnName);
        }

        if (scope.Outputs.FirstOrDefault(o => o.Name == name && !o.IsStar) is { } output)
        {
            return new ExpressionInfo(output.Type, 0, columnName.Span, $"result column '{name}'", name);
        }

        if (scope.Sources.Count > 0 && scope.Sources.All(s => !s.IsOpaque))
        {
            var where = scope.Sources.Count == 1 ? scope.Sources[0].Display : "any table in FROM (" + string.Join(", ", scope.Sources.Select(s => s.Display)) + ")";
            ReportUnknownColumn(columnName, where, scope.Sources.SelectMany(s => s.Columns!.Where(c => !c.Hidden).Select(c => c.Name)));
        }
        else if (scope.Sources.Count == 0 && !ReferenceEquals(scope, QueryScope.Empty))
        {
            ReportUnknownColumn(columnName, "any table (the query has no FROM)", []);
        }

        return Unknown(columnName);
    }

    // The sources a bare name can mean, as Picodata resolves it (expression_parser.rs, ColumnPositionMap::get).
    private static List<QuerySource> Resolve(string name, QueryScope scope)
    {
        var matches = scope.Sources.Where(s => s.Find(name) is not null).ToList();
        if (scope.JoinedSource is { } joined && matches.Contains(joined))
        {
            // An ON condition: a name the left child has once is the left's (and both having it is
            // ambiguous); one the left has not, or has more than once, is the joined source's.
            var left = matches.Where(m => !ReferenceEquals(m, joined)).ToList();
            return left.Count == 1 ? [left[0], joined] : [joined];
        }

        // A name several sources have, which a result column also has, is that result column (GROUP BY alias).
        return matches.Count > 1 && scope.Outputs.Any(o => o.Name == name && !o.IsStar) ? [] : matches;
    }

    // 'x.column' where no table of this query's FROM is called x.
    private void ReportUnknownQualifier(IdentifierSyntax qualifier, string column, QueryScope scope) =>
        _diagnostics.Add(DiagnosticDescriptors.UnknownColumn, At(qualifier.Span), qualifier.Name + "." + column,
            $"this query: no table in its FROM is called '{qualifier.Name}' (a subquery cannot see the tables of the query around it)",
            NameSuggestions.DidYouMean(qualifier.Name, scope.Sources.Select(s => s.Alias)));

    private static ExpressionInfo ColumnInfo(SqlType type, IdentifierSyntax name, QuerySource source) =>
        new(type, 0, name.Span, $"column '{source.Alias}.{name.Name}' ({PicoTypeNames.Name(type.Type)})", name.Name);

    private static ExpressionInfo Unknown(IdentifierSyntax name) => new(SqlType.Unknown, 0, name.Span, $"column '{name.Name}'", name.Name);

    // The columns a subquery or CTE offers, under the names it gives them (or a CTE's column list).
    private static List<(string Name, SqlType Type, bool Hidden)>? Columns(List<QueryItem> items, List<string>? names)
    {
        var columns = new List<(string, SqlType, bool)>();
        foreach (var item in items)
        {
            if (!item.IsStar)
            {
                columns.Add((item.Name, item.Type, false));
            }
            else if (item.Expansion is { } expansion)
            {
                columns.AddRange(expansion.Select(e => (e.Name, e.Type, false)));
            }
            else
            {
                return null;
            }
        }

        if (names is not null)
        {
            if (names.Count != columns.Count)
            {
                return null;
            }

            for (var i = 0; i < names.Count; i++)
            {
                columns[i] = (names[i], columns[i].Item2, false);
            }
        }

        return columns;
    }
}
