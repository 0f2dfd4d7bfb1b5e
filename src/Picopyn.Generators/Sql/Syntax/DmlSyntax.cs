// Nodes document only the parameters whose meaning their names and types do not already carry.
#pragma warning disable CS1573

using System.Collections.Generic;

namespace Picopyn.Generators.Sql.Syntax;

/// <summary><c>INSERT INTO table [(columns)] VALUES … | SELECT … [ON CONFLICT …]</c>: <c>Insert</c>.</summary>
/// <param name="Source">The rows: a <see cref="ValuesStatementSyntax"/> (<c>InsertValues</c>) or a <see cref="SelectStatementSyntax"/>.</param>
internal sealed record InsertStatementSyntax(
    TextSpan Span, IdentifierSyntax Table, IReadOnlyList<IdentifierSyntax> Columns, QueryStatementSyntax Source,
    OnConflictSyntax? OnConflict, OptionClauseSyntax? Option) : QueryStatementSyntax(Span, Option)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Table, Columns, Source, OnConflict, Option);
}

/// <summary><c>ON CONFLICT [(columns)] DO UPDATE SET … | NOTHING | REPLACE | FAIL</c>: <c>OnConflict</c>.</summary>
/// <param name="Action">As Picodata's rules name it: <c>DoUpdate</c>, <c>DoNothing</c>, <c>DoReplace</c> or <c>DoFail</c>.</param>
internal sealed record OnConflictSyntax(
    TextSpan Span, IReadOnlyList<IdentifierSyntax> Target, string Action, TextSpan ActionSpan, IReadOnlyList<AssignmentSyntax> Updates) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Target, Updates);
}

/// <summary><c>column = expression</c> of an <c>UPDATE … SET</c> (<c>UpdateItem</c>) or a <c>DO UPDATE SET</c> (<c>DoUpdateItem</c>).</summary>
/// <param name="Qualifier">The <c>excluded</c> of <c>excluded.column</c> in a <c>DO UPDATE SET</c>, otherwise null.</param>
internal sealed record AssignmentSyntax(TextSpan Span, IdentifierSyntax? Qualifier, IdentifierSyntax Column, ExpressionSyntax Value) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Qualifier, Column, Value);
}

/// <summary><c>UPDATE table [INDEXED BY i] SET … [FROM source [WHERE …] | WHERE …]</c>: <c>Update</c>.</summary>
internal sealed record UpdateStatementSyntax(
    TextSpan Span, IdentifierSyntax Table, IdentifierSyntax? IndexedBy, IReadOnlyList<AssignmentSyntax> Assignments,
    TableSourceSyntax? From, ExpressionSyntax? Where, OptionClauseSyntax? Option) : QueryStatementSyntax(Span, Option)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Table, IndexedBy, Assignments, From, Where, Option);
}

/// <summary><c>DELETE FROM table [INDEXED BY i] [WHERE …]</c>: <c>Delete</c>.</summary>
internal sealed record DeleteStatementSyntax(
    TextSpan Span, IdentifierSyntax Table, IdentifierSyntax? IndexedBy, ExpressionSyntax? Where, OptionClauseSyntax? Option) : QueryStatementSyntax(Span, Option)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Table, IndexedBy, Where, Option);
}
