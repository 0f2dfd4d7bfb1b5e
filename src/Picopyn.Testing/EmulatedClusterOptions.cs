using System.Text.RegularExpressions;

namespace Picopyn.Testing;

/// <summary>How an <see cref="EmulatedPicodataCluster"/> is built. The defaults are as strict as Picodata.</summary>
public sealed partial class EmulatedClusterOptions
{
    /// <summary>How many instances to start. Default 3.</summary>
    public int InstanceCount { get; set; } = 3;

    /// <summary>
    /// Makes PostgreSQL's catalogs (<c>pg_catalog</c>, <c>information_schema</c>) unreadable to
    /// <see cref="User"/>, so a client that queries them fails as it would on Picodata, which has
    /// none. Default <see langword="true"/>. The <see cref="PicodataFront"/> refuses catalog queries before
    /// they reach PostgreSQL; this is the line behind it (and the only one with the front off).
    /// </summary>
    public bool HideCatalogs { get; set; } = true;

    /// <summary>
    /// Starts with the <c>_pico_*</c> system tables unreadable to <see cref="User"/>, as on a
    /// Picodata where the application user has no <c>GRANT READ</c>: reading them fails with
    /// SQLSTATE XX000 "Read access to space '…' is denied". Default <see langword="false"/>.
    /// </summary>
    public bool HideSystemTables { get; set; }

    /// <summary>
    /// Emulates a server before Picodata 25.3 that has only the deprecated <c>instance_uuid()</c>.
    /// Default <see langword="false"/>: both <c>pico_instance_uuid()</c> and <c>instance_uuid()</c> exist.
    /// </summary>
    public bool LegacyInstanceUuidOnly { get; set; }

    /// <summary>The application login: an ordinary (non-superuser) role. Default <c>app</c>.</summary>
    public string User { get; set; } = "app";

    /// <summary>The application password; a fresh random one when <see langword="null"/> (the default).</summary>
    public string? Password { get; set; }

    /// <summary>The database name every instance accepts. Default <c>picodata</c>.</summary>
    public string Database { get; set; } = "picodata";

    /// <summary>The tier every instance belongs to. Default <c>default</c>.</summary>
    public string Tier { get; set; } = "default";

    /// <summary>
    /// The version written to <c>_pico_instance.picodata_version</c> and returned by <c>version()</c>. Before
    /// 25.5.1 there is no <c>_pico_bucket(tier)</c>, as on Picodata.
    /// </summary>
    public string PicodataVersion { get; set; } = "26.1.0";

    /// <summary>
    /// Whether each instance's pgproto address is a Picodata front (the default): every statement is read with
    /// Picodata's grammar, what Picodata refuses fails with its error (SQLSTATE XX000, no position) and the
    /// session stays usable, errors come as Picodata sends them, BEGIN/COMMIT/ROLLBACK/SET complete and do
    /// nothing, Picodata DDL from any client changes the cluster, startup <c>options</c> are accepted, SSL is
    /// declined and no BackendKeyData is sent. Off: the address is the instance's PostgreSQL itself, which
    /// forgives what Picodata refuses — for measuring the front, not for testing code meant for Picodata.
    /// </summary>
    public bool PicodataFront { get; set; } = true;

    /// <summary>
    /// Whether each instance's pgproto address speaks TLS, as Picodata's with TLS on: it accepts an SSL request with
    /// a certificate for <c>localhost</c> and <c>127.0.0.1</c> issued by a certificate authority made for the cluster
    /// (<see cref="EmulatedPicodataCluster.CertificateAuthorityPath"/>), and refuses a plaintext startup with SQLSTATE
    /// 28000. The instances' connection strings and <see cref="EmulatedPicodataCluster.BuildDsn"/> then ask for
    /// <c>verify-full</c> against that authority. Needs <see cref="PicodataFront"/>. Off by default.
    /// </summary>
    public bool Tls { get; set; }

    /// <summary>
    /// The names (host names or IP addresses) each instance's certificate is issued for, given the instance's name;
    /// <see langword="null"/> (the default): <c>localhost</c> and <c>127.0.0.1</c>, the host every instance
    /// advertises. For testing name verification: under <c>verify-full</c> a certificate without the name the
    /// client checks is refused. Needs <see cref="Tls"/>.
    /// </summary>
    public Func<string, IEnumerable<string>>? TlsCertificateNames { get; set; }

