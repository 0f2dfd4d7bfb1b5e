using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Sql;

/// <summary>The walk for result columns: what a statement's rows are made of, named as Picodata names them.</summary>
internal static class SqlResultColumnReader
{
    public static List<SqlResultColumn> Read(StatementSyntax statement) => statement switch
    {
        SelectStatementSyntax select => Projection(select.FirstSelect),
        ValuesStatementSyntax values => Values(values),
        BlockStatementSyntax block => block.DescendantNodes().OfType<ReturnQueryItemSyntax>().FirstOrDefault() is { } returned
            ? Read(returned.Query)
            : [],

        // Picodata describes EXPLAIN's rows as one text column named "EXPLAIN" (src/pgproto/backend/describe.rs).
        ExplainStatementSyntax explain => [new SqlResultColumn("EXPLAIN", explain.Span.Start, "explain".Length, IsStar: false, IsNamed: true)],
        _ => [],
    };

    private static List<SqlResultColumn> Projection(SelectSyntax select)
    {
        var columns = new List<SqlResultColumn>();
        foreach (var item in select.Projection)
        {
            columns.Add(item switch
            {
                StarItemSyntax star => new SqlResultColumn("*", star.Span.Start, star.Span.Length, IsStar: true, IsNamed: false),
                ExpressionItemSyntax { Alias: { } alias } => Named(alias),
                ExpressionItemSyntax { Expression: ColumnReferenceSyntax column } => Named(column.Name),

                // Picodata names an unnamed expression after its position: col_1, col_2, ...
                _ => Unnamed(columns.Count + 1, item.Span),
            });
        }

        return columns;
    }

    private static List<SqlResultColumn> Values(ValuesStatementSyntax values) =>
        values.Rows.Count == 0 ? [] : values.Rows[0].Items.Select((item, i) => Unnamed(i + 1, item.Span)).ToList();

    private static SqlResultColumn Named(IdentifierSyntax name) => new(name.Name, name.Span.Start, name.Span.Length, IsStar: false, IsNamed: true);

    private static SqlResultColumn Unnamed(int position, TextSpan span) =>
        new("col_" + position.ToString(CultureInfo.InvariantCulture), span.Start, span.Length, IsStar: false, IsNamed: false);
}
