namespace Picopyn.Testing;

/// <summary>Whether an instance's server process runs, independent of what the system tables say.</summary>
public enum InstanceProcessState
{
    /// <summary>The server accepts connections.</summary>
    Running,

    /// <summary>The server was stopped gracefully.</summary>
    Stopped,

    /// <summary>The server was killed with SIGKILL, as in a crash.</summary>
    Killed,
}
