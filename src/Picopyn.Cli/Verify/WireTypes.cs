namespace Picopyn.Cli.Verify;

/// <summary>
/// Which server types meet which C# types, as generated code binds and reads them
/// (see docs/picodata.md, "Types on the wire"): a column of a server type can be read into these members, a
/// parameter the server expects as this type can be bound from these.
/// </summary>
internal static class WireTypes
{
    private static readonly Dictionary<string, string[]> Accepted = new(StringComparer.OrdinalIgnoreCase)
    {
        ["bigint"] = ["long", "int", "short"],
        ["integer"] = ["long", "int", "short"],
        ["smallint"] = ["long", "int", "short"],
        ["double precision"] = ["double"],
        ["numeric"] = ["decimal"],
        ["text"] = ["string"],
        ["character varying"] = ["string"],
        ["json"] = ["string"],
        ["jsonb"] = ["string"],
        ["boolean"] = ["bool"],
        ["uuid"] = ["System.Guid"],
        ["timestamp with time zone"] = ["System.DateTime", "System.DateTimeOffset"],
    };

    /// <summary>Whether C# type <paramref name="code"/> (as the manifest spells it) meets server type <paramref name="server"/>; an unknown server type is not judged.</summary>
    public static bool Fits(string server, string code) =>
        !Accepted.TryGetValue(server, out var types) || types.Contains(Normalize(code), StringComparer.Ordinal);

    /// <summary>The C# type to suggest for a server type.</summary>
    public static string Suggest(string server) => Accepted.TryGetValue(server, out var types) ? types[0].Replace("System.", string.Empty, StringComparison.Ordinal) : "?";

    /// <summary><c>global::System.Guid?</c> → <c>System.Guid</c>; keywords stay keywords.</summary>
    public static string Normalize(string code) => code.Replace("global::", string.Empty, StringComparison.Ordinal).TrimEnd('?');

    /// <summary>How the code's type is bound, for a statement described with the code's own parameter types.</summary>
    public static NpgsqlTypes.NpgsqlDbType Binding(string code) => Normalize(code) switch
    {
        "long" => NpgsqlTypes.NpgsqlDbType.Bigint,
        "int" => NpgsqlTypes.NpgsqlDbType.Integer,
        "short" => NpgsqlTypes.NpgsqlDbType.Smallint,
        "double" => NpgsqlTypes.NpgsqlDbType.Double,
        "decimal" => NpgsqlTypes.NpgsqlDbType.Numeric,
        "bool" => NpgsqlTypes.NpgsqlDbType.Boolean,
        "System.Guid" => NpgsqlTypes.NpgsqlDbType.Uuid,
        "System.DateTime" or "System.DateTimeOffset" => NpgsqlTypes.NpgsqlDbType.TimestampTz,
        _ => NpgsqlTypes.NpgsqlDbType.Text,
    };
}
