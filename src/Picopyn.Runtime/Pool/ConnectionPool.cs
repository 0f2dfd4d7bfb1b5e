using System.Data;
using Npgsql;
using Picopyn.Topology;

namespace Picopyn.Pool;

/// <summary>
/// The client's server connections over all instances: at most <see cref="MaxConnections"/> open,
/// each held under a lease of <see cref="Leases"/>, placed over the instances as
/// <see cref="ConnectionPlacement"/> plans.
/// </summary>
/// <remarks>
/// <para>
/// A statement takes an idle connection, on the instance the balancer picks among those that have
/// one. It never closes a healthy connection to follow the balancer and never waits on opening a
/// connection while another one is idle: only when nothing is idle does it open one, under the cap,
/// on the instance furthest below its share. Moving connections between instances — to follow the
/// plan when the topology changed, or to rotate it — is the job of <see cref="RebalanceOnceAsync"/>,
/// which the client calls at a bounded rate off the request path.
/// </para>
/// <para>
/// Npgsql's own pooling is off in every data source: this class is the pool, so that the cap holds
/// across instances and a connection to an instance that left can be closed at once.
/// </para>
/// </remarks>
internal sealed partial class ConnectionPool
{
    private readonly object _lock = new();
    private readonly HashSet<InstanceNode> _knownNodes = [];
    private readonly ConnectionPlacement _placement = new();
    private readonly Action<InstanceNode> _connectionOpened;
    private readonly Action _connectionsDropped;
    private int _open;
    private int _owed;
    private long _returns;
    private long _opened;
    private bool _closed;

    /// <param name="leases">The leases; their count is the cap.</param>
    /// <param name="connectionOpened">Told of every connection opened (metrics).</param>
    /// <param name="connectionsDropped">
    /// Told when connections closed because they broke or their instance left, so that
    /// <see cref="ReplaceDroppedAsync"/> can open their replacements off the request path.
    /// </param>
    public ConnectionPool(LeaseGate leases, Action<InstanceNode> connectionOpened, Action connectionsDropped)
    {
        Leases = leases;
        _connectionOpened = connectionOpened;
        _connectionsDropped = connectionsDropped;
    }

    public LeaseGate Leases { get; }

    public int MaxConnections => Leases.Capacity;

    /// <summary>Server connections open right now, busy or idle.</summary>
    public int OpenConnections
    {
        get
        {
            lock (_lock)
            {
                return _open;
            }
        }
    }

    /// <summary>Server connections opened since the pool was made.</summary>
    public long ConnectionsOpened => Interlocked.Read(ref _opened);

    public int OpenConnectionsTo(InstanceNode node)
    {
        lock (_lock)
        {
            return node.OpenConnections;
        }
    }

    /// <summary>The instance in rotation furthest below its share: where the next new connection goes.</summary>
    public InstanceNode? MostWanted(InstanceNode[] nodes)
    {
        lock (_lock)
        {
            return _placement.MostWanted(nodes, MaxConnections, exclude: null);
        }
    }

    /// <summary>Takes a connection back and keeps the lease (a statement about to try another instance).</summary>
    public ValueTask ReturnAsync(InstanceNode node, NpgsqlConnection connection, bool discard)
    {
        lock (_lock)
        {
            if (IsKeepable(node, connection, discard))
            {
                node.Idle.Add(connection, ++_returns);
                return default;
            }

            DropLocked(node, 1);
        }

        _connectionsDropped();
        return DisposeQuietlyAsync(connection);
    }

    /// <summary>
    /// Takes a connection and its lease back: the connection stays idle when it is healthy and its
    /// instance in rotation (<paramref name="discard"/>: broken, cancelled mid-statement), or goes,
    /// with the lease, to a placement waiting to move one of its instance's connections.
    /// </summary>
    public ValueTask ReleaseAsync(InstanceNode node, NpgsqlConnection connection, bool discard)
    {
        TaskCompletionSource<NpgsqlConnection>? taker = null;
        var close = false;
        lock (_lock)
        {
            if (!IsKeepable(node, connection, discard))
            {
                DropLocked(node, 1);
                close = true;
            }
            else if (node.Surrender is null)
            {
                node.Idle.Add(connection, ++_returns);
            }
            else
            {
                (taker, node.Surrender) = (node.Surrender, null);
            }
        }

        // A waiter is completed only by the one who took it off its instance under the lock.
        if (taker is not null && taker.TrySetResult(connection))
        {
            return default;
        }

        Leases.Exit();
        if (!close)
        {
            return default;
        }

        _connectionsDropped();
        return DisposeQuietlyAsync(connection);
    }

    /// <summary>Closes the idle connections of an instance that went down or left.</summary>
    public async ValueTask CloseIdleAsync(InstanceNode node)
    {
        NpgsqlConnection[] idle;
        lock (_lock)
        {
            idle = node.Idle.TakeAll();
            DropLocked(node, idle.Length);
        }

        if (idle.Length > 0)
        {
            _connectionsDropped();
        }

        foreach (var connection in idle)
        {
            await DisposeQuietlyAsync(connection).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Closes the idle connections of the instances a failed connect knew and forgets them, owing no
    /// replacement: the next connect starts from an empty pool.
    /// </summary>
    public async ValueTask ForgetAsync(InstanceNode[] nodes)
    {
        foreach (var node in nodes)
        {
            await CloseIdleAsync(node).ConfigureAwait(false);
        }

        lock (_lock)
        {
            _knownNodes.RemoveWhere(node => node.OpenConnections == 0);
            _owed = 0;
        }
    }

    /// <summary>Refuses new rentals, stops waiting placements and closes every idle connection; busy ones close as they come back.</summary>
    public async ValueTask CloseAsync(IEnumerable<InstanceNode> nodes)
    {
        var waiters = new List<TaskCompletionSource<NpgsqlConnection>>();
        lock (_lock)
        {
            _closed = true;
            foreach (var node in _knownNodes)
            {
                if (node.Surrender is { } waiter)
                {
                    node.Surrender = null;
                    waiters.Add(waiter);
                }
            }
        }

        waiters.ForEach(waiter => waiter.TrySetCanceled());
        foreach (var node in nodes)
        {
            await CloseIdleAsync(node).ConfigureAwait(false);
        }
    }

    /// <summary>Registers an instance whose idle connections may be evicted for another's.</summary>
    public void Track(InstanceNode node)
    {
        lock (_lock)
        {
            _knownNodes.Add(node);
        }
    }

    /// <summary>Forgets an instance that left once it holds no connection.</summary>
    public void Untrack(InstanceNode node)
    {
        lock (_lock)
        {
            if (node.OpenConnections == 0)
            {
                _knownNodes.Remove(node);
            }
        }
    }

    // Counts connections closed for good; while the pool is open, each is owed a replacement.
    private void DropLocked(InstanceNode node, int count)
    {
        _open -= count;
        node.OpenConnections -= count;
        if (!_closed)
        {
            _owed += count;
        }
    }

    private bool IsKeepable(InstanceNode node, NpgsqlConnection connection, bool discard) =>
        !discard && !_closed && node.IsEligible && connection.FullState == ConnectionState.Open;

    private static async ValueTask DisposeQuietlyAsync(NpgsqlConnection connection)
    {
        try
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is NpgsqlException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // Closing a connection to a dead server can fail; it is closed either way.
        }
    }
}
