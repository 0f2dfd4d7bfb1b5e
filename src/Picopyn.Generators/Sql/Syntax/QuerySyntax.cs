// Nodes document only the parameters whose meaning their names and types do not already carry.
#pragma warning disable CS1573

using System.Collections.Generic;
using System.Linq;

namespace Picopyn.Generators.Sql.Syntax;

/// <summary>
/// <c>[WITH ctes] select-or-set-operation [ORDER BY …] [LIMIT …]</c>: Picodata's <c>SelectFull</c> (and, without
/// <c>WITH</c>, <c>SelectStatement</c>).
/// </summary>
internal sealed record SelectStatementSyntax(
    TextSpan Span, IReadOnlyList<CteSyntax> Ctes, SelectBodySyntax Body, IReadOnlyList<OrderItemSyntax> OrderBy,
    LimitSyntax? Limit, OptionClauseSyntax? Option) : QueryStatementSyntax(Span, Option)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Ctes, Body, OrderBy, Limit, Option);

    /// <summary>The first <c>SELECT</c> of the body: the one whose projection names the result's columns.</summary>
    public SelectSyntax FirstSelect => Body.FirstSelect;
}

/// <summary><c>VALUES (…), (…)</c>: <c>Values</c> (and <c>InsertValues</c> under an <c>INSERT</c>).</summary>
internal sealed record ValuesStatementSyntax(TextSpan Span, IReadOnlyList<RowSyntax> Rows, OptionClauseSyntax? Option) : QueryStatementSyntax(Span, Option)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Rows, Option);

    /// <summary>How many columns it returns: the width of its first row.</summary>
    public int? Width => Rows.Count > 0 ? Rows[0].Items.Count : null;
}

/// <summary><c>name [(columns)] AS (query)</c>: <c>Cte</c>.</summary>
internal sealed record CteSyntax(TextSpan Span, IdentifierSyntax Name, IReadOnlyList<IdentifierSyntax> Columns, QueryStatementSyntax Query) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Name, Columns, Query);
}

/// <summary>A <c>SELECT</c> or a set operation of them: <c>SelectWithOptionalContinuation</c>.</summary>
internal abstract record SelectBodySyntax(TextSpan Span) : SyntaxNode(Span)
{
    public abstract SelectSyntax FirstSelect { get; }
}

/// <summary><c>left UNION [ALL] | EXCEPT [DISTINCT] right</c>: <c>SelectOp</c>, left-associative.</summary>
/// <param name="Operator">As Picodata's rules name it: <c>UnionOp</c>, <c>UnionAllOp</c> or <c>ExceptOp</c>.</param>
internal sealed record SetOperationSyntax(
    TextSpan Span, string Operator, TextSpan OperatorSpan, SelectBodySyntax Left, SelectSyntax Right) : SelectBodySyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Left, Right);

    public override SelectSyntax FirstSelect => Left.FirstSelect;
}

/// <summary>One <c>SELECT</c>: <c>Select</c>, with its <c>Projection</c> and <c>SelectMainBody</c>.</summary>
internal sealed record SelectSyntax(
    TextSpan Span,
    bool IsDistinct,
    IReadOnlyList<ProjectionItemSyntax> Projection,
    TableSourceSyntax? From,
    IReadOnlyList<JoinSyntax> Joins,
    ExpressionSyntax? Where,
    IReadOnlyList<ExpressionSyntax> GroupBy,
    ExpressionSyntax? Having,
    IReadOnlyList<WindowDefinitionSyntax> Windows) : SelectBodySyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Projection, From, Joins, Where, GroupBy, Having, Windows);

    public override SelectSyntax FirstSelect => this;

    /// <summary>How many columns it returns, when its text tells (no <c>*</c>); otherwise <see langword="null"/>.</summary>
    public int? Width => Projection.All(p => p is ExpressionItemSyntax) ? Projection.Count : null;
}

/// <summary>An item of a projection: <c>ProjectionElement</c>.</summary>
internal abstract record ProjectionItemSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary><c>*</c> or <c>qualifier.*</c>: <c>Asterisk</c>.</summary>
internal sealed record StarItemSyntax(TextSpan Span, IdentifierSyntax? Qualifier) : ProjectionItemSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Qualifier);
}

/// <summary><c>expression [[AS] alias]</c>: <c>Column</c>.</summary>
internal sealed record ExpressionItemSyntax(TextSpan Span, ExpressionSyntax Expression, IdentifierSyntax? Alias) : ProjectionItemSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Expression, Alias);
}

/// <summary>What a <c>FROM</c> or <c>JOIN</c> reads: <c>Scan</c>.</summary>
internal abstract record TableSourceSyntax(TextSpan Span, IdentifierSyntax? Alias) : SyntaxNode(Span);

/// <summary>A table or CTE by name, <c>[AS] alias</c>, <c>INDEXED BY index</c>: <c>ScanCteOrTable</c> / <c>IndexedTableScan</c>.</summary>
internal sealed record TableReferenceSyntax(TextSpan Span, IdentifierSyntax Name, IdentifierSyntax? Alias, IdentifierSyntax? IndexedBy) : TableSourceSyntax(Span, Alias)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Name, Alias, IndexedBy);
}

/// <summary>A subquery read as a table: <c>SubQuery</c> in a <c>Scan</c>.</summary>
internal sealed record DerivedTableSyntax(TextSpan Span, SubquerySyntax Subquery, IdentifierSyntax? Alias, IdentifierSyntax? IndexedBy) : TableSourceSyntax(Span, Alias)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Subquery, Alias, IndexedBy);
}

/// <summary><c>[INNER | LEFT [OUTER]] JOIN source ON condition</c>: <c>Join</c>.</summary>
internal sealed record JoinSyntax(TextSpan Span, bool IsLeft, TableSourceSyntax Source, ExpressionSyntax Condition) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Source, Condition);
}

/// <summary><c>expression [ASC|DESC] [NULLS FIRST|LAST]</c>: <c>OrderByElement</c>.</summary>
internal sealed record OrderItemSyntax(TextSpan Span, ExpressionSyntax Expression, bool IsDescending, bool? NullsFirst) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Expression);
}

/// <summary><c>LIMIT n | ALL | NULL</c>: <c>Limit</c>. <see cref="Count"/> is null for <c>ALL</c> and <c>NULL</c>.</summary>
internal sealed record LimitSyntax(TextSpan Span, long? Count) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes();
}

/// <summary><c>name AS (window)</c> of a <c>WINDOW</c> clause: <c>WindowDef</c>.</summary>
internal sealed record WindowDefinitionSyntax(TextSpan Span, IdentifierSyntax Name, WindowBodySyntax Window) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Name, Window);
}
