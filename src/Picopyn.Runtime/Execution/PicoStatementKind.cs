namespace Picopyn;

/// <summary>What a statement does, which decides whether it may be retried on another instance.</summary>
public enum PicoStatementKind
{
    /// <summary>Reads only: safe to run again elsewhere after a lost connection.</summary>
    Read,

    /// <summary>Changes data: never run twice, so never retried once sent.</summary>
    Write,

    /// <summary>Changes data, but running it twice leaves the same result (the caller vouches for it): retried like a read.</summary>
    IdempotentWrite,
}
