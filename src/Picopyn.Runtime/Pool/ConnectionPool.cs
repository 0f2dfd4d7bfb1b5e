using System.Data;
using Npgsql;

namespace Picopyn.Pool;

/// <summary>
/// The client's server connections, over all instances: at most <see cref="MaxConnections"/>
/// open at once, handed out under a lease.
/// </summary>
/// <remarks>
/// <para>
/// A lease is the right to hold one connection. Leases come from a semaphore whose asynchronous
/// waiters are served first-in first-out, with a timeout: no polling. Because every connection is
/// held under a lease, a lease holder that needs a new connection while the cap is reached is
/// sure to find an idle one on some other instance, and closes it to make room: the number of
/// open server connections never exceeds the cap, however the load moves between instances.
/// </para>
/// <para>
/// Npgsql's own pooling is off in every data source: this class is the pool, so that the cap
/// holds across instances and a connection to an instance that left can be closed at once.
/// </para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Reliability", "CA1001", Justification = "The semaphore never allocates a wait handle, and statements still running after the client is disposed must be able to release their lease.")]
internal sealed class ConnectionPool
{
    private readonly object _lock = new();
    private readonly SemaphoreSlim _leases;
    private readonly TimeSpan _acquireTimeout;
    private readonly CancellationToken _closing;
    private readonly HashSet<InstanceNode> _knownNodes = [];
    private int _open;
    private bool _closed;

    public ConnectionPool(int maxConnections, TimeSpan acquireTimeout, CancellationToken closing)
    {
        MaxConnections = maxConnections;
        _leases = new SemaphoreSlim(maxConnections, maxConnections);
        _acquireTimeout = acquireTimeout;
        _closing = closing;
    }

    public int MaxConnections { get; }

    /// <summary>Leases held right now.</summary>
    public int LeasesInUse => MaxConnections - _leases.CurrentCount;

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

    public int OpenConnectionsTo(InstanceNode node)
    {
        lock (_lock)
        {
            return node.OpenConnections;
        }
    }

