using System;
using System.Collections.Generic;
using System.Linq;
using Picopyn.Generators.Schema;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Sql;

/// <summary>
/// The walk for types decidable from the text alone — literals, casts and what operators make of them:
/// operators given operands they do not take (<see cref="OperatorTypes"/>), NOT, WHERE, HAVING and ON over
/// something that is not a boolean ("argument of NOT must be type boolean", "filter expression is not a
/// trivalent expression"), and UNION/EXCEPT arms whose columns cannot be unified. Columns are left to the
/// schema checks, which apply the same rules with the schema's types.
/// </summary>
internal static class SqlTypeRules
{
    public static void Check(StatementSyntax statement, List<SqlFault> faults)
    {
        var walk = new Walk(faults);
        foreach (var node in statement.DescendantNodes())
        {
            switch (node)
            {
                case SelectSyntax select:
                    walk.Condition(select.Where, "WHERE");
                    walk.Condition(select.Having, "HAVING");
                    foreach (var join in select.Joins)
                    {
                        walk.Condition(join.Condition, "ON");
                    }

                    break;
                case UpdateStatementSyntax update:
                    walk.Condition(update.Where, "WHERE");
                    break;
                case DeleteStatementSyntax delete:
                    walk.Condition(delete.Where, "WHERE");
                    break;
                case SetOperationSyntax set:
                    walk.Union(set);
                    break;
                case ExpressionSyntax expression when IsTop(expression):
                    walk.TypeOf(expression);
                    break;
            }
        }
    }

    /// <summary>The type of a selected expression as its text tells (literals, casts, operators), or unknown.</summary>
    public static PicoType ProjectedTypeOf(ExpressionSyntax expression) => new Walk([]).ProjectedType(expression);

    // Expressions are typed from their roots (a projection item, a VALUES row…), each node once.
    private static bool IsTop(ExpressionSyntax expression) => expression is not ParameterSyntax;

    private sealed class Walk(List<SqlFault> faults)
    {
        // By reference: nodes are records, whose value equality would hash whole subtrees.
        private readonly Dictionary<ExpressionSyntax, PicoType> _types = new(ByReference.Instance);

        public void Condition(ExpressionSyntax? condition, string clause)
        {
            if (condition is null)
            {
                return;
            }

            var type = TypeOf(condition);
            if (type != PicoType.Unknown && type != PicoType.Boolean && !Reported(condition))
            {
                Add(condition.Span, $"The {clause} condition is of type {OperatorTypes.Name(type)}, not a boolean (Picodata: filter expression is not a trivalent expression).");
            }
        }

        public void Union(SetOperationSyntax set)
        {
            var left = set.Left.FirstSelect.Projection;
            var right = set.Right.Projection;
            for (var i = 0; i < Math.Min(left.Count, right.Count); i++)
            {
                if (left[i] is ExpressionItemSyntax a && right[i] is ExpressionItemSyntax b
                    && OperatorTypes.CannotUnify(ProjectedType(a.Expression), ProjectedType(b.Expression)))
                {
                    Add(b.Span, $"Column {i + 1} of the {(set.Operator == "ExceptOp" ? "EXCEPT" : "UNION")} is {OperatorTypes.Name(ProjectedType(a.Expression))} in the first arm and " +
                        $"{OperatorTypes.Name(ProjectedType(b.Expression))} here: Picodata cannot unify them; cast one.");
                    return;
                }
            }
        }

        // What a query's column is typed as: a string literal selected is text.
        public PicoType ProjectedType(ExpressionSyntax expression) =>
            expression is LiteralSyntax { Kind: LiteralKind.String } ? PicoType.Text : TypeOf(expression);

        public PicoType TypeOf(ExpressionSyntax expression)
        {
            if (!_types.TryGetValue(expression, out var type))
            {
                type = Compute(expression);
                _types[expression] = type;
            }

            return type;
        }

