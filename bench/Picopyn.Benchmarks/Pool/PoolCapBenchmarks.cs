using BenchmarkDotNet.Attributes;
using Picopyn.Benchmarks.Mapping;

namespace Picopyn.Benchmarks.Pool;

/// <summary>
/// The pool at a cap below the instance count: Picopyn's client over 6 instances with
/// <c>MaxConnections</c> 4 against the same client with 6 (one connection per instance, the
/// baseline), one-row queries from 16 and 64 concurrent callers, 10 each. Before the placement
/// plan, a cap below the count closed and reopened connections on nearly every statement.
/// </summary>
public class PoolCapBenchmarks
{
    public const int Instances = 6;
    private PicoClient? _atCount;
    private IBenchQueries? _atCountQueries;
    private PicoClient? _belowCount;
    private IBenchQueries? _belowCountQueries;

    [Params(16, 64)]
    public int Callers { get; set; }

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        var cluster = await BenchCluster.GetAsync(Instances);
        _atCount = await PicoClient.ConnectAsync(cluster.BuildDsn(), new PicoClientOptions { MaxConnections = Instances, AcquireTimeout = TimeSpan.FromMinutes(1) });
        _atCountQueries = IBenchQueries.Create(_atCount);
        _belowCount = await PicoClient.ConnectAsync(cluster.BuildDsn(), new PicoClientOptions { MaxConnections = 4, AcquireTimeout = TimeSpan.FromMinutes(1) });
        _belowCountQueries = IBenchQueries.Create(_belowCount);
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        await BenchCluster.DisposeAllAsync(_atCount, _belowCount);
    }

    [Benchmark(Baseline = true, Description = "cap 6 = 6 instances")]
    public Task AtInstanceCount() => PoolBenchmarks.ConcurrentlyAsync(Callers, async id => await _atCountQueries!.FindAsync(id));

    [Benchmark(Description = "cap 4 < 6 instances")]
    public Task BelowInstanceCount() => PoolBenchmarks.ConcurrentlyAsync(Callers, async id => await _belowCountQueries!.FindAsync(id));
}
