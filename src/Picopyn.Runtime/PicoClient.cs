using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Picopyn.Diagnostics;
using Picopyn.Discovery;
using Picopyn.Pool;

namespace Picopyn;

/// <summary>
/// A client for a Picodata cluster: it discovers the cluster's instances, spreads statements over
/// them, keeps at most <see cref="PicoClientOptions.MaxConnections"/> server connections open in
/// all, takes an instance that fails out of rotation and probes it back, and moves a statement to
/// another instance when that is safe.
/// </summary>
/// <example>
/// <code>
/// await using var client = await PicoClient.ConnectAsync("postgresql://app:secret@node1:4327/db");
/// var rows = await client.FetchAsync("SELECT id, name FROM users WHERE id = $1", [42L]);
/// </code>
/// </example>
public sealed class PicoClient : PicoExecutor, IAsyncDisposable
{
    private readonly PicoConnectionSettings _settings;
    private readonly PicoClientOptions _options;
    private readonly ILogger _logger;
    private readonly ConnectionPool _pool;
    private readonly Balancer _balancer;
    private readonly PicoMetrics _metrics;
    private readonly CancellationTokenSource _closing = new();
    private readonly SemaphoreSlim _wakeUp = new(0);
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private readonly object _topologyLock = new();
    private readonly List<InstanceNode> _retired = [];
    private volatile InstanceNode[] _nodes = [];
    private volatile bool _discoveryRequested;
    private bool _discoveryUnavailableLogged;
    private bool _legacyInstanceUuid;
    private Task _background = Task.CompletedTask;
    private int _disposed;
    private int _callerLeases;

    private static int _clientsCreated;

    private PicoClient(PicoConnectionSettings settings, PicoClientOptions options)
    {
        _settings = settings;
        _options = options;
        Name = options.Name ?? string.Create(CultureInfo.InvariantCulture, $"picopyn-{Interlocked.Increment(ref _clientsCreated)}");
        _logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<PicoClient>();
        _pool = new ConnectionPool(options.MaxConnections, options.AcquireTimeout, _closing.Token);
        _balancer = new Balancer(options.Balancing, options.InstanceSelector, _pool.OpenConnectionsTo);
        _metrics = new PicoMetrics(Name, () => _nodes, _pool.OpenConnectionsTo);
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
    public IReadOnlyList<PicoInstanceInfo> Instances => _nodes.Select(n => n.Snapshot(_pool.OpenConnectionsTo(n))).ToArray();

    /// <summary>Server connections the client holds open right now, busy or idle, over all instances.</summary>
    public int OpenConnections => _pool.OpenConnections;

    /// <summary>Connections handed out to callers right now (statements running, leases held); the client's own discovery and probes are not counted.</summary>
    public int ConnectionsInUse => Volatile.Read(ref _callerLeases);

    /// <summary>
    /// Takes one connection for several statements, on the instance the balancer picks. Nothing
    /// is retried on a lease: a lost connection fails its statement. Dispose it to give the connection back.
    /// </summary>
    /// <exception cref="PicoPoolTimeoutException">No connection came free within the acquire timeout.</exception>
    /// <exception cref="PicoNoInstanceAvailableException">No instance could be reached.</exception>
    public async Task<PicoLease> AcquireAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        await EnterAsync(null, cancellationToken).ConfigureAwait(false);
        try
        {
            var (node, connection) = await RentWithFailoverAsync(null, null, cancellationToken).ConfigureAwait(false);
            node.StatementStarted();
            return new PicoLease(this, node, connection);
        }
        catch
        {
            Exit();
            throw;
        }
    }

