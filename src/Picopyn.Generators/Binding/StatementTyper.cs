using System;
using System.Collections.Generic;
using System.Linq;
using Picopyn.Generators.Diagnostics;
using Picopyn.Generators.Model;
using Picopyn.Generators.Schema;
using Picopyn.Generators.Sql;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Binding;

/// <summary>
/// Walks one parsed statement against the schema (see docs/picodata.md, "SQL dialect"): resolves every table and
/// column (PICO301–303), types every expression as Picodata types it, infers what each placeholder
/// stands for (PICO310 on a conflict), and checks INSERT and UPDATE against their table (PICO307–309).
/// It walks the syntax tree of <see cref="SqlParser"/>, so it reads whatever Picodata's grammar does; a
/// statement that does not parse is reported by the parser and not typed. The parts: this file
/// (statements), <c>.Queries</c> (SELECT, FROM, names), <c>.Expressions</c> and <c>.Functions</c>.
/// </summary>
internal sealed partial class StatementTyper
{
    private readonly SqlSyntaxTree _tree;
    private readonly SchemaModel _schema;
    private readonly SqlSourceMap _map;
    private readonly DiagnosticCollector _diagnostics;
    private readonly List<Dictionary<string, QuerySource>> _ctes = [];

    private StatementTyper(SqlSyntaxTree tree, SchemaModel schema, SqlSourceMap map, DiagnosticCollector diagnostics)
    {
        _tree = tree;
        _schema = schema;
        _map = map;
        _diagnostics = diagnostics;
    }

    /// <summary>What each placeholder stands for.</summary>
    public PlaceholderTypes Placeholders { get; } = new();

    /// <summary>
    /// Types <paramref name="sql"/>; returns the items of its result (for a query) or <see langword="null"/>
    /// (for a write, or a statement with nothing to check against the schema).
    /// </summary>
    public static (IReadOnlyList<QueryItem>? Items, PlaceholderTypes Placeholders) Type(
        string sql, SchemaModel schema, SqlSourceMap map, DiagnosticCollector diagnostics)
    {
        var tree = SqlParser.Parse(sql);
        var typer = new StatementTyper(tree, schema, map, diagnostics);
        return (tree.Statement is { } statement ? typer.Statement(statement) : null, typer.Placeholders);
    }

    private List<QueryItem>? Statement(StatementSyntax statement)
    {
        switch (statement)
        {
            case SelectStatementSyntax or ValuesStatementSyntax:
                return Query((QueryStatementSyntax)statement, out _);
            case InsertStatementSyntax insert:
                Insert(insert);
                return null;
            case UpdateStatementSyntax update:
                Update(update);
                return null;
            case DeleteStatementSyntax delete:
                var scope = new QueryScope();
                AddTable(delete.Table, null, scope, nullable: false);
                Condition(delete.Where, scope);
                return null;
            case TruncateStatementSyntax truncate:
                AddTable(truncate.Table, null, new QueryScope(), nullable: false);
                return null;
            case ExplainStatementSyntax { Statement: QueryStatementSyntax explained }:
                // The plan of a statement whose names are checked; its rows are the plan's text lines.
                Statement(explained);
                return [new QueryItem("EXPLAIN", new SqlType(PicoType.Text, false), false, null)];
            default:
                // DDL, access control, blocks (whose LET variables the typer does not scope yet) and the rest.
                return null;
        }
    }

