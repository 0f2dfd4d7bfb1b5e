using System.Security.Cryptography;
using Picopyn.Testing.Emulation;
using Picopyn.Testing.Postgres;

namespace Picopyn.Testing;

/// <summary>
/// A Picodata cluster emulated on real PostgreSQL server processes on loopback: one process per
/// instance, plus one storage process that holds the data all instances share.
/// </summary>
/// <remarks>
/// <para>
/// Each instance serves Picodata's system tables (<c>_pico_instance</c>, <c>_pico_peer_address</c>,
/// <c>_pico_tier</c>, <c>_pico_replicaset</c>) in Picodata's wire types, answers
/// <c>pico_instance_uuid()</c> with its own uuid, logs every statement it receives, and reads and
/// writes user tables on the storage server through postgres_fdw, so a row written through one
/// instance is read through any other. The application logs in as an ordinary user; PostgreSQL's
/// catalogs are hidden from it by default.
/// </para>
/// <para>
/// Each instance's pgproto address is a Picodata front (<see cref="EmulatedClusterOptions.PicodataFront"/>):
/// statements are read with Picodata's grammar and answered as Picodata answers them, Picodata DDL and
/// transactional blocks run, and faults can be put on its wire (latency, freeze, dropped or refused
/// connections). Behind it, <see cref="ReadStatementLogAsync"/> with <see cref="PicodataRefusals"/> proves
/// from the instances' logs that a client never sent what Picodata refuses. Dispose the cluster to stop every process and delete every file; a crashed test
/// process's leftovers are swept by the next cluster that starts.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// await using var cluster = await EmulatedPicodataCluster.StartNewAsync();
/// await using var connection = new NpgsqlConnection(cluster.Instances[0].ConnectionString);
/// </code>
/// </example>
public sealed partial class EmulatedPicodataCluster : IPicodataCluster
{
    private const string Superuser = "admin";
    private static readonly TimeSpan GateTimeoutOnDispose = TimeSpan.FromMinutes(2);

    private readonly EmulatedClusterOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<EmulatedInstance> _instances = [];
    private PostgresInstallation? _installation;
    private DataDirectoryTemplate? _template;
    private PostgresServer? _storage;
    private TestCertificateAuthority? _authority;
    private ClientCertificateFiles? _clientCertificate;
    private string? _root;
    private int _lifecycle; // 0 new, 1 started (or starting), 2 disposed

    /// <summary>Creates a cluster that <see cref="StartAsync"/> will start.</summary>
    /// <param name="options">How to build it; <see langword="null"/> for the defaults (3 instances, catalogs hidden).</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public EmulatedPicodataCluster(EmulatedClusterOptions? options = null)
    {
        _options = (options ?? new EmulatedClusterOptions()).Validate();
        Password = _options.Password ?? RandomSecret();
    }

