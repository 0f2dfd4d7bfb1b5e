// Nodes document only the parameters whose meaning their names and types do not already carry.
#pragma warning disable CS1573

using System.Collections.Generic;
using System.Linq;

namespace Picopyn.Generators.Sql.Syntax;

/// <summary>A value expression: Picodata's <c>Expr</c> and everything it is made of.</summary>
internal abstract record ExpressionSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary>What kind of literal a <see cref="LiteralSyntax"/> is (Picodata's <c>Literal</c> alternatives).</summary>
internal enum LiteralKind
{
    /// <summary>Digits only: <c>Unsigned</c>.</summary>
    Unsigned,

    /// <summary>A signed whole number: <c>Integer</c> (<c>-1</c>, <c>+7</c>).</summary>
    Integer,

    /// <summary>A number with a decimal point: <c>Decimal</c>.</summary>
    Decimal,

    /// <summary>A number with an exponent: <c>Double</c>.</summary>
    Double,

    /// <summary>A <c>'string'</c>: <c>SingleQuotedString</c>.</summary>
    String,

    True,
    False,
    Null,
}

/// <summary>A literal: <c>Literal</c>. <see cref="Text"/> is as written (a string with its quotes).</summary>
internal sealed record LiteralSyntax(TextSpan Span, LiteralKind Kind, string Text) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Enumerable.Empty<SyntaxNode>();

    public bool IsNumber => Kind is LiteralKind.Unsigned or LiteralKind.Integer or LiteralKind.Decimal or LiteralKind.Double;

    /// <summary>A string literal's value, quotes removed and doubled quotes undone.</summary>
    public string StringValue => Kind == LiteralKind.String ? Text.Substring(1, Text.Length - 2).Replace("''", "'") : Text;
}

/// <summary>A placeholder: <c>Parameter</c>, either <c>$n</c> (<c>PgParameter</c>) or <c>?</c> (<c>TntParameter</c>).</summary>
/// <param name="Number">The <c>n</c> of <c>$n</c>; for <c>?</c>, its position among the statement's <c>?</c>s.</param>
internal sealed record ParameterSyntax(TextSpan Span, int Number, bool IsQuestionMark) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Enumerable.Empty<SyntaxNode>();
}

/// <summary>A column reference, <c>name</c> or <c>qualifier.name</c>: <c>IdentifierWithOptionalContinuation</c> without a call.</summary>
internal sealed record ColumnReferenceSyntax(TextSpan Span, IdentifierSyntax? Qualifier, IdentifierSyntax Name) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Qualifier, Name);
}

/// <summary>A function call, <c>name([DISTINCT] args)</c> or <c>name(*)</c>: <c>FunctionInvocationContinuation</c>.</summary>
internal sealed record FunctionCallSyntax(
    TextSpan Span, IdentifierSyntax Name, bool IsDistinct, bool IsStar, IReadOnlyList<ExpressionSyntax> Arguments) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Name, Arguments);
}

/// <summary>A window function call, <c>name(args) [FILTER (WHERE …)] OVER window</c>: <c>Over</c>.</summary>
/// <param name="WindowName">The named window after OVER, or <see langword="null"/> when the window is written inline.</param>
/// <param name="Window">The inline window, or <see langword="null"/> for a named one.</param>
internal sealed record WindowFunctionSyntax(
    TextSpan Span, IdentifierSyntax Name, bool IsStar, IReadOnlyList<ExpressionSyntax> Arguments,
    ExpressionSyntax? Filter, IdentifierSyntax? WindowName, WindowBodySyntax? Window) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Name, Arguments, Filter, WindowName, Window);
}

/// <summary>A window: <c>WindowBody</c>, <c>(PARTITION BY … ORDER BY … frame)</c>.</summary>
internal sealed record WindowBodySyntax(
    TextSpan Span, IReadOnlyList<ExpressionSyntax> PartitionBy, IReadOnlyList<OrderItemSyntax> OrderBy, WindowFrameSyntax? Frame) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(PartitionBy, OrderBy, Frame);
}

/// <summary>A window frame: <c>WindowFrame</c>, <c>ROWS|RANGE bound</c> or <c>… BETWEEN bound AND bound</c>; offsets are its children.</summary>
internal sealed record WindowFrameSyntax(TextSpan Span, string Type, IReadOnlyList<ExpressionSyntax> Offsets) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Offsets);
}

/// <summary>The binary operators of <c>Expr</c>, by Picodata's rule names.</summary>
internal enum BinaryOperator
{
    Or,
    And,
    Eq,
    NotEq,
    Lt,
    LtEq,
    Gt,
    GtEq,
    Concat,
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
}

/// <summary>Two operands and an infix operator (<c>ExprInfixOpo</c>).</summary>
internal sealed record BinaryExpressionSyntax(
    TextSpan Span, BinaryOperator Operator, TextSpan OperatorSpan, ExpressionSyntax Left, ExpressionSyntax Right) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Left, Right);

    public bool IsComparison => Operator is BinaryOperator.Eq or BinaryOperator.NotEq or BinaryOperator.Lt
        or BinaryOperator.LtEq or BinaryOperator.Gt or BinaryOperator.GtEq;

    public bool IsArithmetic => Operator is BinaryOperator.Add or BinaryOperator.Subtract
        or BinaryOperator.Multiply or BinaryOperator.Divide or BinaryOperator.Modulo;
}

