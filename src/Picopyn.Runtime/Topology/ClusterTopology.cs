using Microsoft.Extensions.Logging;
using Npgsql;
using Picopyn.Diagnostics;
using Picopyn.Pool;

namespace Picopyn.Topology;

/// <summary>
/// The instances the client knows — in rotation or down, in discovery's order — and those that left
/// but still hold connections; each instance's health, and running the client's own statements on one.
/// </summary>
internal sealed class ClusterTopology
{
    private readonly object _lock = new();
    private readonly List<InstanceNode> _retired = [];
    private readonly InstanceNodeFactory _factory;
    private readonly ConnectionPool _pool;
    private readonly PicoMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeSpan _probeBackoffInitial;
    private readonly Action _discoveryWanted;
    private volatile InstanceNode[] _nodes = [];
    private Routing.BucketMap? _buckets;

    public ClusterTopology(
        InstanceNodeFactory factory, ConnectionPool pool, PicoMetrics metrics, ILogger logger, TimeSpan probeBackoffInitial, Action discoveryWanted)
    {
        _factory = factory;
        _pool = pool;
        _metrics = metrics;
        _logger = logger;
        _probeBackoffInitial = probeBackoffInitial;
        _discoveryWanted = discoveryWanted;
    }

    /// <summary>Where each bucket lives, from the last discovery that could read it; <see langword="null"/> when it could not.</summary>
    public Routing.BucketMap? Buckets
    {
        get => Volatile.Read(ref _buckets);
        set => Volatile.Write(ref _buckets, value);
    }

    /// <summary>The instances in rotation or known to be down, in discovery's order.</summary>
    public InstanceNode[] Nodes => _nodes;

    /// <summary>Every instance that holds a data source: known ones and those that left.</summary>
    public InstanceNode[] All
    {
        get
        {
            lock (_lock)
            {
                return [.. _nodes, .. _retired];
            }
        }
    }

    /// <summary>Starts from the connection string's hosts, before discovery.</summary>
    public void Seed(IEnumerable<PicoEndpoint> seeds) => _nodes = seeds.Select(seed => Create(seed, seed.Host)).ToArray();

    /// <summary>Forgets every instance (after a failed connect, before the next one seeds again); returns those it held.</summary>
    public InstanceNode[] Clear()
    {
        lock (_lock)
        {
            InstanceNode[] all = [.. _nodes, .. _retired];
            _nodes = [];
            _retired.Clear();
            Buckets = null;
            return all;
        }
    }

    /// <summary>Takes an instance out of rotation until a probe succeeds; its idle connections close.</summary>
    public void MarkDown(InstanceNode node, string reason)
    {
        node.LastFailure = reason;
        if (!node.MarkDown(_probeBackoffInitial))
        {
            return;
        }

        Log.InstanceDown(_logger, node.DisplayName, reason);
        _metrics.Ejected(node);
        _ = _pool.CloseIdleAsync(node).AsTask();

        // The table may already know why; and a down instance's replacement may have joined.
        _discoveryWanted();
    }

    /// <summary>An instance the pool could not connect to: out of rotation, with the reason.</summary>
    public void MarkDown(InstanceConnectException failure) => MarkDown(failure.Node, FailureClassifier.Describe(failure.InnerException!));

    /// <summary>
    /// Runs one of the client's own statements (discovery, probes) under a lease like any other, so
    /// the cap holds: on <paramref name="node"/>, or — when it is <see langword="null"/> — on any
    /// instance in rotation outside <paramref name="exclude"/>, through an idle connection where
    /// there is one (never moving a connection). Connecting proves the instance is up.
    /// </summary>
    /// <returns><see langword="default"/> when <paramref name="node"/> is <see langword="null"/> and no instance is in rotation outside <paramref name="exclude"/>.</returns>
    /// <exception cref="InstanceConnectException">The connection could not be opened (the instance is named).</exception>
    public async Task<T?> RunOnAsync<T>(
        InstanceNode? node, List<InstanceNode>? exclude, Func<InstanceNode, NpgsqlConnection, CancellationToken, Task<T>> query, CancellationToken cancellationToken)
    {
        await _pool.Leases.EnterAsync(null, cancellationToken).ConfigureAwait(false);
        Rental rental;
        try
        {
            rental = node is null
                ? await _pool.RentAsync(_nodes, balancer: null, exclude, cancellationToken).ConfigureAwait(false)
                : await _pool.RentOnAsync(node, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _pool.Leases.Exit();
            throw;
        }

        if (rental.Node is null)
        {
            _pool.Leases.Exit();
            return default;
        }

        if (rental.Node.MarkUp())
        {
            rental.Node.LastFailure = null;
            Log.InstanceUp(_logger, rental.Node.DisplayName);
        }

        var healthy = false;
        try
        {
            var result = await query(rental.Node, rental.Connection, cancellationToken).ConfigureAwait(false);
            healthy = true;
            return result;
        }
        finally
        {
            await _pool.ReleaseAsync(rental.Node, rental.Connection, discard: !healthy || rental.Connection.FullState != System.Data.ConnectionState.Open)
                .ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Makes <paramref name="desired"/> the rotation: instances already known keep their node (and
    /// connections), new ones join, the others leave and close their connections as they come back.
    /// </summary>
    public void Apply(IReadOnlyList<(PicoEndpoint Endpoint, string CertificateHost, InstanceIdentity Identity)> desired)
    {
        var joined = new List<InstanceNode>();
        List<InstanceNode> left;
        lock (_lock)
        {
            var current = _nodes;
            var next = new InstanceNode[desired.Count];
            for (var i = 0; i < desired.Count; i++)
            {
                var node = Array.Find(current, n => n.Endpoint == desired[i].Endpoint && n.CertificateHost == desired[i].CertificateHost);
                if (node is null)
                {
                    node = Create(desired[i].Endpoint, desired[i].CertificateHost);
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
    }

    /// <summary>Disposes the data sources of instances that left, once their last connection came back.</summary>
    public async Task ForgetRetiredAsync()
    {
        List<InstanceNode> idle;
        lock (_lock)
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

    /// <summary>What each known instance last failed with, for a message that no instance could be reached.</summary>
    public string DescribeFailures(string notTried) =>
        string.Join("; ", _nodes.Select(n => $"{n.DisplayName} ({n.LastFailure ?? notTried})"));

    private InstanceNode Create(PicoEndpoint endpoint, string certificateHost)
    {
        var node = _factory.Create(endpoint, certificateHost);
        _pool.Track(node);
        return node;
    }
}
