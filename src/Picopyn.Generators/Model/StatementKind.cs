namespace Picopyn.Generators.Model;

/// <summary>The generator's decision about retries, mirroring the runtime's <c>PicoStatementKind</c>.</summary>
internal enum StatementKind
{
    /// <summary>A single SELECT or VALUES: may run again on another instance.</summary>
    Read,

    /// <summary>DML or DDL: never retried once sent.</summary>
    Write,

    /// <summary>A write the attribute declares idempotent: retried like a read.</summary>
    IdempotentWrite,
}
