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
/// Or, where nothing may wait at construction (a dependency-injection factory), a client that connects on first use:
/// <code>
/// var client = PicoClient.Create("postgresql://app:secret@node1:4327/db");
/// </code>
/// </example>
public sealed class PicoClient : PicoExecutor, IAsyncDisposable, IDisposable
{
    private static int _clientsCreated;

    private readonly PicoConnectionSettings _settings;
    private readonly CancellationTokenSource _closing = new();
    private readonly PicoMetrics _metrics;
    private readonly ConnectionPool _pool;
    private readonly ClusterTopology _topology;
    private readonly TopologyMaintenance _maintenance;
    private readonly StatementRunner _runner;
    private readonly object _startLock = new();
    private Task? _starting;
    private volatile bool _started;
    private int _disposed;

    private PicoClient(PicoConnectionSettings settings, PicoClientOptions options)
    {
        _settings = settings;
        Name = options.Name ?? string.Create(CultureInfo.InvariantCulture, $"picopyn-{Interlocked.Increment(ref _clientsCreated)}");
        var logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<PicoClient>();
        _metrics = new PicoMetrics(Name, options.MeterFactory, () => _topology!.Nodes, node => _pool!.OpenConnectionsTo(node));
        _pool = new ConnectionPool(new LeaseGate(options.MaxConnections, options.AcquireTimeout, _closing.Token), _metrics.ConnectionOpened, () => _maintenance!.RequestReplacement());
        _topology = new ClusterTopology(
            new InstanceNodeFactory(settings, options), _pool, _metrics, logger, options.ProbeBackoffInitial, () => _maintenance!.RequestDiscovery());
        var discoverer = new Discoverer(_topology, options, settings.Seeds.Count, _metrics, logger);
        _maintenance = new TopologyMaintenance(options, _topology, discoverer, _pool, logger, _closing.Token);
        var balancer = new Balancer(options.Balancing, options.InstanceSelector, _pool.OpenConnectionsTo);
        _runner = new StatementRunner(
            _pool, _topology, balancer, _metrics, options.EnableRouting ? new Routing.StatementRouter(options.ReadPreference) : null, logger,
            options.CommandTimeout, settings.Database, _closing.Token);
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
        var client = Create(connectionString, options);
        try
        {
            await client.EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// A client that connects on first use: it parses the connection string and checks the options now, and
    /// returns without any I/O. The first call that needs the cluster (a statement, a lease, a refresh, or
    /// <see cref="EnsureConnectedAsync"/>) connects as <see cref="ConnectAsync(string, PicoClientOptions?, CancellationToken)"/>
    /// does; callers that come while it connects wait for that one connect. When it fails, each of them gets the
    /// failure, and the next call tries again.
    /// </summary>
    /// <param name="connectionString">As for <see cref="ConnectAsync(string, PicoClientOptions?, CancellationToken)"/>.</param>
    /// <param name="options">Pool, balancing, discovery and failover settings; defaults when <see langword="null"/>.</param>
    /// <exception cref="PicoConfigurationException">The connection string or an option is invalid.</exception>
    public static PicoClient Create(string connectionString, PicoClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var validated = (options ?? new PicoClientOptions()).Validate();
        var settings = PicoConnectionSettings.Parse(connectionString, new Dictionary<string, string>(validated.ConnectionSettings, StringComparer.OrdinalIgnoreCase));
        return new PicoClient(settings, validated);
    }

    /// <summary>
    /// Connects now when the client has not connected yet (<see cref="Create"/>), or waits for the connect another
    /// call started; returns at once when connected. For start-up code that wants the cluster reached before the
    /// app takes traffic.
    /// </summary>
    /// <param name="cancellationToken">Stops this caller's wait; the connect goes on for other callers.</param>
    /// <exception cref="PicoConnectionException">No seed host could be reached, or the login was refused; the next call tries again.</exception>
    public Task EnsureConnectedAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return _started ? Task.CompletedTask : WaitForConnectAsync(cancellationToken);
    }

    /// <summary>Whether the client has connected: discovery reached the cluster and the pool is warm.</summary>
    public bool IsConnected => _started;

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
        await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
        var (node, connection) = await _runner.AcquireAsync(cancellationToken).ConfigureAwait(false);
        return new PicoLease(_runner, node, connection);
    }

