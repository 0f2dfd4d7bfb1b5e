using Npgsql;
using Picopyn.Topology;

namespace Picopyn.Pool;

// Handing connections to lease holders: an idle one where the balancer or the caller wants it,
// else a new one under the cap, opened where the placement plan wants it.
internal sealed partial class ConnectionPool
{
    /// <summary>
    /// A connection for the holder of a lease: an idle one on the instance <paramref name="balancer"/>
    /// picks (without one, or with no balancer — the client's own statements that any instance can
    /// answer — the least busy instance that has one), else a new one on the instance furthest below
    /// its share. Never moves a connection.
    /// </summary>
    /// <returns>A rental whose <see cref="Rental.Node"/> is <see langword="null"/> when no instance in rotation is left outside <paramref name="exclude"/>.</returns>
    /// <exception cref="InstanceConnectException">A new connection could not be opened.</exception>
    public ValueTask<Rental> RentAsync(InstanceNode[] nodes, Balancer? balancer, List<InstanceNode>? exclude, CancellationToken cancellationToken)
    {
        InstanceNode? target;
        NpgsqlConnection? evicted;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_closed, typeof(PicoClient));
            if ((balancer is null ? Balancer.LeastBusyIdle(nodes, exclude) : balancer.PickIdle(nodes, exclude)) is { } idle)
            {
                return new ValueTask<Rental>(new Rental(idle, idle.Idle.Take()));
            }

            target = _placement.MostWanted(nodes, MaxConnections, exclude);
            if (target is null)
            {
                return default;
            }

            evicted = ReserveLocked(target);
        }

        return OpenAsync(target, evicted, cancellationToken);
    }

    /// <summary>
    /// A connection on <paramref name="owner"/> for a routed statement: an idle one there, else a new one there when
    /// the placement plan gives it more than it holds; otherwise — its connections all busy at its share — what
    /// <see cref="RentAsync"/> gives, wherever balancing picks. Routing never opens a connection beyond an
    /// instance's share nor closes one elsewhere for it, so it changes the pool's placement no more than
    /// balancing does (docs/routing.md).
    /// </summary>
    /// <exception cref="InstanceConnectException">A new connection could not be opened.</exception>
    public ValueTask<Rental> RentRoutedAsync(
        InstanceNode owner, InstanceNode[] nodes, Balancer balancer, List<InstanceNode>? exclude, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_closed, typeof(PicoClient));
            if (owner.Idle.TryTake(out var idle))
            {
                return new ValueTask<Rental>(new Rental(owner, idle));
            }

            if (_open < MaxConnections && _placement.Wants(owner, nodes, MaxConnections))
            {
                return OpenAsync(owner, ReserveLocked(owner), cancellationToken);
            }
        }

        return RentAsync(nodes, balancer, exclude, cancellationToken);
    }

    /// <summary>
    /// A connection to <paramref name="node"/> for the holder of a lease: an idle one, else a new one
    /// (at the cap, in place of an idle connection elsewhere). For a user selector's choice and the
    /// client's own statements.
    /// </summary>
    /// <exception cref="InstanceConnectException">A new connection could not be opened.</exception>
    public ValueTask<Rental> RentOnAsync(InstanceNode node, CancellationToken cancellationToken)
    {
        NpgsqlConnection? evicted;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_closed, typeof(PicoClient));
            if (node.Idle.TryTake(out var idle))
            {
                return new ValueTask<Rental>(new Rental(node, idle));
            }

            evicted = ReserveLocked(node);
        }

        return OpenAsync(node, evicted, cancellationToken);
    }

    // Counts a connection about to be opened to the node; at the cap, takes an idle one elsewhere
    // to close in its place. At the cap every connection is held by another lease holder or idle,
    // and the caller holds a lease without a connection: so at the cap one is idle somewhere.
    private NpgsqlConnection? ReserveLocked(InstanceNode node)
    {
        NpgsqlConnection? evicted = null;
        if (_open >= MaxConnections && MostIdleExcept(node) is { } donor)
        {
            _open--;
            donor.OpenConnections--;
            evicted = donor.Idle.Take();
        }

        _open++;
        node.OpenConnections++;
        return evicted;
    }

    private InstanceNode? MostIdleExcept(InstanceNode excluded)
    {
        InstanceNode? best = null;
        foreach (var node in _knownNodes)
        {
            if (node != excluded && node.Idle.Count > 0 && (best is null || node.Idle.Count > best.Idle.Count))
            {
                best = node;
            }
        }

        return best;
    }

    private async ValueTask<Rental> OpenAsync(InstanceNode node, NpgsqlConnection? evicted, CancellationToken cancellationToken)
    {
        if (evicted is not null)
        {
            await DisposeQuietlyAsync(evicted).ConfigureAwait(false);
        }

        var connection = node.DataSource.CreateConnection();
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            lock (_lock)
            {
                _open--;
                node.OpenConnections--;

                // The connection closed to make room is owed a replacement now that nothing took its place.
                if (evicted is not null && !_closed)
                {
                    _owed++;
                }
            }

            if (evicted is not null)
            {
                _connectionsDropped();
            }

            await connection.DisposeAsync().ConfigureAwait(false);
            // Only a failure of the instance is wrapped: the caller cancelling or the client closing is not one.
            if (!FailureClassifier.IsInstanceFailure(exception, cancellationToken))
            {
                throw;
            }

            throw new InstanceConnectException(node, await Tls.TlsRejection.ExplainAsync(node, exception, cancellationToken).ConfigureAwait(false));
        }

        Interlocked.Increment(ref _opened);
        _connectionOpened(node);
        return new Rental(node, connection);
    }
}
