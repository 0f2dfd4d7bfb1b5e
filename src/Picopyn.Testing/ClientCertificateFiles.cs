namespace Picopyn.Testing;

/// <summary>A client certificate an emulated cluster issued (<see cref="EmulatedPicodataCluster.IssueClientCertificate"/>), as PEM files.</summary>
/// <param name="CertificatePath">The certificate: what <c>sslcert</c> names.</param>
/// <param name="KeyPath">Its unencrypted private key: what <c>sslkey</c> names.</param>
public sealed record ClientCertificateFiles(string CertificatePath, string KeyPath);
