namespace Picopyn;

/// <summary>No pooled connection became free within the acquire timeout.</summary>
public sealed class PicoPoolTimeoutException : PicoException
{
    /// <summary>Creates the exception.</summary>
    public PicoPoolTimeoutException(string message, string? sql = null)
        : base(message, sql: sql)
    {
    }

    /// <inheritdoc />
    public override bool IsTransient => true;
}
