namespace Picopyn.Testing.Front;

/// <summary>
/// The faults a test puts on one instance's wire: latency added to every answer, and a freeze — the
/// machine stops: connections and bytes are still taken by the kernel, nothing is answered or passed on
/// until the thaw, when everything held goes on in order. Read on every relayed chunk, so the common
/// case (no fault) costs two field reads.
/// </summary>
internal sealed class WireFaults
{
    private static readonly Task Thawed = Task.CompletedTask;
    private readonly object _gate = new();
    private TaskCompletionSource? _freeze;
    private long _latencyTicks;

    /// <summary>What every answer waits before it goes to the client.</summary>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));
        set => Interlocked.Exchange(ref _latencyTicks, value.Ticks);
    }

    public bool IsFrozen => Volatile.Read(ref _freeze) is not null;

    public void Freeze()
    {
        lock (_gate)
        {
            _freeze ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Thaw()
    {
        TaskCompletionSource? freeze;
        lock (_gate)
        {
            freeze = _freeze;
            _freeze = null;
        }

        freeze?.SetResult();
    }

    /// <summary>Waits while the instance is frozen.</summary>
    public Task WhileFrozenAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _freeze) is { } freeze ? freeze.Task.WaitAsync(cancellationToken) : Thawed;

    /// <summary>Waits what an answer waits: the latency, then any freeze.</summary>
    public async ValueTask BeforeAnswerAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Read(ref _latencyTicks) is > 0 and var ticks)
        {
            await Task.Delay(TimeSpan.FromTicks(ticks), cancellationToken).ConfigureAwait(false);
        }

        await WhileFrozenAsync(cancellationToken).ConfigureAwait(false);
    }
}
