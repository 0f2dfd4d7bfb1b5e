using System.Collections.Generic;
using System.Linq;

namespace Picopyn.Generators.Sql.Syntax;

/// <summary>
/// A name: Picodata's <c>Identifier</c>. <see cref="Name"/> is the name as Picodata stores it (an unquoted
/// word folded to lower case, a quoted identifier as written).
/// </summary>
internal sealed record IdentifierSyntax(TextSpan Span, string Name, bool IsQuoted) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Enumerable.Empty<SyntaxNode>();

    public override string ToString() => Name;
}

/// <summary>
/// A type name: Picodata's <c>Type</c>, <c>ColumnDefType</c> or <c>CastTarget</c>. <see cref="Name"/> is the
/// word as written, lower case (<c>int8</c>, <c>varchar</c>, <c>numeric</c>); <see cref="IsArray"/> when it has an
/// array suffix (<c>int[]</c>, <c>int array[3]</c>).
/// </summary>
internal sealed record TypeSyntax(TextSpan Span, string Name, bool IsArray) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Enumerable.Empty<SyntaxNode>();
}

/// <summary>A keyword or fixed word that a check may need to point at or read (a join kind, an option name, a privilege).</summary>
internal sealed record KeywordSyntax(TextSpan Span, string Text) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Enumerable.Empty<SyntaxNode>();
}
