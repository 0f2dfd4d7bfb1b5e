namespace Picopyn;

/// <summary>A statement failed: the server rejected it, or the connection was lost while it ran.</summary>
public sealed class PicoQueryException : PicoException
{
    /// <summary>Creates the exception.</summary>
    public PicoQueryException(
        string message, string instance, string sql, bool mayHaveRun, bool connectionLost, string? sqlState = null, Exception? innerException = null)
        : base(message + (mayHaveRun ? " The statement may have run." : " The statement did not run."), instance, sql, sqlState, innerException)
    {
        MayHaveRun = mayHaveRun;
        ConnectionLost = connectionLost;
    }

    /// <summary>
    /// Whether the statement may have taken effect: the connection was lost after it was sent, so
    /// its outcome is unknown. Never assume such a write did not happen.
    /// </summary>
    public bool MayHaveRun { get; }

    /// <summary>Whether the connection broke (as opposed to the server answering with an error).</summary>
    public bool ConnectionLost { get; }

    /// <inheritdoc />
    public override bool IsTransient => ConnectionLost && !MayHaveRun;
}
