using System.Collections.Generic;
using System.Linq;

namespace Picopyn.Generators.Sql.Syntax;

/// <summary>One statement: an alternative of Picodata's <c>Command</c> rule.</summary>
internal abstract record StatementSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary>
/// A statement of Picodata's <c>Query</c> rule — <c>SELECT</c> (with its <c>WITH</c>), <c>VALUES</c>, <c>INSERT</c>,
/// <c>UPDATE</c>, <c>DELETE</c> — with the <c>OPTION (…)</c> that may follow it (<c>DqlOption</c>).
/// </summary>
internal abstract record QueryStatementSyntax(TextSpan Span, OptionClauseSyntax? Option) : StatementSyntax(Span);

/// <summary><c>OPTION (name = value, …)</c>: <c>DqlOption</c> or <c>TimeoutOption</c>.</summary>
internal sealed record OptionClauseSyntax(TextSpan Span, IReadOnlyList<OptionSyntax> Options) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Options);
}

/// <summary>One <c>name = value</c> of an <c>OPTION</c> clause (<c>OptionParam</c>); a placeholder value is its child.</summary>
internal sealed record OptionSyntax(TextSpan Span, string Name, TextSpan ValueSpan, string ValueText, ParameterSyntax? Parameter) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Parameter);
}

/// <summary><c>EXPLAIN [(facets)] query-or-block</c>: <c>Explain</c>.</summary>
internal sealed record ExplainStatementSyntax(TextSpan Span, IReadOnlyList<KeywordSyntax> Facets, StatementSyntax Statement) : StatementSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Facets, Statement);
}

/// <summary><c>CALL name(values) [OPTION (…)]</c>: <c>CallProc</c>. Arguments are literals and placeholders.</summary>
internal sealed record CallStatementSyntax(
    TextSpan Span, IdentifierSyntax Procedure, IReadOnlyList<ExpressionSyntax> Arguments, OptionClauseSyntax? Option) : StatementSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Procedure, Arguments, Option);
}

/// <summary><c>BEGIN</c>, <c>COMMIT</c>, <c>ROLLBACK</c>, <c>END</c>: <c>TCL</c>, which Picodata accepts and ignores.</summary>
internal sealed record TransactionStatementSyntax(TextSpan Span, KeywordSyntax Keyword) : StatementSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Keyword);
}

/// <summary>Text with no statement in it: <c>EmptyQuery</c>.</summary>
internal sealed record EmptyStatementSyntax(TextSpan Span) : StatementSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Enumerable.Empty<SyntaxNode>();
}

/// <summary>
/// A statement the checks need no structure of — access control, plugins, <c>SET</c>, <c>ALTER SYSTEM</c>,
/// schemas, procedures, <c>DEALLOCATE</c>, <c>BACKUP</c>, partitions, renames — parsed in full and kept as its
/// grammar rule's name (<see cref="Rule"/>: <c>CreateUser</c>, <c>GrantPrivilege</c>, <c>SetParam</c>…), the
/// names it mentions, and any placeholders or statements inside it (a procedure's body).
/// </summary>
internal sealed record OtherStatementSyntax(TextSpan Span, string Rule, IReadOnlyList<SyntaxNode> Parts) : StatementSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Parts;
}
