namespace Picopyn.Pool;

/// <summary>
/// The right to hold one server connection: <see cref="Capacity"/> leases, handed out first come
/// first served, with a timeout, without polling.
/// </summary>
/// <remarks>
/// Every connection the pool hands out is held under a lease, and the pool never holds more
/// connections than there are leases. So a caller holding a lease without a connection is sure to
/// find an idle connection somewhere or room to open one: it never waits on another caller.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Reliability", "CA1001", Justification = "The semaphore never allocates a wait handle, and statements still running after the client is disposed must be able to release their lease.")]
internal sealed class LeaseGate
{
    private readonly SemaphoreSlim _leases;
    private readonly TimeSpan _acquireTimeout;
    private readonly CancellationToken _closing;

    public LeaseGate(int capacity, TimeSpan acquireTimeout, CancellationToken closing)
    {
        Capacity = capacity;
        _leases = new SemaphoreSlim(capacity, capacity);
        _acquireTimeout = acquireTimeout;
        _closing = closing;
    }

    /// <summary>How many leases exist: the connection cap.</summary>
    public int Capacity { get; }

    /// <summary>Leases held right now.</summary>
    public int InUse => Capacity - _leases.CurrentCount;

    /// <summary>Waits, first come first served, for a lease.</summary>
    /// <exception cref="PicoPoolTimeoutException">None came free within the acquire timeout.</exception>
    /// <exception cref="ObjectDisposedException">The client was disposed before or while waiting.</exception>
    public ValueTask EnterAsync(string? sql, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_closing.IsCancellationRequested, typeof(PicoClient));

        // The common case, a free lease, completes here without allocating.
        return _leases.Wait(0, CancellationToken.None) ? default : WaitAsync(sql, cancellationToken);
    }

    /// <summary>Takes a lease only if one is free now.</summary>
    public bool TryEnter() => !_closing.IsCancellationRequested && _leases.Wait(0, CancellationToken.None);

    /// <summary>Gives a lease back.</summary>
    public void Exit() => _leases.Release();

    private async ValueTask WaitAsync(string? sql, CancellationToken cancellationToken)
    {
        bool entered;
        try
        {
            if (cancellationToken.CanBeCanceled)
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing);
                entered = await _leases.WaitAsync(_acquireTimeout, linked.Token).ConfigureAwait(false);
            }
            else
            {
                entered = await _leases.WaitAsync(_acquireTimeout, _closing).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ObjectDisposedException(nameof(PicoClient), "The client was disposed while this call waited for a connection.");
        }

        if (!entered)
        {
            throw new PicoPoolTimeoutException(
                $"Timed out after {_acquireTimeout.TotalSeconds:0.###} s waiting for a free connection: all {Capacity} are in use.", sql);
        }
    }
}
