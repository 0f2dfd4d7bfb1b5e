using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Picopyn.Generators.Diagnostics;
using Picopyn.Generators.Schema;
using Picopyn.Generators.Sql;

namespace Picopyn.Generators.Binding;

// SELECT, VALUES, set operations and CTEs; FROM and JOIN; resolving table and column names.
internal sealed partial class StatementTyper
{
    private List<QueryItem> Query(SqlCursor cursor, out QueryScope scope)
    {
        var ctes = new Dictionary<string, QuerySource>();
        _ctes.Add(ctes);
        try
        {
            if (cursor.Accept("with"))
            {
                cursor.Accept("recursive");
                do
                {
                    CommonTableExpression(cursor, ctes);
                }
                while (cursor.AcceptSymbol(","));
            }

            var items = QueryTerm(cursor, out scope);
            while (cursor.Current.IsWord("union") || cursor.Current.IsWord("except") || cursor.Current.IsWord("intersect"))
            {
                cursor.Next();
                _ = cursor.Accept("all") || cursor.Accept("distinct");
                QueryTerm(cursor, out _);
            }

            if (cursor.AcceptAll("order", "by"))
            {
                do
                {
                    Expression(cursor, scope);
                    _ = cursor.Accept("asc") || cursor.Accept("desc");
                    if (cursor.Accept("nulls"))
                    {
                        _ = cursor.Accept("first") || cursor.Accept("last");
                    }
                }
                while (cursor.AcceptSymbol(","));
            }

            if (cursor.Accept("limit"))
            {
                cursor.Next();
            }

            if (cursor.Accept("option") && cursor.Current.IsSymbol("("))
            {
                cursor.Position = cursor.MatchingParenthesis() + 1;
            }

            return items;
        }
        finally
        {
            _ctes.RemoveAt(_ctes.Count - 1);
        }
    }

    private void CommonTableExpression(SqlCursor cursor, Dictionary<string, QuerySource> ctes)
    {
        var name = cursor.Next();
        if (!name.IsName)
        {
            throw new Unreadable();
        }

        List<string>? names = null;
        if (cursor.AcceptSymbol("("))
        {
            names = [];
            do
            {
                names.Add(cursor.Next().Name);
            }
            while (cursor.AcceptSymbol(","));
            ExpectSymbol(cursor, ")");
        }

        Expect(cursor, "as");
        var items = Parenthesized(cursor, inner => Query(inner, out _));
        ctes[name.Name] = new QuerySource(name.Name, $"'{name.Name}'", Columns(items, names), nullable: false);
    }

    // One SELECT, VALUES or parenthesized query.
    private List<QueryItem> QueryTerm(SqlCursor cursor, out QueryScope scope)
    {
        if (cursor.Current.IsSymbol("("))
        {
            QueryScope? inner = null;
            var items = Parenthesized(cursor, c => Query(c, out inner));
            scope = inner ?? new QueryScope();
            return items;
        }

        if (cursor.Accept("values"))
        {
            scope = new QueryScope();
            var items = new List<QueryItem>();
            var first = true;
            do
            {
                ExpectSymbol(cursor, "(");
                var position = 0;
                do
                {
                    var value = Expression(cursor, QueryScope.Empty);
                    position++;
                    if (first)
                    {
                        items.Add(new QueryItem("col_" + position.ToString(CultureInfo.InvariantCulture), value.Type, false, null));
                    }
                }
                while (cursor.AcceptSymbol(","));
                ExpectSymbol(cursor, ")");
                first = false;
            }
            while (cursor.AcceptSymbol(","));
            return items;
        }

        Expect(cursor, "select");
        _ = cursor.Accept("distinct") || cursor.Accept("all");

        // The SELECT list names the tables of FROM, which comes after it: read FROM first.
        var listStart = cursor.Position;
        var listEnd = EndOfList(cursor, "from", "where", "group", "having", "order", "limit", "union", "except", "intersect", "window", "option");
        cursor.Position = listEnd;
        scope = new QueryScope();
        if (cursor.Accept("from"))
        {
            From(cursor, scope);
        }

        if (cursor.Accept("where"))
        {
            Expression(cursor, scope);
        }

        var list = SelectList(new SqlCursor(_tokens, listStart, listEnd), scope);
        scope.Outputs.AddRange(list);
        if (cursor.AcceptAll("group", "by"))
        {
            do
            {
                Expression(cursor, scope);
            }
            while (cursor.AcceptSymbol(","));
        }

        if (cursor.Accept("having"))
        {
            Expression(cursor, scope);
        }

        if (cursor.Accept("window"))
        {
            throw new Unreadable();
        }

        return list;
    }

