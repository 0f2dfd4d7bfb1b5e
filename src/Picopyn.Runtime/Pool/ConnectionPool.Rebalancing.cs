using Npgsql;
using Picopyn.Topology;

namespace Picopyn.Pool;

// Moving connections between instances: one step at a time, off the request path, under a lease
// like any statement, so that the cap and the lease invariant hold throughout.
internal sealed partial class ConnectionPool
{
    /// <summary>
    /// Takes one step toward the plan: moves one connection from the instance most above its share
    /// to the one most below it, or opens one (under the cap) for an instance the plan gives
    /// connections that holds none. When the placement already is the plan and
    /// <paramref name="rotate"/> is set, advances the plan's rotation by one and takes that step.
    /// </summary>
    /// <param name="nodes">The instances, in rotation or not, in discovery's order.</param>
    /// <param name="rotate">Whether to rotate the plan when there is nothing to correct.</param>
    /// <param name="wait">How long to wait for a busy instance to give up a connection.</param>
    /// <param name="cancellationToken">Stops waiting and opening.</param>
    /// <returns>Whether a connection moved or opened.</returns>
    /// <exception cref="InstanceConnectException">The connection to the receiving instance could not be opened.</exception>
    public async Task<bool> RebalanceOnceAsync(InstanceNode[] nodes, bool rotate, TimeSpan wait, CancellationToken cancellationToken)
    {
        (InstanceNode From, InstanceNode To)? move;
        InstanceNode? unserved = null;
        lock (_lock)
        {
            if (_closed)
            {
                return false;
            }

            move = _placement.NextMove(nodes, MaxConnections);
            if (move is null && _open < MaxConnections)
            {
                unserved = _placement.Unserved(nodes, MaxConnections);
            }

            if (move is null && unserved is null && rotate && ConnectionPlacement.Rotates(nodes, MaxConnections))
            {
                _placement.Advance();
                move = _placement.NextMove(nodes, MaxConnections);
            }
        }

        if (move is { } step)
        {
            return await MoveAsync(step.From, step.To, wait, cancellationToken).ConfigureAwait(false);
        }

        return unserved is not null && await FillAsync(unserved, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens a replacement for each connection that closed because it broke or its instance left,
    /// on the instance furthest below its share, while the cap allows: so that a dropped connection
    /// costs its instance its share only until the replacement opened, and no statement waits on it.
    /// </summary>
    /// <exception cref="InstanceConnectException">A replacement could not be opened (the rest stay owed).</exception>
    public async Task ReplaceDroppedAsync(InstanceNode[] nodes, CancellationToken cancellationToken)
    {
        while (true)
        {
            InstanceNode? target;
            lock (_lock)
            {
                target = _owed > 0 && !_closed && _open < MaxConnections ? _placement.MostWanted(nodes, MaxConnections, exclude: null) : null;
                if (target is null)
                {
                    _owed = 0;
                    return;
                }

                _owed--;
            }

            if (!await FillAsync(target, cancellationToken).ConfigureAwait(false))
            {
                // No lease free: statements are using every connection and will open what they need.
                return;
            }
        }
    }

    /// <summary>
    /// Opens one more connection to <paramref name="node"/> and keeps it idle, when a lease is free
    /// and the cap allows (warm-up, and an instance left without a connection).
    /// </summary>
    /// <exception cref="InstanceConnectException">The connection could not be opened.</exception>
    public async Task<bool> FillAsync(InstanceNode node, CancellationToken cancellationToken)
    {
        if (!Leases.TryEnter())
        {
            return false;
        }

        lock (_lock)
        {
            if (_closed || _open >= MaxConnections || !node.IsEligible)
            {
                Leases.Exit();
                return false;
            }

            _open++;
            node.OpenConnections++;
        }

        await OpenIdleAsync(node, cancellationToken).ConfigureAwait(false);
        return true;
    }

    // Closes one healthy connection of `from` and opens one to `to` in its place, holding a lease
    // throughout: the open count never passes the cap, and no statement is left without a connection.
    private async Task<bool> MoveAsync(InstanceNode from, InstanceNode to, TimeSpan wait, CancellationToken cancellationToken)
    {
        var connection = await SurrenderAsync(from, wait, cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return false;
        }

        bool moved;
        lock (_lock)
        {
            moved = !_closed && to.IsEligible;
            if (moved)
            {
                from.OpenConnections--;
                to.OpenConnections++;
            }
        }

        if (!moved)
        {
            await ReleaseAsync(from, connection, discard: false).ConfigureAwait(false);
            return false;
        }

        await DisposeQuietlyAsync(connection).ConfigureAwait(false);
        await OpenIdleAsync(to, cancellationToken).ConfigureAwait(false);
        return true;
    }

    // Opens the connection already counted to `node` and leaves it idle, giving back the lease the
    // caller holds for it — also when opening fails.
    private async Task OpenIdleAsync(InstanceNode node, CancellationToken cancellationToken)
    {
        Rental opened;
        try
        {
            opened = await OpenAsync(node, evicted: null, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leases.Exit();
            throw;
        }

        await ReleaseAsync(node, opened.Connection, discard: false).ConfigureAwait(false);
    }

    // A healthy connection of `node` and a lease with it: an idle one with a free lease, or else the
    // next one that comes back to the instance, with the lease of the statement that used it, so
    // that under saturation the move costs no statement a connection. Null when none came in time.
    private async Task<NpgsqlConnection?> SurrenderAsync(InstanceNode node, TimeSpan wait, CancellationToken cancellationToken)
    {
        var leased = Leases.TryEnter();
        TaskCompletionSource<NpgsqlConnection> waiter;
        lock (_lock)
        {
            if (leased && !_closed && node.IsEligible && node.Idle.TryTake(out var idle))
            {
                return idle;
            }

            waiter = new TaskCompletionSource<NpgsqlConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
            var canWait = !_closed && node.IsEligible && node.Surrender is null;
            if (canWait)
            {
                node.Surrender = waiter;
            }

            if (leased)
            {
                Leases.Exit();
            }

            if (!canWait)
            {
                return null;
            }
        }

        try
        {
            return await waiter.Task.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            lock (_lock)
            {
                if (node.Surrender == waiter)
                {
                    node.Surrender = null;
                    return null;
                }
            }

            // Whoever took the waiter off the instance completes it: with a connection handed over
            // meanwhile, or cancelled because the pool closed.
            try
            {
                return await waiter.Task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }
    }
}
