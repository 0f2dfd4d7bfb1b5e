using System.Collections.Generic;

namespace Picopyn.Generators.Types;

/// <summary>
/// The CLR types Picodata sends and accepts (see docs/picodata.md, "Types on the wire"), by metadata name
/// (<c>System.Int64</c>, <c>System.Byte[]</c>), without nullability: a nullable form follows its
/// underlying type. The one place the generator, its diagnostics and docs/generator.md take the
/// type rules from.
/// </summary>
internal static class PicodataTypes
{
    private static readonly Dictionary<string, MemberReadPlan> Members = new()
    {
        ["System.Int64"] = new("GetInt64", null),
        ["System.Int32"] = new("GetInt64", "int"),
        ["System.Int16"] = new("GetInt64", "short"),
        ["System.Boolean"] = new("GetBoolean", null),
        ["System.Double"] = new("GetDouble", null),
        ["System.Decimal"] = new("GetDecimal", null),
        ["System.String"] = new("GetString", null),
        ["System.Guid"] = new("GetGuid", null),
        ["System.DateTime"] = new("GetDateTime", null),
        ["System.DateTimeOffset"] = new("GetFieldValue<global::System.DateTimeOffset>", null),
    };

    private static readonly HashSet<string> Parameters =
    [
        "System.Int64", "System.Int32", "System.Int16", "System.Boolean", "System.Double", "System.Decimal",
        "System.String", "System.Guid", "System.DateTime", "System.DateTimeOffset",
    ];

    private static readonly Dictionary<string, string> Refusals = new()
    {
        ["System.Single"] = "Picodata has no float4 (real): it refuses float parameters and sends no float columns; use double",
        ["System.Byte[]"] = "Picodata has no binary type (bytea)",
        ["System.DateOnly"] = "Picodata has no date type; use DateTimeOffset or a UTC DateTime",
        ["System.TimeOnly"] = "Picodata has no time type",
        ["System.TimeSpan"] = "Picodata has no interval type",
        ["System.Char"] = "Picodata has no single-character type; use string",
        ["System.Byte"] = "Picodata sends every integer as a 64-bit one; use long, int or short",
        ["System.SByte"] = "Picodata sends every integer as a 64-bit one; use long, int or short",
        ["System.UInt16"] = "Picodata sends every integer as a signed 64-bit one; use long",
        ["System.UInt32"] = "Picodata sends every integer as a signed 64-bit one; use long",
        ["System.UInt64"] = "Picodata sends every integer as a signed 64-bit one; use long",
        ["System.Object"] = "the generator needs a concrete type to read and bind without boxing",
        ["System.Text.Json.JsonDocument"] = "Picodata accepts no json parameter; use string (json columns arrive as text)",
        ["System.Text.Json.JsonElement"] = "Picodata accepts no json parameter; use string (json columns arrive as text)",
    };

    /// <summary>How to read a column into a member of this type, or <see langword="null"/> when none can be filled.</summary>
    public static MemberReadPlan? ReadPlan(string metadataName) => Members.TryGetValue(metadataName, out var plan) ? plan : null;

    public static TypeSupport ForMember(string metadataName) =>
        Members.ContainsKey(metadataName) ? TypeSupport.Yes : TypeSupport.No(Explain(metadataName, "read into a member"));

    /// <summary>
    /// Whether a parameter of this type binds. A <c>DateTime</c> binds but is checked at run time:
    /// only Kind Utc is sent (Picodata refuses timestamp without time zone).
    /// </summary>
    public static TypeSupport ForParameter(string metadataName) =>
        Parameters.Contains(metadataName) ? TypeSupport.Yes : TypeSupport.No(Explain(metadataName, "bound as a parameter"));

    /// <summary>Whether values of this type need the UTC check before they are sent.</summary>
    public static bool NeedsUtcCheck(string metadataName) => metadataName == "System.DateTime";

    private static string Explain(string metadataName, string use) =>
        Refusals.TryGetValue(metadataName, out var why)
            ? $"{metadataName} cannot be {use}: {why}"
            : $"{metadataName} cannot be {use}: Picopyn maps long, int, short, bool, double, decimal, string, Guid, DateTime (UTC) and DateTimeOffset";
}