    /// <summary>
    /// Whether the instances require a client certificate issued by the cluster's authority (mTLS), as Picodata does
    /// when pgproto's <c>ca.crt</c> is configured: a handshake without one, or with another authority's, fails.
    /// Certificates come from <see cref="EmulatedPicodataCluster.IssueClientCertificate"/>. Needs <see cref="Tls"/>.
    /// </summary>
    public bool TlsClientCertificates { get; set; }

    /// <summary>How <see cref="User"/> authenticates. Default <see cref="PicodataAuthMethod.Md5"/>, Picodata's default.</summary>
    public PicodataAuthMethod AuthMethod { get; set; } = PicodataAuthMethod.Md5;

    /// <summary>
    /// Whether each session keeps the bytes its client sent, as they arrived on the socket — ciphertext over TLS
    /// (<see cref="InstanceSession.ReceivedFromClient"/>): for tests of what a client puts on the wire, such as that
    /// no password crosses it readable. Off by default (it keeps every byte).
    /// </summary>
    public bool CaptureClientBytes { get; set; }

    /// <summary>The PostgreSQL <c>bin</c> directory; found automatically when <see langword="null"/>.</summary>
    public string? PostgresBinDirectory { get; set; }

    /// <summary>
    /// The tier's <c>bucket_count</c> (<c>_pico_tier</c>): how many buckets its sharded data is cut into, split
    /// evenly over the replicasets (<c>_pico_bucket(tier)</c>). Default 3000, Picodata's.
    /// </summary>
    public int BucketCount { get; set; } = 3000;

    /// <summary>The connection limit of each instance. Default 150.</summary>
    public int MaxConnectionsPerInstance { get; set; } = 150;

    /// <summary>
    /// Test hook: called with the name of each start-up step as it completes, so a test can cancel
    /// at a known point instead of racing a timer.
    /// </summary>
    internal Action<string>? StepCompleted { get; set; }

    /// <summary>Checks the options and returns a copy the cluster owns.</summary>
    /// <exception cref="ArgumentException">An option is out of range or not a plain identifier.</exception>
    internal EmulatedClusterOptions Validate()
    {
        if (InstanceCount is < 1 or > 32)
        {
            throw new ArgumentException($"{nameof(InstanceCount)} must be between 1 and 32; it is {InstanceCount}.", nameof(InstanceCount));
        }

        if (Tls && !PicodataFront)
        {
            throw new ArgumentException($"{nameof(Tls)} needs {nameof(PicodataFront)}: TLS is spoken at the instance's front.", nameof(Tls));
        }

        if (!Tls && (TlsCertificateNames is not null || TlsClientCertificates))
        {
            throw new ArgumentException($"{nameof(TlsCertificateNames)} and {nameof(TlsClientCertificates)} need {nameof(Tls)}.", nameof(Tls));
        }

        if (!Enum.IsDefined(AuthMethod))
        {
            throw new ArgumentException($"{nameof(AuthMethod)} {AuthMethod} is not one of Picodata's password methods.", nameof(AuthMethod));
        }

        if (BucketCount < InstanceCount)
        {
            throw new ArgumentException(
                $"{nameof(BucketCount)} must be at least {nameof(InstanceCount)} ({InstanceCount}), so every replicaset owns a bucket; it is {BucketCount}.", nameof(BucketCount));
        }

        if (MaxConnectionsPerInstance is < 10 or > 1000)
        {
            throw new ArgumentException($"{nameof(MaxConnectionsPerInstance)} must be between 10 and 1000; it is {MaxConnectionsPerInstance}.", nameof(MaxConnectionsPerInstance));
        }

        RequireIdentifier(User, nameof(User));
        RequireIdentifier(Database, nameof(Database));
        RequireIdentifier(Tier, nameof(Tier));
        if (Password is { Length: 0 })
        {
            throw new ArgumentException($"{nameof(Password)} must not be empty; leave it null for a random one.", nameof(Password));
        }

        return (EmulatedClusterOptions)MemberwiseClone();
    }

    private static void RequireIdentifier(string value, string option)
    {
        if (value is null || !Identifier().IsMatch(value))
        {
            throw new ArgumentException(
                $"{option} must be a lower-case SQL identifier (a-z, 0-9, _; not starting with a digit), got '{value}'.", option);
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex Identifier();
}
