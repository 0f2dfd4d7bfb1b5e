using System;
using System.Collections.Generic;
using System.Linq;
using Picopyn.Generators.Diagnostics;
using Picopyn.Generators.Model;
using Picopyn.Generators.Schema;
using Picopyn.Generators.Sql;

namespace Picopyn.Generators.Binding;

/// <summary>
/// Walks one statement against the schema (reference/picodata.md §5): resolves every table and column
/// (PICO301–303), types every expression as Picodata types it, infers what each placeholder stands
/// for (PICO310 on a conflict), and checks INSERT and UPDATE against their table (PICO307–309).
/// Where it meets grammar it does not follow it stops quietly: a query it cannot read is never
/// reported as wrong. The parts: this file (statements), <c>.Queries</c> (SELECT, FROM, names),
/// <c>.Expressions</c> (expressions and functions).
/// </summary>
internal sealed partial class StatementTyper
{
    // Words that never name a column: where one stands, the expression has ended.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "select", "from", "where", "group", "having", "order", "limit", "offset", "union", "except", "intersect", "window", "option",
        "on", "join", "left", "right", "inner", "outer", "full", "cross", "as", "asc", "desc", "nulls", "then", "else", "end", "when",
        "and", "or", "not", "is", "in", "between", "like", "ilike", "escape", "distinct", "over", "partition", "by", "using", "set",
        "values", "into", "returning", "all", "with", "case", "cast", "exists", "null", "true", "false", "insert", "update", "delete",
    };

    private readonly IReadOnlyList<SqlToken> _tokens;
    private readonly SchemaModel _schema;
    private readonly SqlSourceMap _map;
    private readonly DiagnosticCollector _diagnostics;
    private readonly Dictionary<int, int> _placeholderNumbers = [];
    private readonly List<Dictionary<string, QuerySource>> _ctes = [];

    private StatementTyper(IReadOnlyList<SqlToken> tokens, SchemaModel schema, SqlSourceMap map, DiagnosticCollector diagnostics)
    {
        _tokens = tokens;
        _schema = schema;
        _map = map;
        _diagnostics = diagnostics;

        // A '?' is numbered by its place in the text, whatever order the typer reads the statement in.
        var questions = 0;
        foreach (var token in tokens)
        {
            if (token.Kind == SqlTokenKind.QuestionParameter)
            {
                _placeholderNumbers[token.Start] = ++questions;
            }
            else if (token.Kind == SqlTokenKind.DollarParameter && int.TryParse(token.Text.Substring(1), out var number))
            {
                _placeholderNumbers[token.Start] = number;
            }
        }
    }

    /// <summary>What each placeholder stands for.</summary>
    public PlaceholderTypes Placeholders { get; } = new();

    /// <summary>
    /// Types <paramref name="sql"/>; returns the items of its result (for a query) or <see langword="null"/>
    /// (for a write, or a query it could not read through).
    /// </summary>
    public static (IReadOnlyList<QueryItem>? Items, PlaceholderTypes Placeholders) Type(
        string sql, SchemaModel schema, SqlSourceMap map, DiagnosticCollector diagnostics)
    {
        var tokens = SqlTokenizer.Tokenize(sql).Where(t => t.Kind != SqlTokenKind.Comment).ToList();
        while (tokens.Count > 0 && tokens[tokens.Count - 1].IsSymbol(";"))
        {
            tokens.RemoveAt(tokens.Count - 1);
        }

        var typer = new StatementTyper(tokens, schema, map, diagnostics);
        try
        {
            return (typer.Statement(new SqlCursor(tokens)), typer.Placeholders);
        }
        catch (Unreadable)
        {
            return (null, typer.Placeholders);
        }
    }

    private List<QueryItem>? Statement(SqlCursor cursor)
    {
        var first = cursor.Current;
        if (first.IsWord("insert"))
        {
            Insert(cursor);
            return null;
        }

        if (first.IsWord("update"))
        {
            Update(cursor);
            return null;
        }

        if (first.IsWord("delete"))
        {
            cursor.Next();
            Expect(cursor, "from");
            var scope = new QueryScope();
            AddTable(cursor, scope, nullable: false);
            if (cursor.Accept("where"))
            {
                Expression(cursor, scope);
            }

            return null;
        }

        if (first.IsWord("truncate"))
        {
            cursor.Next();
            cursor.Accept("table");
            AddTable(cursor, new QueryScope(), nullable: false);
            return null;
        }

        if (first.IsWord("select") || first.IsWord("with") || first.IsWord("values") || first.IsSymbol("("))
        {
            var items = Query(cursor, out _);
            return cursor.AtEnd ? items : null;
        }

        return null; // DDL and the rest: nothing to check against the schema
    }

    private void Insert(SqlCursor cursor)
    {
        cursor.Next();
        Expect(cursor, "into");
        var nameToken = TableName(cursor, out var name);
        var table = _schema.Table(name);
        if (table is null)
        {
            ReportUnknownTable(nameToken, name);
            throw new Unreadable();
        }

        var targets = new List<(SqlToken Token, SchemaColumn Column)>();
        var listed = cursor.Current.IsSymbol("(") && !StartsQuery(cursor.Peek(1));
        if (listed)
        {
            cursor.Next();
            do
            {
                var columnToken = cursor.Next();
                var column = columnToken.IsName ? table.Column(columnToken.Name) : null;
                if (column is null)
                {
                    ReportUnknownColumn(columnToken, $"'{table.Name}'", table.Columns.Select(c => c.Name));
                    throw new Unreadable();
                }

                targets.Add((columnToken, column));
            }
            while (cursor.AcceptSymbol(","));
            ExpectSymbol(cursor, ")");

            var missing = table.Visible.Where(c => !c.IsNullable && !targets.Any(t => t.Column.Name == c.Name)).Select(c => c.Name).ToList();
            if (missing.Count > 0)
            {
                _diagnostics.Add(DiagnosticDescriptors.InsertMissingColumn, At(nameToken), table.Name, missing.Count == 1 ? "column" : "columns",
                    string.Join(", ", missing.Select(m => "'" + m + "'")));
            }
        }
        else
        {
            targets.AddRange(table.Visible.Select(c => (nameToken, c)));
        }

        var names = string.Join(", ", targets.Select(t => t.Column.Name));
        var takes = listed
            ? $"INSERT names {MessageText.Count(targets.Count, "column")} ({names})"
            : $"INSERT into '{table.Name}' without a column list takes a value for each of its {MessageText.Count(targets.Count, "column")} ({names})";
        if (cursor.Accept("values"))
        {
            do
            {
                var open = cursor.Current;
                ExpectSymbol(cursor, "(");
                var values = new List<ExpressionInfo>();
                do
                {
                    values.Add(Expression(cursor, QueryScope.Empty));
                }
                while (cursor.AcceptSymbol(","));
                var close = cursor.Current;
                ExpectSymbol(cursor, ")");
                if (values.Count != targets.Count)
                {
                    _diagnostics.Add(DiagnosticDescriptors.InsertCountMismatch, _map.At(open.Start, close.End - open.Start),
                        $"{takes}, but this row has {MessageText.Count(values.Count, "value")}");
                }

                for (var i = 0; i < Math.Min(values.Count, targets.Count); i++)
                {
                    Expect(values[i], targets[i].Column.Type, $"column '{table.Name}.{targets[i].Column.Name}' ({PicoTypeNames.Name(targets[i].Column.Type)})");
                }
            }
            while (cursor.AcceptSymbol(","));
        }
        else if (StartsQuery(cursor.Current))
        {
            var select = cursor.Current;
            var items = Query(cursor, out _);
            if (items.Count != targets.Count && items.All(i => !i.IsStar || i.Expansion is not null))
            {
                var count = items.Sum(i => i.IsStar ? i.Expansion!.Count : 1);
                if (count != targets.Count)
                {
                    _diagnostics.Add(DiagnosticDescriptors.InsertCountMismatch, At(select), $"{takes}, but the SELECT returns {MessageText.Count(count, "column")}");
                }
            }
        }
    }

    private void Update(SqlCursor cursor)
    {
        cursor.Next();
        var scope = new QueryScope();
        var table = AddTable(cursor, scope, nullable: false);
        Expect(cursor, "set");

        // The SET list may use the tables of FROM, which comes after it: read FROM first.
        var setStart = cursor.Position;
        var setEnd = EndOfList(cursor, "from", "where", "option");
        cursor.Position = setEnd;
        if (cursor.Accept("from"))
        {
            From(cursor, scope);
        }

        var rest = cursor.Position;
        var set = new SqlCursor(_tokens, setStart, setEnd);
        do
        {
            var columnToken = set.Next();
            if (!columnToken.IsName)
            {
                throw new Unreadable();
            }

            var column = table?.Column(columnToken.Name);
            if (table is not null && column is null)
            {
                ReportUnknownColumn(columnToken, $"'{table.Name}'", table.Columns.Select(c => c.Name));
            }
            else if (table is not null && table.IsPrimaryKey(columnToken.Name))
            {
                _diagnostics.Add(DiagnosticDescriptors.UpdatePrimaryKey, At(columnToken), columnToken.Name, table.Name);
            }

            ExpectSymbol(set, "=");
            var value = Expression(set, scope);
            if (column is not null)
            {
                Expect(value, column.Type, $"column '{table!.Name}.{column.Name}' ({PicoTypeNames.Name(column.Type)})");
            }
        }
        while (set.AcceptSymbol(","));

        cursor.Position = rest;
        if (cursor.Accept("where"))
        {
            Expression(cursor, scope);
        }
    }

    // Where the placeholder of 'value' stands for a value of 'type' (an INSERT value, a SET value, a comparison).
    private void Expect(ExpressionInfo value, PicoType type, string what)
    {
        if (value.Placeholder > 0)
        {
            Infer(value, type, what);
        }
    }

    private void Infer(ExpressionInfo placeholder, PicoType type, string what)
    {
        if (Placeholders.Infer(placeholder.Placeholder, type, placeholder.Token, what) is { } earlier)
        {
            _diagnostics.Add(DiagnosticDescriptors.ParameterTypeConflict, At(placeholder.Token),
                placeholder.Placeholder.ToString(System.Globalization.CultureInfo.InvariantCulture), what, earlier.What);
        }
    }

    private void ReportUnknownTable(SqlToken token, string name)
    {
        var known = _schema.Tables.Select(t => t.Name).Concat(_ctes.SelectMany(c => c.Keys));
        _diagnostics.Add(DiagnosticDescriptors.UnknownTable, At(token), name, NameSuggestions.DidYouMean(name, known));
    }

    private void ReportUnknownColumn(SqlToken token, string where, IEnumerable<string> known) =>
        _diagnostics.Add(DiagnosticDescriptors.UnknownColumn, At(token), token.Name, where, NameSuggestions.DidYouMean(token.Name, known));

    private LocationInfo At(SqlToken token) => _map.At(token.Start, Math.Max(1, token.Length));

    private static bool StartsQuery(SqlToken token) => token.IsWord("select") || token.IsWord("with") || token.IsWord("values");

    private static void Expect(SqlCursor cursor, string keyword)
    {
        if (!cursor.Accept(keyword))
        {
            throw new Unreadable();
        }
    }

    private static void ExpectSymbol(SqlCursor cursor, string symbol)
    {
        if (!cursor.AcceptSymbol(symbol))
        {
            throw new Unreadable();
        }
    }

    // The end of a comma list at the cursor's depth: the first of 'enders' outside parentheses, or the end.
    private int EndOfList(SqlCursor cursor, params string[] enders)
    {
        var depth = 0;
        for (var i = cursor.Position; i < cursor.End; i++)
        {
            var token = _tokens[i];
            if (token.IsSymbol("("))
            {
                depth++;
            }
            else if (token.IsSymbol(")"))
            {
                if (depth-- == 0)
                {
                    return i;
                }
            }
            else if (depth == 0 && enders.Any(token.IsWord))
            {
                return i;
            }
        }

        return cursor.End;
    }

    /// <summary>Grammar the typer does not follow: it stops, and reports nothing more for the statement.</summary>
    private sealed class Unreadable : Exception
    {
    }
}
