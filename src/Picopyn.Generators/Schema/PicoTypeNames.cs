using System.Collections.Generic;

namespace Picopyn.Generators.Schema;

/// <summary>Picodata's type names and their synonyms (see docs/picodata.md, "Types on the wire"), in DDL and in <c>_pico_table</c>'s format.</summary>
internal static class PicoTypeNames
{
    private static readonly Dictionary<string, PicoType> Names = new(System.StringComparer.OrdinalIgnoreCase)
    {
        ["integer"] = PicoType.Integer,
        ["int"] = PicoType.Integer,
        ["bigint"] = PicoType.Integer,
        ["smallint"] = PicoType.Integer,
        ["int2"] = PicoType.Integer,
        ["int4"] = PicoType.Integer,
        ["int8"] = PicoType.Integer,
        ["unsigned"] = PicoType.Unsigned,
        ["double"] = PicoType.Double,
        ["decimal"] = PicoType.Decimal,
        ["numeric"] = PicoType.Decimal,
        ["number"] = PicoType.Decimal,
        ["text"] = PicoType.Text,
        ["string"] = PicoType.Text,
        ["varchar"] = PicoType.Text,
        ["boolean"] = PicoType.Boolean,
        ["bool"] = PicoType.Boolean,
        ["datetime"] = PicoType.Datetime,
        ["uuid"] = PicoType.Uuid,
        ["json"] = PicoType.Json,
        ["map"] = PicoType.Json,
    };

    /// <summary>The type a name (or synonym) stands for, or <see langword="null"/> when Picodata has no such type.</summary>
    public static PicoType? Parse(string name) => Names.TryGetValue(name, out var type) ? type : null;

    /// <summary>The name DDL and messages use for a type.</summary>
    public static string Name(PicoType type) => type switch
    {
        PicoType.Integer => "integer",
        PicoType.Unsigned => "unsigned",
        PicoType.Double => "double",
        PicoType.Decimal => "decimal",
        PicoType.Text => "text",
        PicoType.Boolean => "boolean",
        PicoType.Datetime => "datetime",
        PicoType.Uuid => "uuid",
        PicoType.Json => "json",
        _ => "unknown",
    };

    public const string Known = "integer (int, bigint, smallint), unsigned, double, decimal (numeric), text (string, varchar(n)), boolean (bool), datetime, uuid, json";
}
