using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Picopyn.Diagnostics;
using Picopyn.Discovery;
using Picopyn.Pool;
using Picopyn.Topology;

namespace Picopyn;

/// <summary>
/// A client for a Picodata cluster: it discovers the cluster's instances, spreads statements over
/// them, keeps at most <see cref="PicoClientOptions.MaxConnections"/> server connections open in
/// all, takes an instance that fails out of rotation and probes it back, and moves a statement to
/// another instance when that is safe.
/// </summary>
/// <remarks>
/// A façade over four pieces (docs/runtime.md): the topology (<c>ClusterTopology</c>, discovery,
/// probes, address translation), the pool and its placement plan (<c>ConnectionPool</c>,
/// <c>ConnectionPlacement</c>), balancing (<c>Balancer</c>), and execution with failover
/// (<c>StatementRunner</c>); <c>TopologyMaintenance</c> runs what happens off the request path.
/// </remarks>
/// <example>
/// <code>
/// await using var client = await PicoClient.ConnectAsync("postgresql://app:secret@node1:4327/db");
/// var rows = await client.FetchAsync("SELECT id, name FROM users WHERE id = $1", [42L]);
/// </code>
/// </example>
public sealed class PicoClient : PicoExecutor, IAsyncDisposable
{
    private static int _clientsCreated;

    private readonly PicoConnectionSettings _settings;
    private readonly CancellationTokenSource _closing = new();
    private readonly PicoMetrics _metrics;
    private readonly ConnectionPool _pool;
    private readonly ClusterTopology _topology;
    private readonly TopologyMaintenance _maintenance;
    private readonly StatementRunner _runner;
    private int _disposed;

    private PicoClient(PicoConnectionSettings settings, PicoClientOptions options)
    {
        _settings = settings;
        Name = options.Name ?? string.Create(CultureInfo.InvariantCulture, $"picopyn-{Interlocked.Increment(ref _clientsCreated)}");
        var logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<PicoClient>();
        _metrics = new PicoMetrics(Name, () => _topology!.Nodes, node => _pool!.OpenConnectionsTo(node));
        _pool = new ConnectionPool(new LeaseGate(options.MaxConnections, options.AcquireTimeout, _closing.Token), _metrics.ConnectionOpened, () => _maintenance!.RequestReplacement());
        _topology = new ClusterTopology(
            new InstanceNodeFactory(settings, options), _pool, _metrics, logger, options.ProbeBackoffInitial, () => _maintenance!.RequestDiscovery());
        var discoverer = new Discoverer(_topology, options, settings.Seeds.Count, _metrics, logger);
        _maintenance = new TopologyMaintenance(options, _topology, discoverer, _pool, logger, _closing.Token);
        var balancer = new Balancer(options.Balancing, options.InstanceSelector, _pool.OpenConnectionsTo);
        _runner = new StatementRunner(
            _pool, _topology, balancer, _metrics, options.EnableRouting ? new Routing.StatementRouter(options.ReadPreference) : null, logger,
            options.CommandTimeout, _closing.Token);
    }

