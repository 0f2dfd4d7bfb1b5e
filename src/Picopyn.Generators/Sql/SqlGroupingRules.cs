using System;
using System.Collections.Generic;
using System.Linq;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Sql;

/// <summary>
/// The walk for grouping, as Picodata checks it before running anything: beside <c>GROUP BY</c> (or an
/// aggregate), every column of the projection and of <c>HAVING</c> is grouped or inside an aggregate
/// ("column "a" is not found in grouping expressions!"); and <c>GROUP BY</c> holds no aggregate or window
/// function ("aggregate function "count" is not allowed in GROUP BY").
/// </summary>
internal static class SqlGroupingRules
{
    /// <summary>Picodata's aggregate functions.</summary>
    public static readonly HashSet<string> Aggregates = new(StringComparer.Ordinal)
    {
        "count", "sum", "avg", "min", "max", "group_concat", "string_agg", "total",
    };

    public static void Check(StatementSyntax statement, SqlSyntaxTree tree, List<SqlFault> faults)
    {
        foreach (var select in statement.DescendantNodes().OfType<SelectSyntax>())
        {
            GroupBy(select, faults);
            Grouped(select, tree, faults);
        }
    }

    private static void GroupBy(SelectSyntax select, List<SqlFault> faults)
    {
        // GROUP BY n groups by the nth SELECT item: an aggregate there is one in GROUP BY.
        var grouped = select.GroupBy.Where(g => g is not SubquerySyntax).SelectMany(g => g is LiteralSyntax { Kind: LiteralKind.Unsigned } position
            && int.TryParse(position.Text, out var n) && n >= 1 && n <= select.Projection.Count && select.Projection[n - 1] is ExpressionItemSyntax item
                ? Within(item.Expression).Prepend(item.Expression)
                : Within(g).Prepend(g));
        foreach (var node in grouped)
        {
            var (kind, name) = node switch
            {
                FunctionCallSyntax call when Aggregates.Contains(call.Name.Name) => ("aggregate", call.Name),
                WindowFunctionSyntax window => ("window", window.Name),
                _ => (null, null),
            };
            if (kind is not null)
            {
                faults.Add(new SqlFault(SqlFaultKind.AggregateInGroupBy, node.Span.Start, Math.Max(1, node.Span.Length),
                    $"Picodata allows no {kind} function in GROUP BY ({kind} function \"{name!.Name}\"): group by the columns, and aggregate in the SELECT list."));
                return;
            }
        }
    }

    private static void Grouped(SelectSyntax select, SqlSyntaxTree tree, List<SqlFault> faults)
    {
        // Without GROUP BY, a query is grouped when a SELECT item is an aggregate call (select a, count(*) from t).
        var items = select.Projection.OfType<ExpressionItemSyntax>().ToList();
        var aggregated = items.Any(i => i.Expression is FunctionCallSyntax call && Aggregates.Contains(call.Name.Name));
        if ((select.GroupBy.Count == 0 && !aggregated) || select.GroupBy.Any(g => Within(g).Prepend(g).OfType<SubquerySyntax>().Any()))
        {
            // A subquery in GROUP BY is matched by what it computes, which the text cannot tell.
            return;
        }

        var keys = new HashSet<string>(select.GroupBy.Select(g => Key(g, tree)), StringComparer.Ordinal);
        for (var position = 1; position <= select.Projection.Count; position++)
        {
            // * is every column: it can be grouped only when GROUP BY names columns or positions (which, only a schema tells).
            if (select.Projection[position - 1] is StarItemSyntax star && select.GroupBy.Count > 0
                && !select.GroupBy.Any(g => g is ColumnReferenceSyntax or LiteralSyntax { Kind: LiteralKind.Unsigned }))
            {
                faults.Add(new SqlFault(SqlFaultKind.UngroupedColumn, star.Span.Start, star.Span.Length,
                    "* selects every column, but GROUP BY groups by no column: select the grouped expressions and aggregates instead of *."));
                return;
            }

            if (select.Projection[position - 1] is not ExpressionItemSyntax item)
            {
                continue;
            }

            // GROUP BY may name a result column by its alias, or by its position (GROUP BY 1).
            if ((item.Alias is { } alias && keys.Contains(alias.Name)) || keys.Contains(position.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                continue;
            }

            if (Ungrouped(item.Expression, keys, tree) is { } column)
            {
                faults.Add(Fault(column));
                return;
            }
        }

        if (select.Having is { } condition && Ungrouped(condition, keys, tree) is { } inHaving)
        {
            faults.Add(Fault(inHaving));
        }
    }

    private static SqlFault Fault(ColumnReferenceSyntax column) => new(SqlFaultKind.UngroupedColumn, column.Span.Start, column.Span.Length,
        $"Column \"{column.Name.Name}\" is not found in grouping expressions: add it to GROUP BY, or aggregate it (max({column.Name.Name}), count({column.Name.Name})…).");

    // The first column reference of 'expression' that is outside every aggregate and every grouped expression.
    private static ColumnReferenceSyntax? Ungrouped(ExpressionSyntax expression, HashSet<string> keys, SqlSyntaxTree tree)
    {
        if (keys.Contains(Key(expression, tree)))
        {
            return null;
        }

        switch (expression)
        {
            case ColumnReferenceSyntax column:
                return column;
            case FunctionCallSyntax call when Aggregates.Contains(call.Name.Name):
            case WindowFunctionSyntax or SubquerySyntax or ExistsExpressionSyntax:
                return null;
        }

        foreach (var child in expression.ChildNodes())
        {
            var found = child switch
            {
                ExpressionSyntax inner => Ungrouped(inner, keys, tree),
                CaseWhenSyntax branch => Ungrouped(branch.Condition, keys, tree) ?? Ungrouped(branch.Result, keys, tree),
                _ => null,
            };
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    private static bool HasAggregate(ExpressionSyntax expression) =>
        Within(expression).Prepend(expression).Any(n => n is FunctionCallSyntax call && Aggregates.Contains(call.Name.Name));

    // The nodes of an expression, not looking into subqueries (their own grouping is their own).
    private static IEnumerable<SyntaxNode> Within(ExpressionSyntax expression) =>
        expression.DescendantNodes(n => n is not SubquerySyntax);

    // How an expression is matched against GROUP BY: a column by its name, anything else by its text (case and spaces aside).
    private static string Key(ExpressionSyntax expression, SqlSyntaxTree tree) => expression switch
    {
        ColumnReferenceSyntax column => column.Name.Name,
        ParenthesizedExpressionSyntax parenthesized => Key(parenthesized.Expression, tree),
        _ => new string(tree.TextOf(expression.Span).Where(c => !char.IsWhiteSpace(c)).Select(char.ToLowerInvariant).ToArray()),
    };
}
