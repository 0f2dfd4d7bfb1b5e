using System.Collections.Generic;
using System.Linq;
using Picopyn.Generators.Diagnostics;
using Picopyn.Generators.Schema;
using Picopyn.Generators.Sql;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Binding;

// Expressions, one method per node kind; each returns its type as Picodata types it.
internal sealed partial class StatementTyper
{
    private ExpressionInfo Expression(ExpressionSyntax expression, QueryScope scope)
    {
        switch (expression)
        {
            case LiteralSyntax literal:
                return ExpressionInfo.Of(literal.Kind switch
                {
                    // An integer literal is integer; one with a point or exponent is left untyped rather than guessed.
                    LiteralKind.Unsigned or LiteralKind.Integer => new SqlType(PicoType.Integer, false),
                    LiteralKind.String => new SqlType(PicoType.Text, false),
                    LiteralKind.True or LiteralKind.False => new SqlType(PicoType.Boolean, false),
                    LiteralKind.Null => new SqlType(PicoType.Unknown, true, "it is NULL"),
                    _ => SqlType.Unknown,
                }, literal.Span) with { Coercible = literal.Kind is LiteralKind.String or LiteralKind.Null };
            case ParameterSyntax parameter:
                return new ExpressionInfo(SqlType.Unknown, parameter.Number, parameter.Span, "a parameter");
            case ColumnReferenceSyntax column:
                return Column(column, scope);
            case ParenthesizedExpressionSyntax parenthesized:
                return Expression(parenthesized.Expression, scope);
            case BinaryExpressionSyntax binary:
                return Binary(binary, scope);
            case NotExpressionSyntax not:
                var operand = Expression(not.Operand, scope);
                return ExpressionInfo.Of(new SqlType(PicoType.Boolean, operand.Type.IsNullable, operand.Type.NullableBecause), not.Span);
            case IsExpressionSyntax test:
                Expression(test.Operand, scope);
                return ExpressionInfo.Of(new SqlType(PicoType.Boolean, false), test.Span);
            case InExpressionSyntax @in:
                return In(@in, scope);
            case BetweenExpressionSyntax between:
                var subject = Expression(between.Operand, scope);
                Pair(subject, Expression(between.Low, scope));
                Pair(subject, Expression(between.High, scope));
                return Boolean(subject, subject);
            case LikeExpressionSyntax like:
                return Like(like, scope);
            case CastExpressionSyntax cast:
                return Cast(Expression(cast.Operand, scope), cast.Type);
            case SubquerySyntax subquery:
                var items = Query(subquery.Query, out _);
                var type = items.Count == 1 && !items[0].IsStar ? items[0].Type : SqlType.Unknown;
                return ExpressionInfo.Of(type.OrNull(type.IsKnown, "a subquery that finds no row gives NULL"), subquery.Span);
            case ExistsExpressionSyntax exists:
                Query(exists.Subquery.Query, out _);
                return ExpressionInfo.Of(new SqlType(PicoType.Boolean, false), exists.Span);
            case CaseExpressionSyntax @case:
                return Case(@case, scope);
            case FunctionCallSyntax call:
                return Function(call.Name.Name, call.Arguments.Select(a => Expression(a, scope)).ToList(), call.Span);
            case WindowFunctionSyntax window:
                var arguments = window.Arguments.Select(a => Expression(a, scope)).ToList();
                Condition(window.Filter, scope);
                if (window.Window is { } body)
                {
                    Window(body, scope);
                }

                return Function(window.Name.Name, arguments, window.Span);
            case SpecialFunctionSyntax special:
                return Special(special, scope);
            default:
                // Rows, arrays, indexing: typed inside (for placeholders), not as a whole.
                foreach (var child in expression.ChildNodes().OfType<ExpressionSyntax>())
                {
                    Expression(child, scope);
                }

                return ExpressionInfo.Of(SqlType.Unknown, expression.Span);
        }
    }

    private ExpressionInfo Binary(BinaryExpressionSyntax binary, QueryScope scope)
    {
        var left = Expression(binary.Left, scope);
        var right = Expression(binary.Right, scope);

        // Picodata's operator overloads, now with the columns' types (literals alone were judged before typing).
        if (!left.Coercible && !right.Coercible && OperatorTypes.Refuses(binary.Operator, left.Type.Type, right.Type.Type))
        {
            _diagnostics.Add(DiagnosticDescriptors.SqlTypeMismatch, At(binary.OperatorSpan), OperatorTypes.Message(binary.Operator, left.Type.Type, right.Type.Type));
        }

        if (binary.IsComparison)
        {
            Pair(left, right);
            return Boolean(left, right);
        }

        // || takes any operands and makes text of them (SELECT int_col || 'x' runs on Picodata): it fixes no placeholder's type.
        if (binary.Operator == BinaryOperator.Concat)
        {
            return Combined(PicoType.Text, left, right);
        }

        return binary.IsArithmetic ? Arithmetic(left, right) : Boolean(left, right);
    }