    /// <summary>
    /// Connects to a cluster: parses the connection string, discovers the instances through the
    /// first seed host that answers, and opens the first connections spread over the instances.
    /// </summary>
    /// <param name="connectionString">
    /// A <c>postgresql://user:password@host[:port][,host[:port]...]/database[?name=value...]</c> URI
    /// or an Npgsql keyword string; a host without a port means Picodata's 4327.
    /// </param>
    /// <param name="options">Pool, balancing, discovery and failover settings; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels connecting; nothing is left open.</param>
    /// <exception cref="PicoConfigurationException">The connection string or an option is invalid.</exception>
    /// <exception cref="PicoConnectionException">No seed host could be reached, or the login was refused.</exception>
    public static async Task<PicoClient> ConnectAsync(
        string connectionString, PicoClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        var validated = (options ?? new PicoClientOptions()).Validate();
        var settings = PicoConnectionSettings.Parse(connectionString, new Dictionary<string, string>(validated.ConnectionSettings, StringComparer.OrdinalIgnoreCase));
        var client = new PicoClient(settings, validated);
        try
        {
            await client.StartAsync(cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The client's name in metrics (tag <c>picopyn.client</c>): <see cref="PicoClientOptions.Name"/> or a generated one.</summary>
    public string Name { get; }

    /// <summary>The instances in rotation or known to be down, as they are right now.</summary>
    public IReadOnlyList<PicoInstanceInfo> Instances => _topology.Nodes.Select(n => n.Snapshot(_pool.OpenConnectionsTo(n))).ToArray();

    /// <summary>Server connections the client holds open right now, busy or idle, over all instances.</summary>
    public int OpenConnections => _pool.OpenConnections;

    /// <summary>Connections handed out to callers right now (statements running, leases held); the client's own discovery and probes are not counted.</summary>
    public int ConnectionsInUse => _runner.CallerLeases;

    /// <summary>Server connections the client has opened since it connected: warm-up, replacements and placement moves.</summary>
    public long ConnectionsOpened => _pool.ConnectionsOpened;

    /// <summary>Where each bucket lives, as the last discovery read it (routing is built on it); none when it could not be read.</summary>
    internal Routing.BucketMap? Buckets => _topology.Buckets;

    /// <summary>
    /// The instance that owns <paramref name="key"/>'s bucket by the client's bucket map — the master of the
    /// replicaset a statement with this key is routed to (docs/routing.md) — and the bucket; <see langword="null"/>
    /// when the map does not say (no map, an unknown tier, or an owner the client does not know).
    /// </summary>
    public (PicoInstanceInfo Instance, int Bucket)? OwnerOf(PicoKey key)
    {
        if (_topology.Buckets is not { } map || Routing.StatementRouter.TierOf(key, map) is not { } tier)
        {
            return null;
        }

        var bucket = key.BucketOf(map.Tiers[tier].BucketCount);
        var master = map.MasterOf(tier, bucket);
        return Instances.FirstOrDefault(i => i.Name == master) is { } instance ? (instance, bucket) : null;
    }

    /// <summary>
    /// Takes one connection for several statements, on the instance the balancer picks. Nothing
    /// is retried on a lease: a lost connection fails its statement. Dispose it to give the connection back.
    /// </summary>
    /// <exception cref="PicoPoolTimeoutException">No connection came free within the acquire timeout.</exception>
    /// <exception cref="PicoNoInstanceAvailableException">No instance could be reached.</exception>
    public async Task<PicoLease> AcquireAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var (node, connection) = await _runner.AcquireAsync(cancellationToken).ConfigureAwait(false);
        return new PicoLease(_runner, node, connection);
    }

    /// <summary>
    /// Runs discovery now, probes every instance known to be down, and moves connections until each
    /// instance in rotation holds its share, instead of waiting for the periodic work; returns when
    /// all three are done.
    /// </summary>
    public Task RefreshTopologyAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return _maintenance.RefreshAsync(cancellationToken);
    }

    /// <summary>
    /// Closes every connection and stops discovery and probing. Callers waiting for a connection
    /// fail at once with <see cref="ObjectDisposedException"/>; statements running finish, and
    /// their connections close as they come back.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _closing.CancelAsync().ConfigureAwait(false);
        await _maintenance.StopAsync().ConfigureAwait(false);
        var all = _topology.All;
        await _pool.CloseAsync(all).ConfigureAwait(false);
        foreach (var node in all)
        {
            await node.DataSource.DisposeAsync().ConfigureAwait(false);
        }

        _metrics.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"PicoClient({_topology.Nodes.Length} instance(s), {_pool.OpenConnections}/{_pool.MaxConnections} connections open)");

    /// <summary>One placement step, as the background takes every <see cref="PicoClientOptions.RebalanceInterval"/>: for tests that count per step.</summary>
    internal Task<bool> RebalanceOnceAsync(bool rotate = true, CancellationToken cancellationToken = default) =>
        _maintenance.RebalanceOnceAsync(rotate, cancellationToken);

    /// <inheritdoc />
    private protected override Task<TResult> RunAsync<TState, TResult>(
        PicoStatement statement, TState state, Func<NpgsqlCommand, TState, CancellationToken, Task<TResult>> body, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        return _runner.RunAsync(statement, state, body, cancellationToken);
    }

    /// <inheritdoc />
    private protected override IAsyncEnumerable<TRow> StreamCoreAsync<TArgs, TRow>(
        PicoStatement statement, TArgs args, PicoParameterBinder<TArgs>? bind, PicoRowReader<TRow> readRow, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        return _runner.StreamAsync(statement, args, bind, readRow, cancellationToken);
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        _topology.Seed(_settings.Seeds);
        if (!await _maintenance.StartAsync(cancellationToken).ConfigureAwait(false))
        {
            throw Unreachable("Could not connect to any seed host");
        }

        if (!_topology.Nodes.Any(n => n.IsEligible))
        {
            throw Unreachable("Could not connect to any instance");
        }
    }

    private PicoConnectionException Unreachable(string what) => new($"{what}: {_topology.DescribeFailures("not tried")}.");

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
}
