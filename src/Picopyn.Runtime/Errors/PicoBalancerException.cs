namespace Picopyn;

/// <summary>The user's balancing delegate threw, or returned an instance it was not offered.</summary>
public sealed class PicoBalancerException : PicoException
{
    /// <summary>Creates the exception.</summary>
    public PicoBalancerException(string message, string? sql = null, Exception? innerException = null)
        : base(message, sql: sql, innerException: innerException)
    {
    }
}