    /// <summary>Creates and starts a cluster in one call.</summary>
    /// <param name="options">How to build it; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start; nothing is left behind.</param>
    public static async Task<EmulatedPicodataCluster> StartNewAsync(
        EmulatedClusterOptions? options = null, CancellationToken cancellationToken = default)
    {
        var cluster = new EmulatedPicodataCluster(options);
        try
        {
            await cluster.StartAsync(cancellationToken).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<IPicodataInstance> Instances
    {
        get
        {
            lock (_instances)
            {
                return _instances.ToArray();
            }
        }
    }

    /// <inheritdoc />
    public string User => _options.User;

    /// <inheritdoc />
    public string Password { get; }

    /// <inheritdoc />
    public string Database => _options.Database;

    /// <summary>
    /// The PEM root certificate the instances' TLS certificates are issued by (<see cref="EmulatedClusterOptions.Tls"/>):
    /// a client's <c>sslrootcert</c>. <see langword="null"/> without TLS or before start; removed with the cluster.
    /// </summary>
    public string? CertificateAuthorityPath => _authority?.RootCertificatePath;

    /// <summary>
    /// The client certificate of <see cref="User"/> that the instances' connection strings and <see cref="BuildDsn"/>
    /// carry when client certificates are required (<see cref="EmulatedClusterOptions.TlsClientCertificates"/>);
    /// <see langword="null"/> otherwise.
    /// </summary>
    public ClientCertificateFiles? ClientCertificate => _clientCertificate;

    /// <summary>
    /// Issues a client certificate for <paramref name="user"/> (default <see cref="User"/>) from the cluster's
    /// authority, as PEM files under the cluster's directory, removed with it: what <c>sslcert</c>/<c>sslkey</c> name
    /// where the instances require one (<see cref="EmulatedClusterOptions.TlsClientCertificates"/>). With client
    /// certificates required, the instances' connection strings and <see cref="BuildDsn"/> carry one for <see cref="User"/>.
    /// </summary>
    /// <exception cref="EmulatedClusterException">The cluster runs without TLS, or is not started.</exception>
    public ClientCertificateFiles IssueClientCertificate(string? user = null)
    {
        var authority = _authority ?? throw new EmulatedClusterException("The cluster has no certificate authority: start it with EmulatedClusterOptions.Tls.");
        return authority.IssueClientCertificate(user ?? User, Path.Combine(_root!, "client-certificates"));
    }

    /// <summary>Every client session instance <paramref name="name"/>'s pgproto address has served since the cluster started, in order.</summary>
    public IReadOnlyList<InstanceSession> SessionsOf(string name) => Find(name).Sessions.ToArray();

    /// <summary>The directory that holds this cluster's data directories and logs; <see langword="null"/> before start.</summary>
    public string? RootDirectory => _root;

    /// <inheritdoc />
    public IPicodataInstance GetInstance(string name) => Find(name);

    /// <inheritdoc />
    public string BuildDsn(IEnumerable<IPicodataInstance>? seeds = null)
    {
        var hosts = string.Join(',', (seeds ?? Instances).Select(i => i.PgprotoAddress));
        if (hosts.Length == 0)
        {
            throw new ArgumentException("A DSN needs at least one instance.", nameof(seeds));
        }

        var tls = CertificateAuthorityPath is { } authority ? $"?sslmode=verify-full&sslrootcert={Uri.EscapeDataString(authority)}" : string.Empty;
        if (_clientCertificate is { } client)
        {
            tls += $"&sslcert={Uri.EscapeDataString(client.CertificatePath)}&sslkey={Uri.EscapeDataString(client.KeyPath)}";
        }

        return $"postgresql://{Uri.EscapeDataString(User)}:{Uri.EscapeDataString(Password)}@{hosts}/{Uri.EscapeDataString(Database)}{tls}";
    }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _lifecycle, 1, 0) != 0)
        {
            throw new EmulatedClusterException(_lifecycle == 2
                ? "The cluster was disposed; create a new one."
                : "The cluster was already started.");
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ClusterDirectories.SweepLeftovers();
            _installation = PostgresInstallation.Locate(_options.PostgresBinDirectory);
            _template = await DataDirectoryTemplate.GetAsync(_installation, Superuser, cancellationToken).ConfigureAwait(false);
            _root = ClusterDirectories.CreateRoot();
            LiveClusters.Add(this);
            _authority = _options.Tls ? TestCertificateAuthority.Create(_root) : null;
            _clientCertificate = _options.TlsClientCertificates ? IssueClientCertificate() : null;

            var ports = Os.FreePorts.Allocate(_options.InstanceCount + 1);
            _storage = await CreateServerAsync("storage", ports[0], StorageSettings(), cancellationToken).ConfigureAwait(false);
            var newInstances = new List<EmulatedInstance>();
            for (var i = 1; i <= _options.InstanceCount; i++)
            {
                var server = await CreateServerAsync(InstanceDirectoryName(i), ports[i], InstanceSettings(), cancellationToken).ConfigureAwait(false);
                newInstances.Add(new EmulatedInstance(i, _options.Tier, server, BuildConnectionString, FrontFor));
            }

            lock (_instances)
            {
                _instances.AddRange(newInstances);
            }

            var servers = newInstances.Select(i => i.Server).Prepend(_storage).ToArray();
            await Task.WhenAll([_template.CopyToAsync(_storage.DataDirectory, cancellationToken), .. newInstances.Select(i => InitializeInstanceServerAsync(i.Server, cancellationToken))]).ConfigureAwait(false);
            await Task.WhenAll(servers.Select(s => s.StartAsync(mayChangePort: true, cancellationToken))).ConfigureAwait(false);
            foreach (var instance in newInstances)
            {
                instance.ProcessState = InstanceProcessState.Running;
            }

            _options.StepCompleted?.Invoke("servers-started");
            await PrepareStorageAsync(cancellationToken).ConfigureAwait(false);
            foreach (var instance in newInstances)
            {
                instance.State = InstanceState.Online;
                instance.Incarnation = 1;
                await InsertInstanceRowsAsync(instance, cancellationToken).ConfigureAwait(false);
            }

            await AssignBucketsAsync(cancellationToken).ConfigureAwait(false);

            await Task.WhenAll(newInstances.Select(i => SetUpInstanceAsync(i, cancellationToken))).ConfigureAwait(false);
            await LinkInstancesAsync(cancellationToken).ConfigureAwait(false);
            _options.StepCompleted?.Invoke("instances-set-up");
        }
        catch
        {
            // A half-started cluster is of no use: leave nothing behind and refuse further calls.
            TearDownNow();
            Volatile.Write(ref _lifecycle, 2);
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops every server process and deletes every file of this cluster.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _lifecycle, 2) == 2)
        {
            return;
        }

        // Let a running operation finish, but never hang disposal on a stuck one.
        var entered = await _gate.WaitAsync(GateTimeoutOnDispose).ConfigureAwait(false);
        try
        {
            TearDownNow();
        }
        finally
        {
            if (entered)
            {
                _gate.Release();
            }
        }
    }

    /// <summary>Kills every server and deletes the cluster's files, synchronously; safe to call more than once.</summary>
    internal void TearDownNow()
    {
        List<PostgresServer> servers;
        lock (_instances)
        {
            servers = _instances.Select(i => i.Server).ToList();
        }

        if (_storage is not null)
        {
            servers.Add(_storage);
        }

        foreach (var server in servers)
        {
            server.KillNow();
        }

        lock (_instances)
        {
            foreach (var instance in _instances)
            {
                instance.Front?.Stop();
            }
        }

        lock (_instances)
        {
            foreach (var instance in _instances)
            {
                instance.ProcessState = InstanceProcessState.Killed;
            }
        }

        _authority?.Dispose();
        if (_root is not null)
        {
            ClusterDirectories.Delete(_root);
        }

        LiveClusters.Remove(this);
    }

    private PostgresServer Storage => _storage ?? throw new EmulatedClusterException("The cluster has not been started.");

    private async Task ExclusiveAsync(Func<Task> operation, CancellationToken cancellationToken) =>
        await ExclusiveAsync(async () =>
        {
            await operation().ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);

    private async Task<T> ExclusiveAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            switch (_lifecycle)
            {
                case 0:
                    throw new EmulatedClusterException("The cluster has not been started; call StartAsync first.");
                case 2:
                    throw new ObjectDisposedException(nameof(EmulatedPicodataCluster));
            }

            return await operation().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private EmulatedInstance Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_instances)
        {
            return _instances.Find(i => i.Name == name) ?? throw new EmulatedClusterException(
                $"No instance is called '{name}'. Instances: {string.Join(", ", _instances.Select(i => i.Name))}.");
        }
    }

    private EmulatedInstance RequireRunning(string name, string operation)
    {
        var instance = Find(name);
        return instance.ProcessState == InstanceProcessState.Running
            ? instance
            : throw new EmulatedClusterException($"Cannot {operation} instance '{name}': it is {instance.ProcessState.ToString().ToLowerInvariant()}.");
    }

    private List<EmulatedInstance> RunningInstances()
    {
        lock (_instances)
        {
            return _instances.Where(i => i.ProcessState == InstanceProcessState.Running).ToList();
        }
    }

    internal static string RandomSecret() =>
        RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 24);
}
