using System.Collections.Frozen;

namespace Picopyn.Testing.Front;

/// <summary>
/// The parameter types a Parse may declare, as Picodata takes them (its pgproto <c>pg_type_to_sbroad</c>):
/// boolean, integers, float8, numeric, text and varchar, uuid, timestamptz, arrays of these (and of float4
/// and json), and "unspecified". Any other fails the Parse with <c>0A000</c>, "feature is not supported:
/// float4 parameters" — PostgreSQL's type name, or "parameter oid N" for a type it does not know.
/// </summary>
internal static class ParameterTypes
{
    /// <summary>Picodata's SQLSTATE for an unsupported type or message.</summary>
    public const string FeatureNotSupported = "0A000";

    private static readonly FrozenSet<int> Accepted = new[]
    {
        0, 705, // unspecified, unknown
        16, 1700, 701, 20, 23, 21, 25, 1043, 2950, 1184, // bool numeric float8 int8 int4 int2 text varchar uuid timestamptz
        1000, 1016, 1007, 1005, 1022, 1021, 1231, 1009, 1015, 2951, 1185, 199, 3807, // their arrays, float4[], json[], jsonb[]
    }.ToFrozenSet();

    // PostgreSQL's names of the types a client is likely to declare that Picodata refuses.
    private static readonly FrozenDictionary<int, string> Names = new Dictionary<int, string>
    {
        [17] = "bytea", [18] = "char", [19] = "name", [26] = "oid", [114] = "json", [700] = "float4", [790] = "money",
        [869] = "inet", [650] = "cidr", [829] = "macaddr", [1042] = "bpchar", [1082] = "date", [1083] = "time",
        [1114] = "timestamp", [1186] = "interval", [1266] = "timetz", [1560] = "bit", [1562] = "varbit",
        [3802] = "jsonb", [142] = "xml", [3614] = "tsvector", [2249] = "record",
    }.ToFrozenDictionary();

    /// <summary>Picodata's error for the first parameter type of a Parse message it refuses, or <see langword="null"/>.</summary>
    public static string? RefusalOf(ReadOnlySpan<byte> parse)
    {
        // Every Parse is checked: read the OIDs where they stand, allocating nothing.
        var oids = StatementGate.DeclaredTypeOids(parse);
        for (var i = 0; i + 4 <= oids.Length; i += 4)
        {
            var oid = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(oids[i..]);
            if (!Accepted.Contains(oid))
            {
                return "feature is not supported: " + (Names.TryGetValue(oid, out var name) ? $"{name} parameters" : $"parameter oid {oid}");
            }
        }

        return null;
    }
}
