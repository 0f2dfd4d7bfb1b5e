namespace Picopyn.Testing.Front.Routing;

/// <summary>One instance's count of single-bucket statements: run where their bucket lives, or forwarded to its owner.</summary>
internal sealed class RoutingCounters
{
    private long _local;
    private long _forwarded;

    public long ServedLocally => Interlocked.Read(ref _local);

    public long Forwarded => Interlocked.Read(ref _forwarded);

    public void CountLocal() => Interlocked.Increment(ref _local);

    public void CountForwarded() => Interlocked.Increment(ref _forwarded);
}
