namespace Picopyn;

/// <summary>A connection string, DSN or option is malformed, unknown or out of range.</summary>
public sealed class PicoConfigurationException : PicoException
{
    /// <summary>Creates the exception; <paramref name="message"/> says what is wrong and never quotes a password.</summary>
    public PicoConfigurationException(string message, Exception? innerException = null)
        : base(message, innerException: innerException)
    {
    }
}
