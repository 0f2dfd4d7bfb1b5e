namespace Picopyn.Testing.Emulation;

/// <summary>Quoting for the few values the emulation splices into DDL, where parameters are not allowed.</summary>
internal static class SqlText
{
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string Identifier(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
