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

    /// <summary>
    /// The name Picodata gives the <paramref name="count"/>th unnamed expression of a projection: <c>col_1</c>,
    /// <c>col_2</c>… counted over the unnamed ones only (<c>select a, sum(b)</c> has <c>a</c> and <c>col_1</c>;
    /// sql-frontend's <c>unnamed_col_pos</c>).
    /// </summary>
    public static string UnnamedColumnName(int count) => "col_" + count.ToString(CultureInfo.InvariantCulture);

    private static List<SqlResultColumn> Projection(SelectSyntax select)
    {
        var columns = new List<SqlResultColumn>();
        var unnamed = 0;
        foreach (var item in select.Projection)
        {
            columns.Add(item switch
            {
                StarItemSyntax star => new SqlResultColumn("*", star.Span.Start, star.Span.Length, IsStar: true, IsNamed: false),
                ExpressionItemSyntax { Alias: { } alias } => Named(alias),
                ExpressionItemSyntax { Expression: ColumnReferenceSyntax column } => Named(column.Name),
                _ => new SqlResultColumn(UnnamedColumnName(++unnamed), item.Span.Start, item.Span.Length, IsStar: false, IsNamed: false),
            });
        }

        return columns;
    }

    /// <summary>
    /// The name Picodata gives the <paramref name="position"/>th column of a VALUES: <c>COLUMN_1</c>, <c>COLUMN_2</c>…
    /// (<c>SELECT "COLUMN_1" FROM (VALUES (1))</c> runs in its own test suite).
    /// </summary>
    public static string ValuesColumnName(int position) => "COLUMN_" + position.ToString(CultureInfo.InvariantCulture);

    private static List<SqlResultColumn> Values(ValuesStatementSyntax values) =>
        values.Rows.Count == 0 ? [] : values.Rows[0].Items
            .Select((item, i) => new SqlResultColumn(ValuesColumnName(i + 1), item.Span.Start, item.Span.Length, IsStar: false, IsNamed: false))
            .ToList();

    private static SqlResultColumn Named(IdentifierSyntax name) => new(name.Name, name.Span.Start, name.Span.Length, IsStar: false, IsNamed: true);

}
