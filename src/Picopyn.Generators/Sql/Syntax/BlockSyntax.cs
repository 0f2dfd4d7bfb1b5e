using System.Collections.Generic;

namespace Picopyn.Generators.Sql.Syntax;

/// <summary>
/// <c>DO [LANGUAGE SQL] $$ BEGIN … END $$ [OPTION (…)]</c>: <c>AnonymousBlock</c>, Picodata's transactional block.
/// </summary>
internal sealed record BlockStatementSyntax(TextSpan Span, IReadOnlyList<BlockItemSyntax> Items, OptionClauseSyntax? Option) : StatementSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Items, Option);
}

/// <summary>A statement inside a block: <c>BlockStatement</c>.</summary>
internal abstract record BlockItemSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary><c>LET name = (subquery);</c>: <c>BlockLetStatement</c>.</summary>
internal sealed record LetItemSyntax(TextSpan Span, IdentifierSyntax Name, SubquerySyntax Value) : BlockItemSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Name, Value);
}

/// <summary><c>RETURN QUERY query;</c>: <c>BlockReturnQueryStatement</c>.</summary>
internal sealed record ReturnQueryItemSyntax(TextSpan Span, QueryStatementSyntax Query) : BlockItemSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Query);
}

/// <summary><c>query;</c> inside a block: <c>BlockQueryStatement</c>.</summary>
internal sealed record QueryItemSyntax(TextSpan Span, QueryStatementSyntax Query) : BlockItemSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Query);
}

/// <summary><c>IF condition THEN … END IF;</c>: <c>BlockIfStatement</c>.</summary>
internal sealed record IfItemSyntax(TextSpan Span, ExpressionSyntax Condition, IReadOnlyList<BlockItemSyntax> Body) : BlockItemSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Condition, Body);
}
