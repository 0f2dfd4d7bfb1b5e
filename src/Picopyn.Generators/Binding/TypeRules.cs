using System;
using System.Collections.Generic;
using Picopyn.Generators.Schema;

namespace Picopyn.Generators.Binding;

/// <summary>
/// Which CLR types meet which Picodata types (see docs/picodata.md, "Types on the wire"): what a member of a type can be
/// filled from, what a parameter of a type can stand for, and the natural CLR type of each Picodata type.
/// </summary>
internal static class TypeRules
{
    private static readonly Dictionary<PicoType, string[]> Members = new()
    {
        [PicoType.Integer] = ["System.Int64", "System.Int32", "System.Int16"],
        [PicoType.Unsigned] = ["System.Int64", "System.Int32", "System.Int16"],
        [PicoType.Double] = ["System.Double"],
        [PicoType.Decimal] = ["System.Decimal"],
        [PicoType.Text] = ["System.String"],
        [PicoType.Json] = ["System.String"],
        [PicoType.Boolean] = ["System.Boolean"],
        [PicoType.Datetime] = ["System.DateTime", "System.DateTimeOffset"],
        [PicoType.Uuid] = ["System.Guid"],
    };

    /// <summary>Whether a member of <paramref name="metadataName"/> can be filled from a column of <paramref name="type"/>.</summary>
    public static bool MemberFits(PicoType type, string metadataName) =>
        !Members.TryGetValue(type, out var fits) || Array.IndexOf(fits, metadataName) >= 0;

    /// <summary>Whether a parameter of <paramref name="metadataName"/> can stand where a value of <paramref name="type"/> is expected.</summary>
    public static bool ParameterFits(PicoType type, string metadataName) => MemberFits(type, metadataName);

    /// <summary>The C# type to suggest for a Picodata type.</summary>
    public static string Natural(PicoType type, bool nullable)
    {
        var name = type switch
        {
            PicoType.Integer or PicoType.Unsigned => "long",
            PicoType.Double => "double",
            PicoType.Decimal => "decimal",
            PicoType.Text or PicoType.Json => "string",
            PicoType.Boolean => "bool",
            PicoType.Datetime => "DateTimeOffset",
            PicoType.Uuid => "Guid",
            _ => "object",
        };
        return nullable ? name + "?" : name;
    }

    public static bool IsNumeric(PicoType type) => type is PicoType.Integer or PicoType.Unsigned or PicoType.Double or PicoType.Decimal;

    /// <summary>Whether two uses of one placeholder agree (integer and unsigned do).</summary>
    public static bool SameFamily(PicoType a, PicoType b) =>
        a == b || (a is PicoType.Integer or PicoType.Unsigned && b is PicoType.Integer or PicoType.Unsigned);

    /// <summary>The type of <c>a op b</c> for arithmetic: the wider of the two.</summary>
    public static PicoType Arithmetic(PicoType a, PicoType b)
    {
        if (!IsNumeric(a) || !IsNumeric(b))
        {
            return a == PicoType.Unknown && IsNumeric(b) ? b : b == PicoType.Unknown && IsNumeric(a) ? a : PicoType.Unknown;
        }

        if (a == PicoType.Double || b == PicoType.Double)
        {
            return PicoType.Double;
        }

        return a == PicoType.Decimal || b == PicoType.Decimal ? PicoType.Decimal : PicoType.Integer;
    }
}