    /// <summary>
    /// Runs discovery now, probes every instance known to be down, and moves connections until each
    /// instance in rotation holds its share, instead of waiting for the periodic work; returns when
    /// all three are done.
    /// </summary>
    public async Task RefreshTopologyAsync(CancellationToken cancellationToken = default)
    {
        await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
        await _maintenance.RefreshAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Probes the cluster: connects first when the client has not (<see cref="Create"/>), then runs
    /// <paramref name="probeSql"/> on every instance in rotation, each on its own connection (an idle one where
    /// there is one). An instance that fails the probe is taken out of rotation, as a failed statement would take
    /// it; instances already down are reported with the reason they went down, not probed again.
    /// </summary>
    /// <param name="probeSql">The statement each instance runs; Picodata's <c>SELECT 1</c> by default.</param>
    /// <param name="cancellationToken">Stops the probes; those not finished count as not answered.</param>
    /// <exception cref="PicoConnectionException">The client could not connect at all.</exception>
    public async Task<PicoClusterHealth> CheckHealthAsync(string probeSql = "SELECT 1", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(probeSql);
        await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
        var nodes = _topology.Nodes;
        var failures = await Task.WhenAll(nodes.Select(node => node.IsEligible ? ProbeAsync(node, probeSql, cancellationToken) : Task.FromResult<string?>(node.LastFailure ?? "down")))
            .ConfigureAwait(false);
        return new PicoClusterHealth(nodes.Select((node, i) => new PicoInstanceHealth(node.Snapshot(_pool.OpenConnectionsTo(node)), failures[i] is null, failures[i])).ToArray());
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
        Task? connecting;
        lock (_startLock)
        {
            connecting = _starting;
        }

        if (connecting is not null)
        {
            // A connect under way ends at the cancellation (and closes what it opened) before the pool closes.
            await connecting.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        }

        await _maintenance.StopAsync().ConfigureAwait(false);
        var all = _topology.All;
        await _pool.CloseAsync(all).ConfigureAwait(false);
        foreach (var node in all)
        {
            await node.DataSource.DisposeAsync().ConfigureAwait(false);
        }

        _metrics.Dispose();
    }

    /// <summary>
    /// As <see cref="DisposeAsync"/>, blocking until the connections are closed: for hosts that dispose
    /// synchronously (a dependency-injection container's <c>Dispose</c>). Prefer <c>await using</c>.
    /// </summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

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
        return _started ? _runner.RunAsync(statement, state, body, cancellationToken) : ConnectThenRunAsync(statement, state, body, cancellationToken);
    }

    /// <inheritdoc />
    private protected override IAsyncEnumerable<TRow> StreamCoreAsync<TArgs, TRow>(
        PicoStatement statement, TArgs args, PicoParameterBinder<TArgs>? bind, PicoRowReader<TRow> readRow, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        return _started ? _runner.StreamAsync(statement, args, bind, readRow, cancellationToken) : ConnectThenStreamAsync(statement, args, bind, readRow, cancellationToken);
    }

    // The first calls of a client from Create: off the fast path, which a connected client always takes.
    private async Task<TResult> ConnectThenRunAsync<TState, TResult>(
        PicoStatement statement, TState state, Func<NpgsqlCommand, TState, CancellationToken, Task<TResult>> body, CancellationToken cancellationToken)
    {
        await WaitForConnectAsync(cancellationToken).ConfigureAwait(false);
        return await _runner.RunAsync(statement, state, body, cancellationToken).ConfigureAwait(false);
    }

    private async IAsyncEnumerable<TRow> ConnectThenStreamAsync<TArgs, TRow>(
        PicoStatement statement, TArgs args, PicoParameterBinder<TArgs>? bind, PicoRowReader<TRow> readRow,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await WaitForConnectAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var row in _runner.StreamAsync(statement, args, bind, readRow, cancellationToken).ConfigureAwait(false))
        {
            yield return row;
        }
    }

    // One connect at a time, shared by the callers that come while it runs. It runs on the client's own
    // token, not a caller's: a caller that gives up stops only its own wait. A failed connect is not kept,
    // so the next call starts a new one.
    private Task WaitForConnectAsync(CancellationToken cancellationToken)
    {
        Task attempt;
        lock (_startLock)
        {
            // Task.Run: a connect that fails at once must not clear _starting before it is set.
            attempt = _starting ??= Task.Run(ConnectOnceAsync, CancellationToken.None);
        }

        return attempt.WaitAsync(cancellationToken);
    }

    private async Task ConnectOnceAsync()
    {
        try
        {
            await StartAsync(_closing.Token).ConfigureAwait(false);
            _started = true;
        }
        catch (Exception failure)
        {
            await ForgetFailedStartAsync().ConfigureAwait(false);
            lock (_startLock)
            {
                _starting = null;
            }

            if (failure is OperationCanceledException && _closing.IsCancellationRequested)
            {
                throw new ObjectDisposedException(nameof(PicoClient), "The client was disposed while it connected.");
            }

            throw;
        }
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

    // What a failed connect opened is closed, so that the next one starts from the seeds with an empty pool.
    private async Task ForgetFailedStartAsync()
    {
        var opened = _topology.Clear();
        await _pool.ForgetAsync(opened).ConfigureAwait(false);
        foreach (var node in opened)
        {
            await node.DataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    // The probe's failure in words, or null when the instance answered; a lost or refused connection takes it out of rotation.
    private async Task<string?> ProbeAsync(InstanceNode node, string probeSql, CancellationToken cancellationToken)
    {
        try
        {
            await _topology.RunOnAsync(node, null, async (_, connection, ct) =>
            {
                using var command = new NpgsqlCommand(probeSql, connection);
                return await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (InstanceConnectException failure)
        {
            // A refused login is the same on every instance: it says nothing about this one.
            if (!FailureClassifier.IsLoginRejected(failure.InnerException!, out _))
            {
                _topology.MarkDown(failure);
            }

            return FailureClassifier.Describe(failure.InnerException!);
        }
        catch (PicoPoolTimeoutException busy)
        {
            return busy.Message; // every connection busy: not the instance's fault, so it stays in rotation
        }
        catch (Exception failure) when (failure is NpgsqlException or IOException or TimeoutException or OperationCanceledException)
        {
            // A refused probe statement is the instance answering; a cancelled probe says nothing about it.
            if (failure is not PostgresException && FailureClassifier.IsInstanceFailure(failure, cancellationToken))
            {
                _topology.MarkDown(node, FailureClassifier.Describe(failure));
            }

            return FailureClassifier.Describe(failure);
        }
    }

    private PicoConnectionException Unreachable(string what) => new($"{what}: {_topology.DescribeFailures("not tried")}.");

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
}
