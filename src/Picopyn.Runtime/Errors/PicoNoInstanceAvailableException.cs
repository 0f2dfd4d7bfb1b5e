namespace Picopyn;

/// <summary>Every instance the client knows is down or was tried and failed for this call.</summary>
public sealed class PicoNoInstanceAvailableException : PicoConnectionException
{
    /// <summary>Creates the exception.</summary>
    public PicoNoInstanceAvailableException(string message, string? sql = null, Exception? innerException = null)
        : base(message, sql: sql, innerException: innerException)
    {
    }
}