    /// <summary>Waits, first come first served, for a lease.</summary>
    /// <exception cref="PicoPoolTimeoutException">None came free within the acquire timeout.</exception>
    /// <exception cref="ObjectDisposedException">The client was disposed while waiting.</exception>
    public async ValueTask EnterAsync(string? sql, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_closed, typeof(PicoClient));
        bool entered;
        if (cancellationToken.CanBeCanceled)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing);
            entered = await WaitAsync(linked.Token, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            entered = await WaitAsync(_closing, cancellationToken).ConfigureAwait(false);
        }

        if (!entered)
        {
            throw new PicoPoolTimeoutException(
                $"Timed out after {_acquireTimeout.TotalSeconds:0.###} s waiting for a free connection: all {MaxConnections} are in use.", sql);
        }
    }

    /// <summary>Gives a lease back.</summary>
    public void Exit() => _leases.Release();

    /// <summary>
    /// A connection for the holder of a lease, to <paramref name="preferred"/> when possible: an
    /// idle one, else a new one while under the cap. At the cap, an instance that already holds its
    /// fair share of connections yields to an idle connection on an instance that
    /// <paramref name="alternative"/> accepts, rather than closing one to open another (which
    /// would churn connections on every statement); otherwise an idle connection elsewhere is
    /// closed to make room, so that every instance gets its share.
    /// </summary>
    /// <param name="preferred">The instance the balancer picked.</param>
    /// <param name="alternative">Which other instances may serve instead; <see langword="null"/> when only <paramref name="preferred"/> will do.</param>
    /// <param name="fairShare">The connections each live instance is entitled to under the cap.</param>
    /// <param name="cancellationToken">Cancels opening a new connection.</param>
    public async ValueTask<(InstanceNode Node, NpgsqlConnection Connection)> RentAsync(
        InstanceNode preferred, Func<InstanceNode, bool>? alternative, int fairShare, CancellationToken cancellationToken)
    {
        NpgsqlConnection? evicted = null;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_closed, typeof(PicoClient));
            if (preferred.Idle.TryPop(out var idle))
            {
                return (preferred, idle);
            }

            if (_open >= MaxConnections)
            {
                if (alternative is not null && preferred.OpenConnections >= fairShare &&
                    MostIdle(n => n != preferred && alternative(n)) is { } donor)
                {
                    return (donor, donor.Idle.Pop());
                }

                evicted = TakeIdleLocked(MostIdle(n => n != preferred));
            }

            _open++;
            preferred.OpenConnections++;
        }

        if (evicted is not null)
        {
            await DisposeQuietlyAsync(evicted).ConfigureAwait(false);
        }

        var connection = preferred.DataSource.CreateConnection();
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return (preferred, connection);
        }
        catch
        {
            Forget(preferred);
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Opens one more connection to <paramref name="node"/> and keeps it idle, when the cap allows
    /// (warm-up at connect, before any lease is handed out).
    /// </summary>
    /// <returns><see langword="false"/> when the cap is reached.</returns>
    public async ValueTask<bool> OpenIdleAsync(InstanceNode node, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_closed, typeof(PicoClient));
            if (_open >= MaxConnections)
            {
                return false;
            }

            _open++;
            node.OpenConnections++;
        }

        var connection = node.DataSource.CreateConnection();
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Forget(node);
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await ReturnAsync(node, connection, discard: false).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Takes a connection back from a lease holder: kept idle when it is healthy and its instance is
    /// still in rotation, closed otherwise (<paramref name="discard"/>: broken, cancelled mid-statement).
    /// </summary>
    public async ValueTask ReturnAsync(InstanceNode node, NpgsqlConnection connection, bool discard)
    {
        lock (_lock)
        {
            if (!discard && !_closed && node.IsEligible && connection.FullState == ConnectionState.Open)
            {
                node.Idle.Push(connection);
                return;
            }

            _open--;
            node.OpenConnections--;
        }

        await DisposeQuietlyAsync(connection).ConfigureAwait(false);
    }

    /// <summary>Closes the idle connections of an instance that went down or left.</summary>
    public async ValueTask CloseIdleAsync(InstanceNode node)
    {
        NpgsqlConnection[] idle;
        lock (_lock)
        {
            idle = node.Idle.ToArray();
            node.Idle.Clear();
            _open -= idle.Length;
            node.OpenConnections -= idle.Length;
        }

        foreach (var connection in idle)
        {
            await DisposeQuietlyAsync(connection).ConfigureAwait(false);
        }
    }

    /// <summary>Refuses new leases and closes every idle connection; busy ones close as they come back.</summary>
    public async ValueTask CloseAsync(IEnumerable<InstanceNode> nodes)
    {
        lock (_lock)
        {
            _closed = true;
        }

        foreach (var node in nodes)
        {
            await CloseIdleAsync(node).ConfigureAwait(false);
        }
    }

    private async Task<bool> WaitAsync(CancellationToken token, CancellationToken callerToken)
    {
        try
        {
            return await _leases.WaitAsync(_acquireTimeout, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested && !callerToken.IsCancellationRequested)
        {
            throw new ObjectDisposedException(nameof(PicoClient), "The client was disposed while this call waited for a connection.");
        }
    }

    private void Forget(InstanceNode node)
    {
        lock (_lock)
        {
            _open--;
            node.OpenConnections--;
        }
    }

    // At the cap every connection is held by another lease holder or idle, and the caller holds a
    // lease without a connection: so at the cap at least one connection is idle somewhere.
    private InstanceNode? MostIdle(Func<InstanceNode, bool> accept)
    {
        InstanceNode? best = null;
        foreach (var node in _knownNodes)
        {
            if (node.Idle.Count > 0 && accept(node) && (best is null || node.Idle.Count > best.Idle.Count))
            {
                best = node;
            }
        }

        return best;
    }

    private NpgsqlConnection? TakeIdleLocked(InstanceNode? donor)
    {
        if (donor is null)
        {
            return null;
        }

        _open--;
        donor.OpenConnections--;
        return donor.Idle.Pop();
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
