using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Picopyn.Topology;

namespace Picopyn.Tls;

/// <summary>
/// Says why a TLS connection to an instance failed. Npgsql's verification only answers no, and an instance that
/// refuses the client's certificate just closes the connection; so after such a failure the client shakes hands once
/// more with the instance, on its own connection and with no startup (so no session and nothing of the login), looks
/// at the certificate it presents and whether it asks for one, and names what failed: the authority, the validity,
/// the name verify-full checks, or a client certificate missing or refused.
/// </summary>
internal static class TlsRejection
{
    private static readonly byte[] SslRequest = [0, 0, 0, 8, 0x04, 0xD2, 0x16, 0x2F];

    /// <summary>
    /// <paramref name="failure"/> with the reason in words when it is a failed TLS connection and the instance shows
    /// why; else <paramref name="failure"/> itself. Never throws but for the caller's cancellation.
    /// </summary>
    public static async Task<Exception> ExplainAsync(InstanceNode node, Exception failure, CancellationToken cancellationToken)
    {
        if (node.Tls is not { } expected || !MayBeTls(failure))
        {
            return failure;
        }

        try
        {
            var reason = await ProbeAsync(node.Endpoint, expected, cancellationToken).ConfigureAwait(false);
            return reason is null ? failure : new TlsRejectedException(reason, failure);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested &&
            e is SocketException or IOException or AuthenticationException or OperationCanceledException or CryptographicException)
        {
            return failure; // the instance would not say more: the original failure stands
        }
    }

    // A refused certificate, or the connection closed or reset right after the handshake (how a server refuses a
    // client's certificate under TLS 1.3: the client's handshake had already completed). Not a timeout: a frozen
    // instance would only make the look wait as long again.
    private static bool MayBeTls(Exception failure)
    {
        var tls = FailureClassifier.TlsFailure(failure);
        if (tls is not null)
        {
            return tls is not TlsRejectedException;
        }

        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is EndOfStreamException or IOException)
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<string?> ProbeAsync(PicoEndpoint endpoint, TlsExpectation expected, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(expected.ConnectTimeout);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token).ConfigureAwait(false);
        var network = new NetworkStream(socket, ownsSocket: false);
        await using var disposeNetwork = network.ConfigureAwait(false);
        await network.WriteAsync(SslRequest, timeout.Token).ConfigureAwait(false);
        var answer = new byte[1];
        await network.ReadExactlyAsync(answer, timeout.Token).ConfigureAwait(false);
        if (answer[0] != (byte)'S')
        {
            return null;
        }

        string? serverReason = null;
        var askedForCertificate = false;
        using var clientCertificate = expected.LoadClientCertificate();
        var tls = new SslStream(network, leaveInnerStreamOpen: true);
        await using (tls.ConfigureAwait(false))
        {
            var options = new SslClientAuthenticationOptions
            {
                TargetHost = expected.HostName,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                {
                    serverReason = certificate is X509Certificate2 presented ? Explain(presented, errors, expected) : "the instance presented no certificate";
                    return serverReason is null; // a refused instance is only looked at; an accepted one only gets the handshake
                },
                // Called when the instance asks for a client certificate (with its own certificate known by then).
                LocalCertificateSelectionCallback = (_, _, _, remote, _) =>
                {
                    askedForCertificate |= remote is not null;
                    return clientCertificate!;
                },
            };
            try
            {
                await tls.AuthenticateAsClientAsync(options, timeout.Token).ConfigureAwait(false);
            }
            catch (AuthenticationException)
            {
                // The instance's certificate passed and it asked for the client's: the client's is missing or refused.
                return serverReason ?? (askedForCertificate ? ClientCertificateReason(expected) : null);
            }

            if (tls.LocalCertificate is null)
            {
                // Asked for one and none to give: every connection fails so. Not asked: the failure was not the certificates'.
                return askedForCertificate ? ClientCertificateReason(expected) : null;
            }

            // Under TLS 1.3 the instance judges the client's certificate after the client's handshake ended, then ends
            // the connection (OpenSSL with an alert). One that took it waits for the startup, which never comes: the
            // look ends with the connect timeout, saying nothing more.
            var ended = await EndedByInstanceAsync(tls, timeout.Token).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested(); // the caller's own cancelling is not the instance's answer
            return ended ? ClientCertificateReason(expected) : null;
        }
    }

    private static async Task<bool> EndedByInstanceAsync(SslStream tls, CancellationToken cancellationToken)
    {
        try
        {
            var rest = new byte[64];
            while (await tls.ReadAsync(rest, cancellationToken).ConfigureAwait(false) > 0)
            {
                // An instance that took the certificate sends nothing before the startup; read on to its end.
            }

            return true;
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false; // it waited for the startup: it took the certificate
        }
    }

    private static string? Explain(X509Certificate2 certificate, SslPolicyErrors errors, TlsExpectation expected)
    {
        if (!expected.VerifiesCertificate)
        {
            return null; // prefer and require take any certificate
        }

        var authority = expected.RootCertificatePath is { } root ? $"the authority in sslrootcert '{root}'" : "an authority the system trusts";
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (expected.RootCertificatePath is { } path)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(path);
            chain.ChainPolicy.CustomTrustStore.AddRange(roots);
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        }

        if (!chain.Build(certificate))
        {
            var statuses = string.Join("; ", chain.ChainStatus.Select(s => $"{s.Status}: {s.StatusInformation.Trim()}").Distinct());
            return $"the instance's certificate ({Describe(certificate)}) is not accepted by {authority} ({statuses})";
        }

        if (expected.Mode == Npgsql.SslMode.VerifyFull && errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return $"the instance's certificate ({certificate.Subject}) is issued for {NamesOf(certificate)}, not for '{expected.HostName}', " +
                "the name verify-full checks (for a discovered instance behind an AddressTranslator, PicoClientOptions.TlsVerificationName says which name that is)";
        }

        return null;
    }

    private static string ClientCertificateReason(TlsExpectation expected)
    {
        if (expected.ClientCertificatePath is not { } path)
        {
            return "the instance requires a client certificate (mTLS: Picodata's pgproto has a ca.crt) and the connection presents none: give sslcert and sslkey";
        }

        var presented = File.Exists(path) ? $" ({Describe(X509Certificate2.CreateFromPem(File.ReadAllText(path)))})" : string.Empty;
        return $"the instance requires a client certificate and ended the connection after the one in sslcert '{path}'{presented}, " +
            "as it does when it does not accept one: it must be issued by the authority in the instance's ca.crt and be valid now";
    }

    private static string Describe(X509Certificate2 certificate) =>
        $"{certificate.Subject}, issued by {certificate.Issuer}, valid {certificate.NotBefore.ToUniversalTime():u} to {certificate.NotAfter.ToUniversalTime():u}";

    private static string NamesOf(X509Certificate2 certificate)
    {
        var names = certificate.Extensions.Where(e => e.Oid?.Value == "2.5.29.17")
            .Select(e => new X509SubjectAlternativeNameExtension(e.RawData, e.Critical))
            .SelectMany(san => san.EnumerateDnsNames().Concat(san.EnumerateIPAddresses().Select(a => a.ToString())))
            .ToList();
        return names.Count == 0 ? "no subject alternative name" : string.Join(", ", names);
    }
}
