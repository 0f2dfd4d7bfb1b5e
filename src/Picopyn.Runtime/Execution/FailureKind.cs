namespace Picopyn;

/// <summary>What happened when a statement failed, judged by the connection's fate rather than by SQLSTATE.</summary>
internal enum FailureKind
{
    /// <summary>The caller cancelled: the connection's state is unknown (Picodata cannot cancel in place), so it is closed.</summary>
    Cancelled,

    /// <summary>The server answered with an error and the connection is fine: the statement did not run.</summary>
    ServerError,

    /// <summary>The connection broke while the statement was out: it may have run, and the instance is suspect.</summary>
    ConnectionLost,

    /// <summary>The statement outlived the command timeout; Npgsql closed the connection. It may have run; the instance may just be slow.</summary>
    Timeout,

    /// <summary>Anything else, such as a row mapper that threw: the connection is fine and the exception is the caller's.</summary>
    Caller,
}
