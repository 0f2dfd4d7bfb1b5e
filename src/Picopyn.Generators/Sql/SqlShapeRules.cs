using System;
using System.Collections.Generic;
using System.Linq;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Sql;

/// <summary>
/// The walk for widths that must agree: the arms of a <c>UNION</c>/<c>EXCEPT</c>, the rows of a <c>VALUES</c>,
/// and an <c>INSERT</c>'s rows against its column list — decidable from the text, whatever the schema.
/// </summary>
internal static class SqlShapeRules
{
    public static void Check(StatementSyntax statement, List<SqlFault> faults)
    {
        foreach (var node in statement.DescendantNodes().Prepend(statement))
        {
            switch (node)
            {
                case SetOperationSyntax set when set.Left.FirstSelect.Width is { } left && set.Right.Width is { } right && left != right:
                    faults.Add(Fault(set.Right.Span,
                        $"Each arm of a {Operator(set)} returns as many columns as the first: this one returns {right}, the first {left}."));
                    break;
                case ValuesStatementSyntax values when values.Rows.Count > 1:
                    var width = values.Rows[0].Items.Count;
                    if (values.Rows.FirstOrDefault(r => r.Items.Count != width) is { } row)
                    {
                        faults.Add(Fault(row.Span, $"Each row of a VALUES has as many values as the first: this one has {row.Items.Count}, the first {width}."));
                    }

                    break;
                case InsertStatementSyntax { Columns.Count: > 0 } insert:
                    var columns = insert.Columns.Count;
                    var wrong = insert.Source switch
                    {
                        ValuesStatementSyntax rows => rows.Rows.FirstOrDefault(r => r.Items.Count != columns) is { } r ? (r.Span, r.Items.Count) : default((TextSpan, int)?),
                        SelectStatementSyntax query when query.FirstSelect.Width is { } returned && returned != columns => (query.Span, returned),
                        _ => null,
                    };
                    if (wrong is { } found)
                    {
                        faults.Add(Fault(found.Item1, $"The INSERT names {columns} column{(columns == 1 ? string.Empty : "s")}, but this gives {found.Item2} value{(found.Item2 == 1 ? string.Empty : "s")}."));
                    }

                    break;
            }
        }
    }

    private static string Operator(SetOperationSyntax set) => set.Operator switch
    {
        "UnionAllOp" => "UNION ALL",
        "ExceptOp" => "EXCEPT",
        _ => "UNION",
    };

    private static SqlFault Fault(TextSpan span, string message) => new(SqlFaultKind.WidthMismatch, span.Start, Math.Max(1, span.Length), message);
}
