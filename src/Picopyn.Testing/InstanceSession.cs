namespace Picopyn.Testing;

/// <summary>One client session an emulated instance's pgproto address served, as its front saw the startup.</summary>
/// <param name="User">The user the startup named.</param>
/// <param name="Encrypted">Whether the session ran over TLS.</param>
/// <param name="RefusedForPlaintext">Whether it was refused because it did not ask for TLS where TLS is required (SQLSTATE 28000).</param>
public sealed record InstanceSession(string? User, bool Encrypted, bool RefusedForPlaintext);
