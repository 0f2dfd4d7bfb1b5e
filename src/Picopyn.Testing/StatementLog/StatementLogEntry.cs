namespace Picopyn.Testing;

/// <summary>One statement an instance received, read from its statement log.</summary>
/// <param name="Timestamp">When the server logged it (millisecond precision).</param>
/// <param name="ProcessId">The server backend that received it: one per connection.</param>
/// <param name="User">The login that sent it.</param>
/// <param name="Database">The database named in that connection's startup packet.</param>
/// <param name="Kind">Simple or extended protocol, or rejected.</param>
/// <param name="StatementName">For <see cref="StatementLogKind.Extended"/>, the prepared statement's name (<c>&lt;unnamed&gt;</c> for the unnamed one).</param>
/// <param name="Text">The SQL text as sent.</param>
public sealed record StatementLogEntry(
    DateTimeOffset Timestamp,
    int ProcessId,
    string User,
    string Database,
    StatementLogKind Kind,
    string? StatementName,
    string Text);
