namespace Picopyn.Testing;

/// <summary>A logged statement that Picodata would refuse or ignore, and why.</summary>
/// <param name="Entry">The statement as the instance logged it.</param>
/// <param name="Reason">What Picodata does with it.</param>
public sealed record RefusedStatement(StatementLogEntry Entry, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"{Reason}: [{Entry.User}@pid {Entry.ProcessId}] {Entry.Text}";
}
