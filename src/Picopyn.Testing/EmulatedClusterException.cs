namespace Picopyn.Testing;

/// <summary>
/// The emulated cluster could not do what was asked: PostgreSQL is missing, a server did not
/// start, an instance name is unknown, an operation does not fit the instance's state.
/// </summary>
public sealed class EmulatedClusterException : Exception
{
    /// <summary>Creates the exception with a message that says what went wrong.</summary>
    public EmulatedClusterException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure that caused it.</summary>
    public EmulatedClusterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message; prefer the other constructors.</summary>
    public EmulatedClusterException()
        : base("The emulated Picodata cluster failed.")
    {
    }
}
