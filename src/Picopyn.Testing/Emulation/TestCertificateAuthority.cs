using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Picopyn.Testing.Emulation;

/// <summary>
/// A certificate authority made for one emulated cluster, with .NET's own APIs (no <c>openssl</c>): its root
/// certificate, written as PEM for clients' <c>sslrootcert</c>, and one server certificate per instance, issued for
/// <c>localhost</c>, <c>127.0.0.1</c> and the names given. Its key never leaves the process.
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
        var request = new CertificateRequest("CN=Picopyn emulated cluster CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = DateTimeOffset.UtcNow;
        var root = request.CreateSelfSigned(now.AddMinutes(-5), now + Validity);
        var path = Path.Combine(directory, "ca.crt");
        File.WriteAllText(path, root.ExportCertificatePem());
        return new TestCertificateAuthority(root, path);
    }

    /// <summary>A server certificate, with its key, for <c>localhost</c>, <c>127.0.0.1</c> and <paramref name="names"/>.</summary>
    public X509Certificate2 IssueServerCertificate(string commonName, IEnumerable<string> names)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var alternativeNames = new SubjectAlternativeNameBuilder();
        alternativeNames.AddDnsName("localhost");
        alternativeNames.AddIpAddress(IPAddress.Loopback);
        foreach (var name in names)
        {
            alternativeNames.AddDnsName(name);
        }

        request.CertificateExtensions.Add(alternativeNames.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false)); // server authentication
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive serial number
        var now = DateTimeOffset.UtcNow;
        // Within the root's own validity, which a certificate it signs may not outlast.
        using var issued = request.Create(_root, now.AddMinutes(-5), _root.NotAfter.AddMinutes(-1), serial);
        // SslStream on Linux needs the key in a form it can use for the handshake: a PKCS#12 round trip gives one.
        using var withKey = issued.CopyWithPrivateKey(key);
        var pkcs12 = withKey.Export(X509ContentType.Pkcs12);
#if NET9_0_OR_GREATER
        return X509CertificateLoader.LoadPkcs12(pkcs12, password: null);
#else
        return new X509Certificate2(pkcs12);
#endif
    }

    public void Dispose() => _root.Dispose();
}
