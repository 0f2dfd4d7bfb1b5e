namespace Picopyn.Cli;

/// <summary>What <c>picopyn</c> exits with, so CI can tell "the check found something" from "the check could not run".</summary>
internal static class ExitCodes
{
    /// <summary>Done; nothing found.</summary>
    public const int Success = 0;

    /// <summary>The check ran and found something: a drift (<c>schema diff</c>) or a mismatch (<c>verify</c>).</summary>
    public const int Found = 1;

    /// <summary>The command could not run: bad arguments, an unreadable file, an unreachable cluster, a failed build.</summary>
    public const int Failed = 2;
}
