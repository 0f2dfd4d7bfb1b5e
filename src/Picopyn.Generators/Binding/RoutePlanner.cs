using System.Globalization;
using System.Linq;
using Picopyn.Generators.Model;
using Picopyn.Generators.Schema;
using Picopyn.Generators.Sql;
using Picopyn.Generators.Sql.Routing;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Binding;

/// <summary>
/// A method's routing plan, from its statement and the schema (<see cref="SqlRouteReader"/>): per key part, the
/// C# the generated call hashes — the bound parameter, converted to the column's type where Picodata converts it
/// (an <c>int</c> for an <c>integer</c> column is hashed as the 64-bit integer the column stores), or the literal.
/// A statement without one bucket, or a part whose parameter cannot be hashed as its column stores it, is
/// balanced, and the reason is a hidden diagnostic (PICO400).
/// </summary>
internal static class RoutePlanner
{
    /// <summary>The plan, or <see langword="null"/> and why there is none.</summary>
    public static RouteModel? Plan(QueryMethodModel method, SchemaModel schema, out string? whyNot)
    {
        var routing = SqlRouteReader.Read(SqlParser.Parse(method.Sql), schema.Table);
        whyNot = routing.WhyNot;
        if (routing.Route is not { } route)
        {
            return null;
        }

        var parts = new string[route.Parts.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            var part = route.Parts[i];
            var value = part.Parameter > 0 ? FromParameter(method, part, out whyNot) : FromLiteral(part);
            if (value is null)
            {
                whyNot ??= $"{part.Column} is given a value the generator cannot hash as {PicoTypeNames.Name(part.Type)}";
                return null;
            }

            parts[i] = value;
        }

        whyNot = null;
        return new RouteModel(route.Tier, route.Describe(), new EquatableArray<string>(parts));
    }

    private static string? FromParameter(QueryMethodModel method, SqlRoutePart part, out string? whyNot)
    {
        whyNot = null;
        var parameter = method.Parameters.FirstOrDefault(p => p.Role == ParameterRole.Bound && p.Placeholder == part.Parameter);
        if (parameter is null)
        {
            return null;
        }

        if (parameter.IsNullableValueType)
        {
            whyNot = $"{part.Column} is bound to '{parameter.Name}', which can be null";
            return null;
        }

        var type = parameter.BindType.TrimEnd('?');
        return (part.Type, type) switch
        {
            (PicoType.Integer or PicoType.Unsigned, "long" or "ulong") => parameter.Name,
            (PicoType.Integer or PicoType.Unsigned, "int" or "short" or "sbyte" or "byte" or "ushort" or "uint") => "(long)" + parameter.Name,
            (PicoType.Decimal, "decimal") => parameter.Name,
            (PicoType.Decimal, "long" or "int" or "short" or "sbyte" or "byte" or "ushort" or "uint") => "(decimal)" + parameter.Name,
            (PicoType.Text, "string") => parameter.Name,
            (PicoType.Boolean, "bool") => parameter.Name,
            (PicoType.Uuid, "global::System.Guid") => parameter.Name,
            _ => null,
        };
    }

    private static string? FromLiteral(SqlRoutePart part) => (part.Type, part.LiteralKind) switch
    {
        (_, LiteralKind.Null) => null,
        (PicoType.Integer or PicoType.Unsigned, _) when long.TryParse(part.LiteralValue, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) =>
            part.LiteralValue + "L",
        (PicoType.Integer or PicoType.Unsigned, _) when ulong.TryParse(part.LiteralValue, NumberStyles.None, CultureInfo.InvariantCulture, out _) =>
            part.LiteralValue + "UL",
        (PicoType.Decimal, _) when decimal.TryParse(part.LiteralValue, NumberStyles.Number, CultureInfo.InvariantCulture, out _) => part.LiteralValue + "m",
        (PicoType.Text, _) => Emitting.GeneratedCode.Literal(part.LiteralValue!),
        (PicoType.Uuid, _) when System.Guid.TryParse(part.LiteralValue, out var uuid) =>
            "new global::System.Guid(\"" + uuid.ToString("D") + "\")",
        (PicoType.Boolean, LiteralKind.True) => "true",
        (PicoType.Boolean, LiteralKind.False) => "false",
        _ => null,
    };
}
