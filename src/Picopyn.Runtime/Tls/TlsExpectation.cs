using Npgsql;

namespace Picopyn.Tls;

/// <summary>What a connection asks of an instance's TLS: the connection's <c>sslmode</c>, its root, its client certificate and the name checked.</summary>
/// <param name="Mode">Require, verify-CA or verify-full: a mode that insists on TLS.</param>
/// <param name="RootCertificatePath">The <c>sslrootcert</c> file; <see langword="null"/> for the system's trusted roots.</param>
/// <param name="ClientCertificatePath">The <c>sslcert</c> file; <see langword="null"/> when the connection presents none.</param>
/// <param name="HostName">The name the certificate must carry under verify-full.</param>
/// <param name="ConnectTimeout">How long explaining a refusal may take to connect and shake hands.</param>
internal sealed record TlsExpectation(SslMode Mode, string? RootCertificatePath, string? ClientCertificatePath, string HostName, TimeSpan ConnectTimeout)
{
    /// <summary>Whether the instance's certificate is checked against an authority (verify-ca, verify-full).</summary>
    public bool VerifiesCertificate => Mode is SslMode.VerifyCA or SslMode.VerifyFull;

    /// <summary>
    /// The expectation of a connection with <paramref name="settings"/>; <see langword="null"/> when it does not insist on
    /// TLS (disable, allow, and prefer — Npgsql's default, which takes plaintext as well).
    /// </summary>
    public static TlsExpectation? Of(NpgsqlConnectionStringBuilder settings, string hostName, TimeSpan connectTimeout) =>
        settings.SslMode is SslMode.Require or SslMode.VerifyCA or SslMode.VerifyFull
            ? new TlsExpectation(settings.SslMode, settings.RootCertificate, settings.SslCertificate, hostName, connectTimeout)
            : null;
}