        private PicoType Compute(ExpressionSyntax expression)
        {
            switch (expression)
            {
                case LiteralSyntax literal:
                    return literal.Kind switch
                    {
                        LiteralKind.Unsigned or LiteralKind.Integer => PicoType.Integer,
                        LiteralKind.Decimal => PicoType.Decimal,
                        LiteralKind.Double => PicoType.Double,
                        // A string literal takes the type its place needs ('1' + 1 runs): it is judged by no operator.
                        LiteralKind.True or LiteralKind.False => PicoType.Boolean,
                        _ => PicoType.Unknown,
                    };
                case CastExpressionSyntax cast:
                    TypeOf(cast.Operand);
                    return cast.Type.IsArray ? PicoType.Unknown : PicoTypeNames.Parse(cast.Type.Name) ?? PicoType.Unknown;
                case ParenthesizedExpressionSyntax parenthesized:
                    return TypeOf(parenthesized.Expression);
                case NotExpressionSyntax not:
                    var operand = TypeOf(not.Operand);
                    if (operand != PicoType.Unknown && operand != PicoType.Boolean && !Reported(not.Operand))
                    {
                        Add(not.Operand.Span, $"The argument of NOT must be a boolean, not {OperatorTypes.Name(operand)}.");
                    }

                    return PicoType.Boolean;
                case BinaryExpressionSyntax binary:
                    var left = TypeOf(binary.Left);
                    var right = TypeOf(binary.Right);
                    if (OperatorTypes.Refuses(binary.Operator, left, right))
                    {
                        Add(binary.OperatorSpan, OperatorTypes.Message(binary.Operator, left, right));
                        return PicoType.Unknown;
                    }

                    return binary.Operator switch
                    {
                        BinaryOperator.Concat => PicoType.Text,
                        _ when binary.IsArithmetic => left == PicoType.Unknown || right == PicoType.Unknown ? PicoType.Unknown : OperatorTypes.Arithmetic(left, right),
                        _ => PicoType.Boolean,
                    };
                case LikeExpressionSyntax like:
                    var subject = TypeOf(like.Operand);
                    TypeOf(like.Pattern);
                    if (subject is PicoType.Boolean or PicoType.Integer or PicoType.Decimal or PicoType.Double && !Reported(like.Operand))
                    {
                        Add(like.Operand.Span, $"{like.Operator.ToUpperInvariant()} matches text, not {OperatorTypes.Name(subject)}: cast it to text.");
                    }

                    return PicoType.Boolean;
                case InExpressionSyntax or BetweenExpressionSyntax or IsExpressionSyntax or ExistsExpressionSyntax:
                    foreach (var child in expression.ChildNodes().OfType<ExpressionSyntax>())
                    {
                        TypeOf(child);
                    }

                    return PicoType.Boolean;
                case SubquerySyntax { Query: SelectStatementSyntax { Body: SelectSyntax { Projection: { Count: 1 } projection } } }
                    when projection[0] is ExpressionItemSyntax only:
                    return ProjectedType(only.Expression);
                case FunctionCallSyntax { Name.Name: "count" }:
                case WindowFunctionSyntax { Name.Name: "count" or "row_number" }:
                    return PicoType.Integer;
                case FunctionCallSyntax { Name.Name: "lower" or "upper" or "substr" }:
                    return PicoType.Text;
                default:
                    return PicoType.Unknown;
            }
        }

        // One fault per expression: a node whose own children already drew one is not reported again.
        private bool Reported(ExpressionSyntax expression) =>
            faults.Any(f => f.Start >= expression.Span.Start && f.Start < expression.Span.End && f.Kind == SqlFaultKind.TypeMismatch);

        private void Add(TextSpan span, string message) =>
            faults.Add(new SqlFault(SqlFaultKind.TypeMismatch, span.Start, Math.Max(1, span.Length), message));
    }

    private sealed class ByReference : IEqualityComparer<ExpressionSyntax>
    {
        public static readonly ByReference Instance = new();

        public bool Equals(ExpressionSyntax? x, ExpressionSyntax? y) => ReferenceEquals(x, y);

        public int GetHashCode(ExpressionSyntax obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