    private ExpressionInfo In(InExpressionSyntax @in, QueryScope scope)
    {
        var left = Expression(@in.Operand, scope);
        if (@in.Values is SubquerySyntax subquery)
        {
            var items = Query(subquery.Query, out _);
            if (items.Count == 1 && !items[0].IsStar)
            {
                Pair(left, new ExpressionInfo(items[0].Type, 0, subquery.Span, $"the subquery's column '{items[0].Name}'"));
            }
        }
        else if (@in.Values is RowSyntax row)
        {
            foreach (var item in row.Items)
            {
                Pair(left, Expression(item, scope));
            }
        }

        return Boolean(left, left);
    }

    private ExpressionInfo Like(LikeExpressionSyntax like, QueryScope scope)
    {
        var left = Expression(like.Operand, scope);
        var pattern = Expression(like.Pattern, scope);
        var word = like.Operator == "similar" ? "SIMILAR" : "LIKE";
        Expect(left, PicoType.Text, $"text ({word})");
        Expect(pattern, PicoType.Text, $"text (a {word} pattern)");
        if (like.Escape is { } escape)
        {
            Expression(escape, scope);
        }

        return Boolean(left, pattern);
    }

    private ExpressionInfo Case(CaseExpressionSyntax @case, QueryScope scope)
    {
        ExpressionInfo? operand = @case.Operand is null ? null : Expression(@case.Operand, scope);
        var results = new List<ExpressionInfo>();
        foreach (var when in @case.Whens)
        {
            var condition = Expression(when.Condition, scope);
            if (operand is { } subject)
            {
                Pair(subject, condition);
            }

            results.Add(Expression(when.Result, scope));
        }

        var hasElse = @case.Else is not null;
        if (hasElse)
        {
            results.Add(Expression(@case.Else!, scope));
        }

        var known = results.FirstOrDefault(r => r.Type.IsKnown);
        var nullable = !hasElse || results.Any(r => r.Type.IsNullable);
        var because = !hasElse ? "a CASE without ELSE gives NULL when no WHEN matches" : results.FirstOrDefault(r => r.Type.IsNullable).Type.NullableBecause;
        return ExpressionInfo.Of(new SqlType(known.Type.Type, nullable, nullable ? because : null), @case.Span);
    }

    private void Window(WindowBodySyntax window, QueryScope scope)
    {
        foreach (var partition in window.PartitionBy)
        {
            Expression(partition, scope);
        }

        foreach (var order in window.OrderBy)
        {
            Expression(order.Expression, scope);
        }
    }

    private ExpressionInfo Cast(ExpressionInfo value, TypeSyntax target)
    {
        var type = target.IsArray ? PicoType.Unknown : PicoTypeNames.Parse(target.Name) ?? PicoType.Unknown;
        Expect(value, type, "a value cast to " + PicoTypeNames.Name(type));
        return ExpressionInfo.Of(new SqlType(type, value.Type.IsNullable, value.Type.NullableBecause), value.Span);
    }

    // Where two sides meet (a comparison, IN, BETWEEN, a CASE operand): a placeholder on one side stands for the other side's type.
    private void Pair(ExpressionInfo a, ExpressionInfo b)
    {
        if (a.Placeholder > 0 && b.Type.IsKnown)
        {
            Infer(a, b.Type.Type, b.What);
        }
        else if (b.Placeholder > 0 && a.Type.IsKnown)
        {
            Infer(b, a.Type.Type, a.What);
        }
    }

    private ExpressionInfo Arithmetic(ExpressionInfo left, ExpressionInfo right)
    {
        Pair(left, right);
        return Combined(TypeRules.Arithmetic(left.Type.Type, right.Type.Type), left, right);
    }

    private static ExpressionInfo Boolean(ExpressionInfo left, ExpressionInfo right) => Combined(PicoType.Boolean, left, right);

    // An operator's result: NULL when either operand is.
    private static ExpressionInfo Combined(PicoType type, ExpressionInfo left, ExpressionInfo right)
    {
        var nullable = left.Type.IsNullable ? left.Type : right.Type;
        return ExpressionInfo.Of(new SqlType(type, nullable.IsNullable, nullable.NullableBecause), left.Span);
    }
}
