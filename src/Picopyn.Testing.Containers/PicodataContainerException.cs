namespace Picopyn.Testing.Containers;

/// <summary>
/// The container cluster could not do what was asked: an instance did not become ready, an instance name is unknown,
/// an operation does not fit the instance's state, or the cluster refused a statement of its set-up.
/// </summary>
public sealed class PicodataContainerException : Exception
{
    /// <summary>Creates the exception with a message that says what went wrong.</summary>
    public PicodataContainerException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure that caused it.</summary>
    public PicodataContainerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message; prefer the other constructors.</summary>
    public PicodataContainerException()
        : base("The Picodata container cluster failed.")
    {
    }
}
