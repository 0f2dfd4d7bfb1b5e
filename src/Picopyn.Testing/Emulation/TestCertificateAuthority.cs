using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Picopyn.Testing.Emulation;

/// <summary>
/// A certificate authority made for one emulated cluster, with .NET's own APIs (no <c>openssl</c>): its root
/// certificate, written as PEM for clients' <c>sslrootcert</c>, one server certificate per instance for the names given,
/// and client certificates for mTLS. Its key never leaves the process.
/// </summary>
internal sealed class TestCertificateAuthority : IDisposable
{
    private static readonly TimeSpan Validity = TimeSpan.FromDays(2);
    private readonly X509Certificate2 _root;

    private TestCertificateAuthority(X509Certificate2 root, string rootPath)
    {
        _root = root;
        RootCertificatePath = rootPath;
    }

    /// <summary>The root certificate, PEM: what a client verifies the instances with (<c>sslrootcert</c>).</summary>
    public string RootCertificatePath { get; }

    /// <summary>Creates the authority and writes its root certificate to <paramref name="directory"/>/<c>ca.crt</c>.</summary>
    public static TestCertificateAuthority Create(string directory)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN=Picopyn emulated cluster CA {Path.GetFileName(directory)}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = DateTimeOffset.UtcNow;
        var root = request.CreateSelfSigned(now.AddMinutes(-5), now + Validity);
        var path = Path.Combine(directory, "ca.crt");
        File.WriteAllText(path, root.ExportCertificatePem());
        return new TestCertificateAuthority(root, path);
    }

    /// <summary>The root certificate, which a front checks client certificates against (mTLS).</summary>
    public X509Certificate2 Root => _root;

    /// <summary>
    /// A server certificate, with its key, for <paramref name="names"/>: host names, or IP addresses (an IP address
    /// subject alternative name), as a certificate for a Picodata instance's <c>server.crt</c> is issued.
    /// </summary>
    public X509Certificate2 IssueServerCertificate(string commonName, IEnumerable<string> names)
    {
        using var key = LeafKey();
        var request = Request(commonName, key);
        var alternativeNames = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var address))
            {
                alternativeNames.AddIpAddress(address);
            }
            else
            {
                alternativeNames.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(alternativeNames.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false)); // server authentication
        using var issued = Issue(request);
        // SslStream on Linux needs the key in a form it can use for the handshake: a PKCS#12 round trip gives one.
        using var withKey = issued.CopyWithPrivateKey(key);
        var pkcs12 = withKey.Export(X509ContentType.Pkcs12);
#if NET9_0_OR_GREATER
        return X509CertificateLoader.LoadPkcs12(pkcs12, password: null);
#else
        return new X509Certificate2(pkcs12);
#endif
    }

    /// <summary>
    /// A client certificate for <paramref name="commonName"/> (the login), written as PEM to
    /// <paramref name="directory"/>: <c>&lt;name&gt;.crt</c> and its unencrypted key <c>&lt;name&gt;.key</c>, what
    /// <c>sslcert</c> and <c>sslkey</c> name.
    /// </summary>
    public ClientCertificateFiles IssueClientCertificate(string commonName, string directory)
    {
        using var key = LeafKey();
        var request = Request(commonName, key);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], critical: false)); // client authentication
        using var issued = Issue(request);
        Directory.CreateDirectory(directory);
        var files = new ClientCertificateFiles(Path.Combine(directory, commonName + ".crt"), Path.Combine(directory, commonName + ".key"));
        File.WriteAllText(files.CertificatePath, issued.ExportCertificatePem());
        File.WriteAllText(files.KeyPath, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            // libpq refuses a key others can read; Npgsql does not check, but the file is a key all the same.
            File.SetUnixFileMode(files.KeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return files;
    }

    // One key pair for every server and client certificate of the process (each authority keeps its own): an RSA key
    // takes a good part of a second of CPU to make, and a TLS cluster issues one certificate per instance and client.
    // What makes a certificate trusted or refused is the authority that signed it, never the leaf's key.
    private static readonly Lazy<byte[]> LeafKeyPkcs8 = new(() =>
    {
        using var key = RSA.Create(2048);
        return key.ExportPkcs8PrivateKey();
    });

    private static RSA LeafKey()
    {
        var key = RSA.Create();
        key.ImportPkcs8PrivateKey(LeafKeyPkcs8.Value, out _);
        return key;
    }

    private static CertificateRequest Request(string commonName, RSA key)
    {
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        return request;
    }

    private X509Certificate2 Issue(CertificateRequest request)
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive serial number
        var now = DateTimeOffset.UtcNow;
        // Within the root's own validity, which a certificate it signs may not outlast.
        return request.Create(_root, now.AddMinutes(-5), _root.NotAfter.AddMinutes(-1), serial);
    }

    public void Dispose() => _root.Dispose();
}
