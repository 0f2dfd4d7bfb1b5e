using Picopyn.Generators.Schema;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Sql.Routing;

/// <summary>
/// One part of a routed statement's sharding key: the column, its Picodata type (which decides how its
/// value is hashed, whatever the type of the value that is bound) and where the value comes from.
/// </summary>
/// <param name="Column">The sharding-key column.</param>
/// <param name="Type">The column's type: the value is hashed as a value of this type.</param>
/// <param name="Parameter">The <c>n</c> of the <c>$n</c> that gives the value (1-based), or 0 when a literal does.</param>
/// <param name="LiteralKind">The kind of the literal that gives the value, when one does.</param>
/// <param name="LiteralValue">The literal's value (a string's without its quotes), when one gives it.</param>
internal sealed record SqlRoutePart(string Column, PicoType Type, int Parameter, LiteralKind? LiteralKind, string? LiteralValue)
{
    /// <summary>How the plan comment shows the value's source: <c>$1</c> or the literal as written.</summary>
    public string Source => Parameter > 0
        ? "$" + Parameter.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : LiteralKind == Syntax.LiteralKind.String ? "'" + LiteralValue!.Replace("'", "''") + "'" : LiteralValue!;
}