    /// <summary>
    /// Runs discovery now and probes every instance known to be down, instead of waiting for the
    /// next periodic refresh; returns when both are done.
    /// </summary>
    public async Task RefreshTopologyAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_options.EnableDiscovery)
            {
                await DiscoverAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var node in _nodes.Where(n => n.IsDown))
            {
                await ProbeAsync(node, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _refreshGate.Release();
        }
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
        try
        {
            await _background.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The background task ends by cancellation.
        }

        InstanceNode[] all;
        lock (_topologyLock)
        {
            all = [.. _nodes, .. _retired];
        }

        await _pool.CloseAsync(all).ConfigureAwait(false);
        foreach (var node in all)
        {
            await node.DataSource.DisposeAsync().ConfigureAwait(false);
        }

        _metrics.Dispose();
    }

    internal async ValueTask ReleaseLeaseAsync(InstanceNode node, NpgsqlConnection connection, bool broken)
    {
        node.StatementEnded();
        try
        {
            await _pool.ReturnAsync(node, connection, broken).ConfigureAwait(false);
        }
        finally
        {
            Exit();
        }
    }

    // A caller's lease: counted apart from the client's own, for ConnectionsInUse.
    private async ValueTask EnterAsync(string? sql, CancellationToken cancellationToken)
    {
        await _pool.EnterAsync(sql, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _callerLeases);
    }

    private void Exit()
    {
        Interlocked.Decrement(ref _callerLeases);
        _pool.Exit();
    }

    internal TimeSpan CommandTimeout => _options.CommandTimeout;

    internal void ReportLostConnection(InstanceNode node, Exception exception) => MarkDown(node, FailureClassifier.Describe(exception));

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        _nodes = _settings.Seeds.Select(CreateNode).ToArray();
        if (_options.EnableDiscovery && !await DiscoverAsync(cancellationToken).ConfigureAwait(false))
        {
            throw Unreachable("Could not connect to any seed host");
        }

        await WarmUpAsync(cancellationToken).ConfigureAwait(false);
        if (!_nodes.Any(n => n.IsEligible))
        {
            throw Unreachable("Could not connect to any instance");
        }

        _background = Task.Run(BackgroundAsync, CancellationToken.None);
    }

    private PicoConnectionException Unreachable(string what) => new(
        $"{what}: {string.Join("; ", _nodes.Select(n => $"{n.DisplayName} ({n.LastFailure ?? "not tried"})"))}.");

    // Opens up to the warm-up count of connections, round-robin over the instances in rotation, as the seed client did.
    private async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        var target = Math.Min(_options.WarmUpConnections ?? _options.MaxConnections, _options.MaxConnections);
        for (var i = 0; _pool.OpenConnections < target; i++)
        {
            var eligible = _nodes.Where(n => n.IsEligible).ToArray();
            if (eligible.Length == 0)
            {
                return;
            }

            var node = eligible[i % eligible.Length];
            try
            {
                await _pool.OpenIdleAsync(node, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (!IsCallerCancellation(exception, cancellationToken))
            {
                ThrowIfLoginRejected(exception, node, null);
                MarkDown(node, FailureClassifier.Describe(exception));
            }
        }
    }

    /// <inheritdoc />
    private protected override async Task<TResult> RunAsync<TState, TResult>(
        PicoStatement statement, TState state, Func<NpgsqlCommand, TState, CancellationToken, Task<TResult>> body, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        await EnterAsync(statement.Sql, cancellationToken).ConfigureAwait(false);
        try
        {
            List<InstanceNode>? tried = null;
            while (true)
            {
                var (node, connection) = await RentWithFailoverAsync(statement.Sql, tried, cancellationToken).ConfigureAwait(false);
                node.StatementStarted();
                var discard = false;
                try
                {
                    using var command = new NpgsqlCommand(statement.Sql, connection);
                    return await body(command, state, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception)
                {
                    var kind = FailureClassifier.Classify(exception, connection, cancellationToken);
                    discard = FailureClassifier.MustDiscard(kind, connection);
                    if (ShouldRetry(kind, exception, node, statement))
                    {
                        (tried ??= []).Add(node);
                        continue;
                    }

                    throw FailureClassifier.Rethrow(kind, exception, node, statement.Sql, _options.CommandTimeout);
                }
                finally
                {
                    node.StatementEnded();
                    await _pool.ReturnAsync(node, connection, discard).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            Exit();
        }
    }

    /// <inheritdoc />
    /// <remarks>A read moves to another instance when its connection is lost before the first row; after that, the failure reaches the caller.</remarks>
    private protected override async IAsyncEnumerable<TRow> StreamCoreAsync<TArgs, TRow>(
        PicoStatement statement, TArgs args, PicoParameterBinder<TArgs>? bind, PicoRowReader<TRow> readRow,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        await EnterAsync(statement.Sql, cancellationToken).ConfigureAwait(false);
        try
        {
            var (node, connection, command, reader) = await OpenReaderAsync(statement, args, bind, cancellationToken).ConfigureAwait(false);
            var discard = false;
            try
            {
                while (true)
                {
                    bool hasRow;
                    try
                    {
                        hasRow = await StreamRows.NextAsync(reader, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception exception)
                    {
                        var kind = FailureClassifier.Classify(exception, connection, cancellationToken);
                        discard = FailureClassifier.MustDiscard(kind, connection);
                        if (kind == FailureKind.ConnectionLost)
                        {
                            MarkDown(node, FailureClassifier.Describe(exception));
                        }

                        throw FailureClassifier.Rethrow(kind, exception, node, statement.Sql, _options.CommandTimeout);
                    }

                    if (!hasRow)
                    {
                        break;
                    }

                    yield return StreamRows.Read(readRow, reader, node.DisplayName);
                }
            }
            finally
            {
                discard |= !await DisposeReaderAsync(reader).ConfigureAwait(false);
                await command.DisposeAsync().ConfigureAwait(false);
                node.StatementEnded();
                await _pool.ReturnAsync(node, connection, discard).ConfigureAwait(false);
            }
        }
        finally
        {
            Exit();
        }
    }

    private async Task<(InstanceNode Node, NpgsqlConnection Connection, NpgsqlCommand Command, NpgsqlDataReader Reader)> OpenReaderAsync<TArgs>(
        PicoStatement statement, TArgs args, PicoParameterBinder<TArgs>? bind, CancellationToken cancellationToken)
    {
        List<InstanceNode>? tried = null;
        while (true)
        {
            var (node, connection) = await RentWithFailoverAsync(statement.Sql, tried, cancellationToken).ConfigureAwait(false);
            node.StatementStarted();
            var command = new NpgsqlCommand(statement.Sql, connection);
            try
            {
                bind?.Invoke(command.Parameters, args);
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                return (node, connection, command, reader);
            }
            catch (Exception exception)
            {
                await command.DisposeAsync().ConfigureAwait(false);
                node.StatementEnded();
                var kind = FailureClassifier.Classify(exception, connection, cancellationToken);
                var discard = FailureClassifier.MustDiscard(kind, connection);
                await _pool.ReturnAsync(node, connection, discard).ConfigureAwait(false);
                if (ShouldRetry(kind, exception, node, statement))
                {
                    (tried ??= []).Add(node);
                    continue;
                }

                throw FailureClassifier.Rethrow(kind, exception, node, statement.Sql, _options.CommandTimeout);
            }
        }
    }

    // A lost connection takes its instance out of rotation; the statement moves on only when it is safe.
    private bool ShouldRetry(FailureKind kind, Exception exception, InstanceNode node, PicoStatement statement)
    {
        if (kind != FailureKind.ConnectionLost)
        {
            return false;
        }

        MarkDown(node, FailureClassifier.Describe(exception));
        if (!statement.IsRetryable || _closing.IsCancellationRequested)
        {
            return false;
        }

        _metrics.Retried(node);
        Log.StatementRetried(_logger, node.DisplayName, statement.Kind);
        return true;
    }

    /// <summary>
    /// Picks an instance and gets a connection to it; an instance that cannot be connected to is
    /// taken out of rotation and the next one is tried. Nothing has been sent yet, so this is always safe.
    /// </summary>
    private async Task<(InstanceNode Node, NpgsqlConnection Connection)> RentWithFailoverAsync(
        string? sql, List<InstanceNode>? tried, CancellationToken cancellationToken)
    {
        Exception? lastFailure = null;
        while (true)
        {
            var node = _balancer.Pick(_nodes, tried, sql);
            if (node is null)
            {
                var known = _nodes;
                throw new PicoNoInstanceAvailableException(
                    $"No instance is available: the {known.Length} known instance(s) are down or already failed this call " +
                    $"({string.Join("; ", known.Select(n => $"{n.DisplayName}: {n.LastFailure ?? "up"}"))}).",
                    sql, lastFailure);
            }

            try
            {
                // A user selector's choice is honoured; the built-in strategies may yield to an
                // idle connection elsewhere rather than churn connections at the cap.
                var alternative = _options.InstanceSelector is null
                    ? candidate => candidate.IsEligible && (tried is null || !tried.Contains(candidate))
                    : (Func<InstanceNode, bool>?)null;
                return await _pool.RentAsync(node, alternative, FairShare(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (!IsCallerCancellation(exception, cancellationToken) && exception is not ObjectDisposedException)
            {
                ThrowIfLoginRejected(exception, node, sql);
                MarkDown(node, FailureClassifier.Describe(exception));
                (tried ??= []).Add(node);
                lastFailure = exception;
            }
        }
    }

    // The connections each instance in rotation is entitled to under the cap.
    private int FairShare()
    {
        var eligible = 0;
        foreach (var node in _nodes)
        {
            if (node.IsEligible)
            {
                eligible++;
            }
        }

        return Math.Max(1, _pool.MaxConnections / Math.Max(1, eligible));
    }

    private static void ThrowIfLoginRejected(Exception exception, InstanceNode node, string? sql)
    {
        if (FailureClassifier.IsLoginRejected(exception, out var rejection))
        {
            throw new PicoConnectionException(
                $"The instance refused the connection: {rejection.MessageText}.", node.DisplayName, sql, rejection.SqlState, rejection);
        }
    }

    private static bool IsCallerCancellation(Exception exception, CancellationToken cancellationToken) =>
        exception is OperationCanceledException && cancellationToken.IsCancellationRequested;

    private void MarkDown(InstanceNode node, string reason)
    {
        node.LastFailure = reason;
        if (!node.MarkDown(_options.ProbeBackoffInitial))
        {
            return;
        }

        Log.InstanceDown(_logger, node.DisplayName, reason);
        _metrics.Ejected(node);
        _ = _pool.CloseIdleAsync(node).AsTask();
        // The table may already know why; and a down instance's replacement may have joined.
        RequestDiscovery();
    }

    private void RequestDiscovery()
    {
        _discoveryRequested = true;
        if (_wakeUp.CurrentCount == 0)
        {
            _wakeUp.Release();
        }
    }

    private async Task BackgroundAsync()
    {
        var closing = _closing.Token;
        var nextDiscovery = DateTime.UtcNow + _options.DiscoveryInterval;
        while (!closing.IsCancellationRequested)
        {
            try
            {
                var wake = _options.EnableDiscovery ? nextDiscovery : DateTime.UtcNow + _options.ProbeBackoffMax;
                foreach (var node in _nodes)
                {
                    if (node.IsDown && node.NextProbeUtc < wake)
                    {
                        wake = node.NextProbeUtc;
                    }
                }

                var delay = wake - DateTime.UtcNow;
                if (delay > TimeSpan.Zero)
                {
                    await _wakeUp.WaitAsync(delay, closing).ConfigureAwait(false);
                }

                await _refreshGate.WaitAsync(closing).ConfigureAwait(false);
                try
                {
                    if (_options.EnableDiscovery && (_discoveryRequested || DateTime.UtcNow >= nextDiscovery))
                    {
                        _discoveryRequested = false;
                        await DiscoverAsync(closing).ConfigureAwait(false);
                        nextDiscovery = DateTime.UtcNow + _options.DiscoveryInterval;
                    }

                    foreach (var node in _nodes)
                    {
                        if (node.IsDown && node.NextProbeUtc <= DateTime.UtcNow)
                        {
                            await ProbeAsync(node, closing).ConfigureAwait(false);
                        }
                    }

                    await ForgetRetiredAsync().ConfigureAwait(false);
                }
                finally
                {
                    _refreshGate.Release();
                }
            }
            catch (OperationCanceledException) when (closing.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                Log.BackgroundFailed(_logger, exception);
            }
        }
    }

    /// <summary>Tries to connect to a down instance, off the request path; success puts it back in rotation.</summary>
    private async Task ProbeAsync(InstanceNode node, CancellationToken cancellationToken)
    {
        try
        {
            // Connecting is the probe; the connection then stays in the pool for the next statement.
            await QueryNodeAsync(node, static (_, _) => Task.FromResult(true), cancellationToken).ConfigureAwait(false);
        }
        catch (PicoPoolTimeoutException)
        {
            // Every connection is busy: probe on the next round, without counting it as a failure.
        }
        catch (Exception exception) when (!IsCallerCancellation(exception, cancellationToken) && exception is not ObjectDisposedException)
        {
            node.LastFailure = FailureClassifier.Describe(exception);
            node.ProbeFailed(_options.ProbeBackoffMax);
        }
    }

    /// <summary>
    /// Reads the instances from the system tables through the first instance that answers, and
    /// makes the Online ones the rotation.
    /// </summary>
    /// <returns><see langword="true"/> when some instance answered, even if the tables could not be read.</returns>
    private async Task<bool> DiscoverAsync(CancellationToken cancellationToken)
    {
        // Up instances first, seeds first among them; a down one may have come back.
        foreach (var node in _nodes.OrderBy(n => n.IsDown).ToArray())
        {
            List<DiscoveredInstance> instances;
            try
            {
                instances = await QueryNodeAsync(node, DiscoveryQueries.ReadInstancesAsync, cancellationToken).ConfigureAwait(false);
            }
            catch (PicoPoolTimeoutException)
            {
                // Every connection is busy with callers' statements: try again on the next round.
                return false;
            }
            catch (PostgresException exception) when (FailureClassifier.IsServerAnswer(exception) && !FailureClassifier.IsLoginRejected(exception, out _))
            {
                // Typically Picodata's "Read access to space '_pico_instance' is denied": work on the seeds.
                _metrics.Discovered("unavailable");
                if (!_discoveryUnavailableLogged)
                {
                    _discoveryUnavailableLogged = true;
                    Log.DiscoveryUnavailable(_logger, exception.MessageText, _settings.Seeds.Count);
                }

                return true;
            }
            catch (Exception exception) when (!IsCallerCancellation(exception, cancellationToken) && exception is not ObjectDisposedException)
            {
                ThrowIfLoginRejected(exception, node, DiscoveryQueries.Instances);
                MarkDown(node, FailureClassifier.Describe(exception));
                continue;
            }

            var self = await ReadSelfUuidAsync(node, cancellationToken).ConfigureAwait(false);
            ApplyDiscovery(instances, node, self);
            _discoveryUnavailableLogged = false;
            _metrics.Discovered("ok");
            return true;
        }

        _metrics.Discovered("unreachable");
        return false;
    }

    /// <summary>Which instance answers: <c>pico_instance_uuid()</c>, or the deprecated <c>instance_uuid()</c> on servers before 25.3.</summary>
    private async Task<string?> ReadSelfUuidAsync(InstanceNode node, CancellationToken cancellationToken)
    {
        foreach (var legacy in _legacyInstanceUuid ? [true] : new[] { false, true })
        {
            try
            {
                var sql = legacy ? DiscoveryQueries.LegacySelfUuid : DiscoveryQueries.SelfUuid;
                var uuid = await QueryNodeAsync(node, (connection, ct) => DiscoveryQueries.ReadScalarAsync(connection, sql, ct), cancellationToken)
                    .ConfigureAwait(false);
                if (legacy && !_legacyInstanceUuid)
                {
                    _legacyInstanceUuid = true;
                    Log.LegacyInstanceUuid(_logger, node.DisplayName);
                }

                return uuid;
            }
            catch (PostgresException exception) when (FailureClassifier.IsServerAnswer(exception))
            {
                // No such function here: try the next one (each on a fresh connection, since
                // Npgsql breaks the connection after Picodata's XX000).
            }
            catch (Exception exception) when (!IsCallerCancellation(exception, cancellationToken) && exception is not ObjectDisposedException)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>
    /// Runs one of the client's own statements (discovery, probes) on a given instance, under a
    /// lease like any other so the connection cap holds. Connecting proves the instance is up.
    /// </summary>
    private async Task<T> QueryNodeAsync<T>(
        InstanceNode node, Func<NpgsqlConnection, CancellationToken, Task<T>> query, CancellationToken cancellationToken)
    {
        await _pool.EnterAsync(null, cancellationToken).ConfigureAwait(false);
        try
        {
            var (_, connection) = await _pool.RentAsync(node, alternative: null, FairShare(), cancellationToken).ConfigureAwait(false);
            if (node.MarkUp())
            {
                node.LastFailure = null;
                Log.InstanceUp(_logger, node.DisplayName);
            }

            var healthy = false;
            try
            {
                var result = await query(connection, cancellationToken).ConfigureAwait(false);
                healthy = true;
                return result;
            }
            finally
            {
                await _pool.ReturnAsync(node, connection, discard: !healthy || connection.FullState != System.Data.ConnectionState.Open)
                    .ConfigureAwait(false);
            }
        }
        finally
        {
            _pool.Exit();
        }
    }

    private void ApplyDiscovery(List<DiscoveredInstance> instances, InstanceNode answering, string? selfUuid)
    {
        var desired = new List<(PicoEndpoint Endpoint, InstanceIdentity Identity)>();
        foreach (var instance in instances.OrderBy(i => i.Name, StringComparer.Ordinal))
        {
            if (instance.CurrentState != "Online" || (_options.Tier is { } tier && instance.Tier != tier))
            {
                continue;
            }

            PicoEndpoint endpoint;
            if (instance.Uuid == selfUuid)
            {
                // The address this client reached it on is known to work, whatever it advertises.
                endpoint = answering.Endpoint;
            }
            else
            {
                try
                {
                    endpoint = Translate(PicoEndpoint.Parse(instance.Address), answering.Endpoint);
                }
                catch (PicoConfigurationException)
                {
                    Log.BadAdvertisedAddress(_logger, instance.Name, instance.Address);
                    continue;
                }
            }

            if (!desired.Exists(d => d.Endpoint == endpoint))
            {
                desired.Add((endpoint, new InstanceIdentity(instance.Name, instance.Uuid, instance.Tier, instance.ReplicasetName)));
            }
        }

        if (desired.Count == 0)
        {
            Log.DiscoveryFoundNothing(_logger, _options.Tier is null ? string.Empty : $" in tier '{_options.Tier}'");
            return;
        }

        var joined = new List<InstanceNode>();
        List<InstanceNode> left;
        lock (_topologyLock)
        {
            var current = _nodes;
            var next = new InstanceNode[desired.Count];
            for (var i = 0; i < desired.Count; i++)
            {
                var node = Array.Find(current, n => n.Endpoint == desired[i].Endpoint);
                if (node is null)
                {
                    node = CreateNode(desired[i].Endpoint);
                    joined.Add(node);
                }

                node.Identity = desired[i].Identity;
                next[i] = node;
            }

            left = current.Where(n => Array.IndexOf(next, n) < 0).ToList();
            foreach (var node in left)
            {
                node.Retire();
                _retired.Add(node);
            }

            _nodes = next;
        }

        foreach (var node in joined)
        {
            Log.InstanceJoined(_logger, node.DisplayName);
        }

        foreach (var node in left)
        {
            Log.InstanceLeft(_logger, node.DisplayName, "not Online in _pico_instance");
            _ = _pool.CloseIdleAsync(node).AsTask();
        }

        Log.DiscoveryCompleted(_logger, answering.DisplayName, instances.Count(i => i.CurrentState == "Online"), desired.Count);
    }

    private PicoEndpoint Translate(PicoEndpoint advertised, PicoEndpoint answering)
    {
        if (_options.AddressTranslator is { } translate)
        {
            return translate(advertised);
        }

        return advertised.IsWildcard ? advertised with { Host = answering.Host } : advertised;
    }

    // Data sources of instances that left are disposed once their last connection came back.
    private async Task ForgetRetiredAsync()
    {
        List<InstanceNode> idle;
        lock (_topologyLock)
        {
            idle = _retired.Where(n => _pool.OpenConnectionsTo(n) == 0).ToList();
            _retired.RemoveAll(idle.Contains);
        }

        foreach (var node in idle)
        {
            _pool.Untrack(node);
            await node.DataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    private InstanceNode CreateNode(PicoEndpoint endpoint)
    {
        var connectionString = _settings.CreateBuilder(endpoint);
        connectionString.Timeout = (int)Math.Ceiling(_options.ConnectTimeout.TotalSeconds);
        connectionString.CommandTimeout = (int)Math.Ceiling(_options.CommandTimeout.TotalSeconds);
        var builder = PicodataNpgsqlSettings.CreateDataSourceBuilder(connectionString.ConnectionString);
        if (_options.ConfigureDataSource is { } configure)
        {
            configure(builder);
            // Whatever the callback did, Picodata's requirements stand.
            PicodataNpgsqlSettings.Apply(builder.ConnectionStringBuilder);
            builder.ConfigureTypeLoading(typeLoading => typeLoading.EnableTypeLoading(false));
        }

        // This client is the pool (see ConnectionPool): Npgsql's own pooling would hide connections from the cap.
        builder.ConnectionStringBuilder.Pooling = false;
        var node = new InstanceNode(endpoint, builder.Build());
        _pool.Track(node);
        return node;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);

    private static async ValueTask<bool> DisposeReaderAsync(NpgsqlDataReader reader)
    {
        try
        {
            await reader.DisposeAsync().ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is NpgsqlException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"PicoClient({_nodes.Length} instance(s), {_pool.OpenConnections}/{_pool.MaxConnections} connections open)");
}
