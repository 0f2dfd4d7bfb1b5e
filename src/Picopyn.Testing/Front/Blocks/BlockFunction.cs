namespace Picopyn.Testing.Front.Blocks;

/// <summary>A transactional block made ready on an instance: the statement a session runs in its place.</summary>
/// <param name="CallSql">Calls the block's function with the block's parameters, <c>$1</c>… in order.</param>
internal sealed record BlockFunction(string CallSql)
{
    /// <summary>The start of every block function's name (in the instance's private schema).</summary>
    public const string NamePrefix = Emulation.InstanceSchema.PrivateSchema + ".block_";

    /// <summary>Whether <paramref name="sql"/> is a block function's call, as the statement log holds it.</summary>
    public static bool IsCall(string sql) =>
        sql.StartsWith("SELECT * FROM " + NamePrefix, StringComparison.Ordinal) || sql.StartsWith("SELECT FROM " + NamePrefix, StringComparison.Ordinal);
}
