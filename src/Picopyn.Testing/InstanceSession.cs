using Picopyn.Testing.Front;

namespace Picopyn.Testing;

/// <summary>One client session an emulated instance's pgproto address served, as its front saw the startup.</summary>
/// <param name="User">The user the startup named.</param>
/// <param name="Encrypted">Whether the session ran over TLS.</param>
/// <param name="RefusedForPlaintext">Whether it was refused because it did not ask for TLS where TLS is required (SQLSTATE 28000).</param>
/// <param name="ClientCertificate">The subject of the certificate the client presented (mTLS); <see langword="null"/> when none.</param>
public sealed record InstanceSession(string? User, bool Encrypted, bool RefusedForPlaintext, string? ClientCertificate = null)
{
    internal WireCapture? Capture { get; init; }

    /// <summary>
    /// Every byte the client has sent on the session so far, as it arrived on the socket (ciphertext over TLS);
    /// empty unless <see cref="EmulatedClusterOptions.CaptureClientBytes"/>.
    /// </summary>
    public ReadOnlyMemory<byte> ReceivedFromClient => Capture?.ToArray() ?? ReadOnlyMemory<byte>.Empty;
}