    private List<QueryItem> SelectList(SqlCursor cursor, QueryScope scope)
    {
        var items = new List<QueryItem>();
        do
        {
            var position = (items.Count + 1).ToString(CultureInfo.InvariantCulture);
            if (cursor.AcceptSymbol("*"))
            {
                items.Add(Star(scope.Sources));
                continue;
            }

            if (cursor.Current.IsName && cursor.Peek(1).IsSymbol(".") && cursor.Peek(2).IsSymbol("*"))
            {
                var qualifier = cursor.Next();
                cursor.Next();
                cursor.Next();
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

            var value = Expression(cursor, scope);
            var name = value.Column ?? "col_" + position;
            if (cursor.Accept("as"))
            {
                name = cursor.Next().Name;
            }

            items.Add(new QueryItem(name, value.Type, false, null));
        }
        while (cursor.AcceptSymbol(","));

        if (!cursor.AtEnd)
        {
            throw new Unreadable();
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

    private void From(SqlCursor cursor, QueryScope scope)
    {
        AddSource(cursor, scope, nullable: false);
        while (true)
        {
            bool nullable;
            if (cursor.AcceptAll("left", "outer", "join") || cursor.AcceptAll("left", "join"))
            {
                nullable = true;
            }
            else if (cursor.AcceptAll("inner", "join") || cursor.Accept("join"))
            {
                nullable = false;
            }
            else
            {
                return;
            }

            AddSource(cursor, scope, nullable);
            Expect(cursor, "on");
            Expression(cursor, scope);
        }
    }

    private void AddSource(SqlCursor cursor, QueryScope scope, bool nullable)
    {
        if (!cursor.Current.IsSymbol("("))
        {
            AddTable(cursor, scope, nullable);
            return;
        }

        var items = Parenthesized(cursor, inner => Query(inner, out _));
        cursor.Accept("as");
        var alias = cursor.Current.IsName && !Reserved.Contains(cursor.Current.Text) ? cursor.Next().Name : string.Empty;
        var source = new QuerySource(alias, alias.Length == 0 ? "the subquery" : $"'{alias}'", Columns(items, null), nullable: false);
        scope.Sources.Add(nullable ? source.LeftJoined() : source);
    }

    // A table (or CTE) name with its optional alias, added to the scope; returns the schema table, if it is one.
    private SchemaTable? AddTable(SqlCursor cursor, QueryScope scope, bool nullable)
    {
        var nameToken = TableName(cursor, out var name);
        var alias = name;
        if (cursor.Accept("as") || (cursor.Current.IsName && !Reserved.Contains(cursor.Current.Text)))
        {
            alias = cursor.Next().Name;
        }

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
                ReportUnknownTable(nameToken, name);
            }

            source = new QuerySource(alias, $"'{name}'", null, nullable: false);
        }

        scope.Sources.Add(nullable ? source.LeftJoined() : source);
        return table;
    }

    private static SqlToken TableName(SqlCursor cursor, out string name)
    {
        var token = cursor.Next();
        if (!token.IsName || Reserved.Contains(token.Text) && token.Kind == SqlTokenKind.Word)
        {
            throw new Unreadable();
        }

        if (token.Name == "public" && cursor.Current.IsSymbol("."))
        {
            cursor.Next();
            token = cursor.Next();
        }

        name = token.Name;
        return token;
    }

    // A name in an expression: 'column' or 'source.column'.
    private ExpressionInfo Column(SqlToken first, SqlCursor cursor, QueryScope scope)
    {
        if (cursor.Current.IsSymbol(".") && cursor.Peek(1).IsName)
        {
            cursor.Next();
            var columnToken = cursor.Next();
            var source = scope.Source(first.Name);
            if (source is null)
            {
                ReportUnknownQualifier(first, columnToken.Name, scope);
                return Unknown(columnToken, columnToken.Name);
            }

            if (source.IsOpaque)
            {
                return Unknown(columnToken, columnToken.Name);
            }

            if (source.Find(columnToken.Name) is { } type)
            {
                return ColumnInfo(type, columnToken, source);
            }

            ReportUnknownColumn(columnToken, source.Display, source.Columns!.Where(c => !c.Hidden).Select(c => c.Name));
            return Unknown(columnToken, columnToken.Name);
        }

        var name = first.Name;
        var matches = scope.Sources.Where(s => s.Find(name) is not null).ToList();
        if (matches.Count == 1)
        {
            return ColumnInfo(matches[0].Find(name)!.Value, first, matches[0]);
        }

        if (matches.Count > 1)
        {
            _diagnostics.Add(DiagnosticDescriptors.AmbiguousColumn, At(first), name,
                string.Join(" and ", matches.Select(m => m.Display)), string.Join(" or ", matches.Select(m => m.Alias + "." + name)));
            return Unknown(first, name);
        }

        if (scope.Outputs.FirstOrDefault(o => o.Name == name && !o.IsStar) is { } output)
        {
            return new ExpressionInfo(output.Type, 0, first, $"result column '{name}'", name);
        }

        if (scope.Sources.Count > 0 && scope.Sources.All(s => !s.IsOpaque))
        {
            var where = scope.Sources.Count == 1 ? scope.Sources[0].Display : "any table in FROM (" + string.Join(", ", scope.Sources.Select(s => s.Display)) + ")";
            ReportUnknownColumn(first, where, scope.Sources.SelectMany(s => s.Columns!.Where(c => !c.Hidden).Select(c => c.Name)));
        }
        else if (scope.Sources.Count == 0 && !ReferenceEquals(scope, QueryScope.Empty))
        {
            ReportUnknownColumn(first, "any table (the query has no FROM)", []);
        }

        return Unknown(first, name);
    }

    // 'x.column' where no table of this query's FROM is called x.
    private void ReportUnknownQualifier(SqlToken qualifier, string column, QueryScope scope) =>
        _diagnostics.Add(DiagnosticDescriptors.UnknownColumn, At(qualifier), qualifier.Name + "." + column,
            $"this query: no table in its FROM is called '{qualifier.Name}' (a subquery cannot see the tables of the query around it)",
            NameSuggestions.DidYouMean(qualifier.Name, scope.Sources.Select(s => s.Alias)));

    private static ExpressionInfo ColumnInfo(SqlType type, SqlToken token, QuerySource source) =>
        new(type, 0, token, $"column '{source.Alias}.{token.Name}' ({PicoTypeNames.Name(type.Type)})", token.Name);

    private static ExpressionInfo Unknown(SqlToken token, string column) => new(SqlType.Unknown, 0, token, $"column '{column}'", column);

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

    // '(' inner ')' at the cursor: reads the inside with its own cursor and moves past the ')'.
    private T Parenthesized<T>(SqlCursor cursor, System.Func<SqlCursor, T> read)
    {
        if (!cursor.Current.IsSymbol("("))
        {
            throw new Unreadable();
        }

        var close = cursor.MatchingParenthesis();
        var inner = new SqlCursor(_tokens, cursor.Position + 1, close);
        var result = read(inner);
        if (!inner.AtEnd)
        {
            throw new Unreadable();
        }

        cursor.Position = close + 1;
        return result;
    }
}
