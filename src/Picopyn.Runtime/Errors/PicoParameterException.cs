namespace Picopyn;

/// <summary>A parameter value has a type Picodata does not accept; nothing was sent.</summary>
public sealed class PicoParameterException : PicoException
{
    /// <summary>Creates the exception.</summary>
    public PicoParameterException(string message, string? sql = null)
        : base(message, sql: sql)
    {
    }
}