/// <summary><c>NOT operand</c>: <c>UnaryNot</c>.</summary>
internal sealed record NotExpressionSyntax(TextSpan Span, ExpressionSyntax Operand) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Operand);
}

/// <summary><c>operand [NOT] IN (list | subquery)</c>: <c>In</c>.</summary>
internal sealed record InExpressionSyntax(TextSpan Span, ExpressionSyntax Operand, bool IsNot, ExpressionSyntax Values) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Operand, Values);
}

/// <summary><c>operand [NOT] BETWEEN low AND high</c>: <c>Between</c>.</summary>
internal sealed record BetweenExpressionSyntax(
    TextSpan Span, ExpressionSyntax Operand, bool IsNot, ExpressionSyntax Low, ExpressionSyntax High) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Operand, Low, High);
}

/// <summary><c>operand LIKE|ILIKE|SIMILAR pattern [ESCAPE escape]</c>: <c>Like</c>, <c>Similar</c>, <c>Escape</c>.</summary>
/// <param name="Operator">The operator word as written, lower case: <c>like</c>, <c>ilike</c> or <c>similar</c>.</param>
internal sealed record LikeExpressionSyntax(
    TextSpan Span, string Operator, ExpressionSyntax Operand, ExpressionSyntax Pattern, ExpressionSyntax? Escape) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Operand, Pattern, Escape);
}

/// <summary>What <c>IS [NOT]</c> tests for: <c>IsPostfix</c>'s alternatives.</summary>
internal enum IsTest
{
    True,
    False,
    Unknown,
    Null,
}

/// <summary><c>operand IS [NOT] TRUE|FALSE|UNKNOWN|NULL</c>: <c>IsPostfix</c>.</summary>
internal sealed record IsExpressionSyntax(TextSpan Span, ExpressionSyntax Operand, bool IsNot, IsTest Test) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Operand);
}

/// <summary><c>CAST(operand AS type)</c> (<c>CastOp</c>) or <c>operand::type</c> (<c>CastPostfix</c>).</summary>
internal sealed record CastExpressionSyntax(TextSpan Span, ExpressionSyntax Operand, TypeSyntax Type) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Operand, Type);
}

/// <summary><c>operand[index]</c>: <c>IndexPostfix</c>.</summary>
internal sealed record IndexExpressionSyntax(TextSpan Span, ExpressionSyntax Operand, ExpressionSyntax Index) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Operand, Index);
}

/// <summary><c>(expression)</c>: <c>ExpressionInParentheses</c>.</summary>
internal sealed record ParenthesizedExpressionSyntax(TextSpan Span, ExpressionSyntax Expression) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Expression);
}

/// <summary><c>(a, b, …)</c> with two or more items: <c>Row</c>. Also a row of <c>VALUES</c>, where one item is allowed.</summary>
internal sealed record RowSyntax(TextSpan Span, IReadOnlyList<ExpressionSyntax> Items) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Items);
}

/// <summary><c>ARRAY[a, b, …]</c>: <c>ArrayLiteral</c>.</summary>
internal sealed record ArrayLiteralSyntax(TextSpan Span, IReadOnlyList<ExpressionSyntax> Items) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Items);
}

/// <summary>A parenthesised query used as a value or a source: <c>SubQuery</c>.</summary>
internal sealed record SubquerySyntax(TextSpan Span, QueryStatementSyntax Query) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Query);
}

/// <summary><c>[NOT] EXISTS (subquery)</c>: <c>Exists</c>.</summary>
internal sealed record ExistsExpressionSyntax(TextSpan Span, bool IsNot, SubquerySyntax Subquery) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Subquery);
}

/// <summary><c>CASE [operand] WHEN … THEN … [ELSE …] END</c>: <c>Case</c>.</summary>
internal sealed record CaseExpressionSyntax(
    TextSpan Span, ExpressionSyntax? Operand, IReadOnlyList<CaseWhenSyntax> Whens, ExpressionSyntax? Else) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Operand, Whens, Else);
}

/// <summary><c>WHEN condition THEN result</c>: <c>CaseWhenBlock</c>.</summary>
internal sealed record CaseWhenSyntax(TextSpan Span, ExpressionSyntax Condition, ExpressionSyntax Result) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Condition, Result);
}

/// <summary>
/// A call with its own grammar: <c>TRIM(…)</c>, <c>SUBSTRING(…)</c>, <c>CURRENT_DATE</c>, <c>CURRENT_TIME[(p)]</c>,
/// <c>CURRENT_TIMESTAMP[(p)]</c>, <c>LOCALTIME[(p)]</c>, <c>LOCALTIMESTAMP[(p)]</c>. <see cref="Name"/> is the
/// keyword, lower case; <see cref="Arguments"/> are its value expressions in text order.
/// </summary>
internal sealed record SpecialFunctionSyntax(TextSpan Span, string Name, IReadOnlyList<ExpressionSyntax> Arguments) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Arguments);
}
