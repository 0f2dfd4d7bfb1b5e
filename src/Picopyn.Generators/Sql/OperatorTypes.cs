using Picopyn.Generators.Schema;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Sql;

/// <summary>
/// Which operand types Picodata's operators take (its type system's overloads, as its error texts show them:
/// "could not resolve operator overload for +(int, bool)"). Shared by the literal walk and the schema checks.
/// Only types the rules are sure of are judged: datetime, uuid and json operands are left alone.
/// </summary>
internal static class OperatorTypes
{
    /// <summary>The types' names in Picodata's overload messages.</summary>
    public static string Name(PicoType type) => type switch
    {
        PicoType.Integer or PicoType.Unsigned => "int",
        PicoType.Decimal => "numeric",
        PicoType.Double => "double",
        PicoType.Text => "text",
        PicoType.Boolean => "bool",
        _ => PicoTypeNames.Name(type),
    };

    /// <summary>Whether the operator cannot take these operands (both known); then Picodata refuses the statement.</summary>
    public static bool Refuses(BinaryOperator op, PicoType left, PicoType right)
    {
        if (!Judged(left) || !Judged(right))
        {
            return false;
        }

        return op switch
        {
            BinaryOperator.Or or BinaryOperator.And => left != PicoType.Boolean || right != PicoType.Boolean,
            BinaryOperator.Concat => left != PicoType.Text && right != PicoType.Text,
            BinaryOperator.Modulo => !IsInteger(left) || !IsInteger(right),
            BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply or BinaryOperator.Divide => !IsNumber(left) || !IsNumber(right),
            _ => Family(left) != Family(right),
        };
    }

    /// <summary>The text of Picodata's refusal: <c>could not resolve operator overload for +(int, bool)</c>.</summary>
    public static string Message(BinaryOperator op, PicoType left, PicoType right) =>
        $"Picodata could not resolve operator overload for {Symbol(op)}({Name(left)}, {Name(right)}): " + (op switch
        {
            BinaryOperator.Or or BinaryOperator.And => "AND and OR take booleans; compare the value to make one.",
            BinaryOperator.Concat => "|| needs a text operand; cast one side to text.",
            BinaryOperator.Modulo => "% takes integers.",
            BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply or BinaryOperator.Divide => "arithmetic takes numbers; cast the other side.",
            _ => "the two sides are of different types; cast one to the other's.",
        });

    /// <summary>The type an arithmetic operator gives its (known) number operands.</summary>
    public static PicoType Arithmetic(PicoType left, PicoType right) =>
        left == PicoType.Double || right == PicoType.Double ? PicoType.Double
        : left == PicoType.Decimal || right == PicoType.Decimal ? PicoType.Decimal
        : IsInteger(left) && IsInteger(right) ? PicoType.Integer
        : PicoType.Unknown;

    /// <summary>Whether a condition of this type is one the rules judge and not a boolean (Picodata: "not a trivalent expression").</summary>
    public static bool IsJudgedNonBoolean(PicoType type) => Judged(type) && type != PicoType.Boolean;

    /// <summary>Whether two arm types of a UNION or EXCEPT column cannot be unified (Picodata: "Unable to unify inconsistent types").</summary>
    public static bool CannotUnify(PicoType left, PicoType right) => Judged(left) && Judged(right) && Family(left) != Family(right);

    public static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Or => "or",
        BinaryOperator.And => "and",
        BinaryOperator.Eq => "=",
        BinaryOperator.NotEq => "<>",
        BinaryOperator.Lt => "<",
        BinaryOperator.LtEq => "<=",
        BinaryOperator.Gt => ">",
        BinaryOperator.GtEq => ">=",
        BinaryOperator.Concat => "||",
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        _ => "%",
    };

    private static bool Judged(PicoType type) => type is PicoType.Integer or PicoType.Unsigned or PicoType.Decimal or PicoType.Double
        or PicoType.Text or PicoType.Boolean;

    private static bool IsInteger(PicoType type) => type is PicoType.Integer or PicoType.Unsigned;

    private static bool IsNumber(PicoType type) => type is PicoType.Integer or PicoType.Unsigned or PicoType.Decimal or PicoType.Double;

    private static int Family(PicoType type) => IsNumber(type) ? 0 : (int)type;
}
