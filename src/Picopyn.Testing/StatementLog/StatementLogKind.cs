namespace Picopyn.Testing;

/// <summary>How a statement reached the server.</summary>
public enum StatementLogKind
{
    /// <summary>A simple-protocol Query message.</summary>
    Simple,

    /// <summary>An extended-protocol Execute of a prepared (named or unnamed) statement.</summary>
    Extended,

    /// <summary>A statement the server rejected; it may not appear under the other kinds.</summary>
    Failed,
}
