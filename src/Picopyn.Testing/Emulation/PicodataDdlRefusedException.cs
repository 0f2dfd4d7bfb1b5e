namespace Picopyn.Testing.Emulation;

/// <summary>
/// Picodata would refuse a DDL statement, or the emulation cannot run it; <see cref="Reason"/> says why in
/// Picodata's words where Picodata has words for it. Internal: callers see it as an
/// <see cref="EmulatedClusterException"/> (<c>ExecuteDdlAsync</c>) or as Picodata's XX000 error (the front).
/// </summary>
internal sealed class PicodataDdlRefusedException(string reason, Exception? innerException = null) : Exception(reason, innerException)
{
    public string Reason { get; } = reason;
}
