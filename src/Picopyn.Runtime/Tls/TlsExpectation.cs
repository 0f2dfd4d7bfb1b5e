using System.Security.Cryptography.X509Certificates;
using Npgsql;

namespace Picopyn.Tls;

/// <summary>
/// What a connection asks of an instance's TLS: the connection's <c>sslmode</c>, its root, its client certificate and
/// the name checked. A class, not a record: it holds the client key's password, which no generated
/// <c>ToString</c> may print.
/// </summary>
internal sealed class TlsExpectation
{
    private readonly string? _clientKeyPath;
    private readonly string? _clientKeyPassword;

    private TlsExpectation(NpgsqlConnectionStringBuilder settings, string hostName, TimeSpan connectTimeout)
    {
        Mode = settings.SslMode;
        RootCertificatePath = settings.RootCertificate;
        ClientCertificatePath = settings.SslCertificate;
        _clientKeyPath = settings.SslKey;
        _clientKeyPassword = settings.SslPassword;
        HostName = hostName;
        ConnectTimeout = connectTimeout;
    }

    /// <summary>Require, verify-CA or verify-full: a mode that insists on TLS.</summary>
    public SslMode Mode { get; }

    /// <summary>The <c>sslrootcert</c> file; <see langword="null"/> for the system's trusted roots.</summary>
    public string? RootCertificatePath { get; }

    /// <summary>The <c>sslcert</c> file; <see langword="null"/> when the connection presents none.</summary>
    public string? ClientCertificatePath { get; }

    /// <summary>The name the certificate must carry under verify-full.</summary>
    public string HostName { get; }

    /// <summary>How long explaining a refusal may take to connect and shake hands.</summary>
    public TimeSpan ConnectTimeout { get; }

    /// <summary>Whether the instance's certificate is checked against an authority (verify-ca, verify-full).</summary>
    public bool VerifiesCertificate => Mode is SslMode.VerifyCA or SslMode.VerifyFull;

    /// <summary>
    /// The expectation of a connection with <paramref name="settings"/>; <see langword="null"/> when it does not insist on
    /// TLS (disable, allow, and prefer — Npgsql's default, which takes plaintext as well).
    /// </summary>
    public static TlsExpectation? Of(NpgsqlConnectionStringBuilder settings, string hostName, TimeSpan connectTimeout) =>
        settings.SslMode is SslMode.Require or SslMode.VerifyCA or SslMode.VerifyFull ? new TlsExpectation(settings, hostName, connectTimeout) : null;

    /// <summary>The client certificate with its key, loaded as Npgsql loads it (PEM with <c>sslkey</c>, else PKCS#12); <see langword="null"/> when none.</summary>
    public X509Certificate2? LoadClientCertificate()
    {
        if (ClientCertificatePath is not { } path)
        {
            return null;
        }

        if (!string.Equals(Path.GetExtension(path), ".pfx", StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrEmpty(_clientKeyPassword)
                ? X509Certificate2.CreateFromPemFile(path, _clientKeyPath)
                : X509Certificate2.CreateFromEncryptedPemFile(path, _clientKeyPassword, _clientKeyPath);
        }

#if NET9_0_OR_GREATER
        return X509CertificateLoader.LoadPkcs12FromFile(path, _clientKeyPassword);
#else
        return new X509Certificate2(path, _clientKeyPassword);
#endif
    }
}
