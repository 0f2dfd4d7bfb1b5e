namespace Picopyn;

/// <summary>No connection could be made: the instance refused, timed out, or rejected the login.</summary>
public class PicoConnectionException : PicoException
{
    /// <summary>Creates the exception.</summary>
    public PicoConnectionException(string message, string? instance = null, string? sql = null, string? sqlState = null, Exception? innerException = null)
        : base(message, instance, sql, sqlState, innerException)
    {
    }

    /// <summary>Nothing was sent: trying again, elsewhere or later, is safe.</summary>
    public override bool IsTransient => SqlState is null;
}