    private void Insert(InsertStatementSyntax insert)
    {
        var table = _schema.Table(insert.Table.Name);
        if (table is null)
        {
            ReportUnknownTable(insert.Table);
            return;
        }

        var targets = new List<SchemaColumn>();
        var listed = insert.Columns.Count > 0;
        foreach (var name in insert.Columns)
        {
            var column = table.Column(name.Name);
            if (column is null)
            {
                ReportUnknownColumn(name, $"'{table.Name}'", table.Columns.Select(c => c.Name));
                return;
            }

            targets.Add(column);
        }

        if (listed)
        {
            var missing = table.Visible.Where(c => !c.IsNullable && !targets.Any(t => t.Name == c.Name)).Select(c => c.Name).ToList();
            if (missing.Count > 0)
            {
                _diagnostics.Add(DiagnosticDescriptors.InsertMissingColumn, At(insert.Table.Span), table.Name, missing.Count == 1 ? "column" : "columns",
                    string.Join(", ", missing.Select(m => "'" + m + "'")));
            }
        }
        else
        {
            targets.AddRange(table.Visible);
        }

        var names = string.Join(", ", targets.Select(t => t.Name));
        var takes = listed
            ? $"INSERT names {MessageText.Count(targets.Count, "column")} ({names})"
            : $"INSERT into '{table.Name}' without a column list takes a value for each of its {MessageText.Count(targets.Count, "column")} ({names})";
        if (insert.Source is ValuesStatementSyntax values)
        {
            foreach (var row in values.Rows)
            {
                var typed = row.Items.Select(item => Expression(item, QueryScope.Empty)).ToList();
                if (typed.Count != targets.Count)
                {
                    _diagnostics.Add(DiagnosticDescriptors.InsertCountMismatch, At(row.Span),
                        $"{takes}, but this row has {MessageText.Count(typed.Count, "value")}");
                }

                for (var i = 0; i < Math.Min(typed.Count, targets.Count); i++)
                {
                    Expect(typed[i], targets[i].Type, $"column '{table.Name}.{targets[i].Name}' ({PicoTypeNames.Name(targets[i].Type)})");
                }
            }

            return;
        }

        var items = Query(insert.Source, out _);
        if (items.All(i => !i.IsStar || i.Expansion is not null))
        {
            var count = items.Sum(i => i.IsStar ? i.Expansion!.Count : 1);
            if (count != targets.Count)
            {
                _diagnostics.Add(DiagnosticDescriptors.InsertCountMismatch, At(_tree.FirstWordOf(insert.Source.Span)),
                    $"{takes}, but the SELECT returns {MessageText.Count(count, "column")}");
            }
        }
    }

    private void Update(UpdateStatementSyntax update)
    {
        var scope = new QueryScope();
        var table = AddTable(update.Table, null, scope, nullable: false);

        // The SET list may use the tables of FROM, which comes after it.
        if (update.From is { } from)
        {
            AddSource(from, scope, nullable: false);
        }

        foreach (var assignment in update.Assignments)
        {
            var name = assignment.Column;
            var column = table?.Column(name.Name);
            if (table is not null && column is null)
            {
                ReportUnknownColumn(name, $"'{table.Name}'", table.Columns.Select(c => c.Name));
            }
            else if (table is not null && table.IsPrimaryKey(name.Name))
            {
                _diagnostics.Add(DiagnosticDescriptors.UpdatePrimaryKey, At(name.Span), name.Name, table.Name);
            }

            var value = Expression(assignment.Value, scope);
            if (column is not null)
            {
                Expect(value, column.Type, $"column '{table!.Name}.{column.Name}' ({PicoTypeNames.Name(column.Type)})");
            }
        }

        Condition(update.Where, scope);
    }

    private void Condition(ExpressionSyntax? condition, QueryScope scope)
    {
        if (condition is null)
        {
            return;
        }

        // A condition of a known type other than boolean: Picodata's "filter expression is not a trivalent expression".
        var type = Expression(condition, scope);
        if (!type.Coercible && OperatorTypes.IsJudgedNonBoolean(type.Type.Type))
        {
            _diagnostics.Add(DiagnosticDescriptors.SqlTypeMismatch, At(condition.Span),
                $"The condition is {type.What}, not a boolean (Picodata: filter expression is not a trivalent expression).");
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
        if (Placeholders.Infer(placeholder.Placeholder, type, placeholder.Span, _tree.TextOf(placeholder.Span), what) is { } earlier)
        {
            _diagnostics.Add(DiagnosticDescriptors.ParameterTypeConflict, At(placeholder.Span),
                placeholder.Placeholder.ToString(System.Globalization.CultureInfo.InvariantCulture), what, earlier.What);
        }
    }

    private void ReportUnknownTable(IdentifierSyntax name)
    {
        var known = _schema.Tables.Select(t => t.Name).Concat(_ctes.SelectMany(c => c.Keys));
        _diagnostics.Add(DiagnosticDescriptors.UnknownTable, At(name.Span), name.Name, NameSuggestions.DidYouMean(name.Name, known));
    }

    private void ReportUnknownColumn(IdentifierSyntax name, string where, IEnumerable<string> known) =>
        _diagnostics.Add(DiagnosticDescriptors.UnknownColumn, At(name.Span), name.Name, where, NameSuggestions.DidYouMean(name.Name, known));

    private LocationInfo At(TextSpan span) => _map.At(span.Start, Math.Max(1, span.Length));
}
