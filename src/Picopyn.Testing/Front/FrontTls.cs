using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Picopyn.Testing.Front;

/// <summary>How a <see cref="PicodataFront"/> speaks TLS: its certificate and, for mTLS, the authority client certificates must come from.</summary>
/// <param name="Certificate">The instance's server certificate, with its key.</param>
/// <param name="ClientAuthority">
/// The root a client certificate must chain to, as Picodata's pgproto with <c>ca.crt</c> configured requires one;
/// <see langword="null"/>: no client certificate is asked for.
/// </param>
internal sealed record FrontTls(X509Certificate2 Certificate, X509Certificate2? ClientAuthority)
{
    /// <summary>The server side of a handshake: the certificate, and a client certificate required and checked when mTLS is on.</summary>
    public SslServerAuthenticationOptions ServerOptions() => new()
    {
        ServerCertificate = Certificate,
        ClientCertificateRequired = ClientAuthority is not null,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        RemoteCertificateValidationCallback = ClientAuthority is { } authority ? (_, certificate, _, _) => IssuedBy(certificate, authority) : null,
    };

    private static bool IssuedBy(X509Certificate? certificate, X509Certificate2 authority)
    {
        if (certificate is not X509Certificate2 presented)
        {
            return false; // no certificate: refused, as OpenSSL's FAIL_IF_NO_PEER_CERT refuses it
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        return chain.Build(presented);
    }
}
