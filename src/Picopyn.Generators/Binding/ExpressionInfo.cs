using Picopyn.Generators.Schema;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Binding;

/// <summary>An expression as typed: its type, the placeholder it is when it is nothing but one, and words for messages.</summary>
/// <param name="Type">The value's type.</param>
/// <param name="Placeholder">The <c>$n</c> (or numbered <c>?</c>) when the expression is a bare placeholder, else 0.</param>
/// <param name="Span">Where it stands in the SQL text, where faults about it go.</param>
/// <param name="What">How messages describe it: <c>column 'users.id' (integer)</c>, <c>an integer value</c>.</param>
/// <param name="Column">For a bare column reference: the column's name (a result column takes it as its name).</param>
/// <param name="Coercible">A string literal (or NULL), which takes the type its place needs: no operator judges it.</param>
internal readonly record struct ExpressionInfo(SqlType Type, int Placeholder, TextSpan Span, string What, string? Column = null, bool Coercible = false)
{
    public static ExpressionInfo Of(SqlType type, TextSpan span) =>
        new(type, 0, span, type.IsKnown ? "a value of type " + PicoTypeNames.Name(type.Type) : "a value");
}
