using BenchmarkDotNet.Attributes;
using Picopyn.Testing;

namespace Picopyn.Benchmarks.Routing;

/// <summary>
/// Point reads and single-row writes by key over a 3-instance emulated cluster: sent to the owner of the key's
/// bucket (routed) against wherever balancing puts them (<b>baseline</b>), where two in three are forwarded by the
/// instance that receives them — one more hop and a second server's work, as on Picodata. Keys cycle over 300
/// rows; <see cref="Callers"/> statements run at once per operation, so the mean is a throughput's inverse.
/// </summary>
public class RoutedBenchmarks
{
    private const int Rows = 300;
    private EmulatedPicodataCluster? _cluster;
    private PicoClient? _routed;
    private PicoClient? _balanced;
    private long _next;

    /// <summary>Statements in flight at once.</summary>
    [Params(1, 8)]
    public int Callers { get; set; } = 1;

    /// <summary>What each statement is: a point read, or a single-row update.</summary>
    [Params("read", "write")]
    public string Statement { get; set; } = "read";

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _cluster = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { InstanceCount = 3 });
        await _cluster.ExecuteDdlAsync("create table routed_bench (id integer primary key, hits integer not null)");
        _routed = await PicoClient.ConnectAsync(_cluster.BuildDsn(), new PicoClientOptions { MaxConnections = 12 });
        _balanced = await PicoClient.ConnectAsync(_cluster.BuildDsn(), new PicoClientOptions { MaxConnections = 12, EnableRouting = false });
        for (var id = 1L; id <= Rows; id++)
        {
            await _routed.ExecuteAsync("insert into routed_bench values ($1, 0)", [id], PicoKey.Of(id));
        }
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        await _routed!.DisposeAsync();
        await _balanced!.DisposeAsync();
        await _cluster!.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "balanced (forwarded 2 in 3)")]
    public Task Balanced() => RunAsync(_balanced!);

    [Benchmark(Description = "routed to the owner")]
    public Task Routed() => RunAsync(_routed!);

    private Task RunAsync(PicoClient client)
    {
        if (Callers == 1)
        {
            return OneAsync(client);
        }

        var calls = new Task[Callers];
        for (var i = 0; i < calls.Length; i++)
        {
            calls[i] = OneAsync(client);
        }

        return Task.WhenAll(calls);
    }

    private Task OneAsync(PicoClient client)
    {
        var id = (Interlocked.Increment(ref _next) % Rows) + 1;
        return Statement == "read"
            ? client.FetchValueAsync<long>("select hits from routed_bench where id = $1", [id], PicoKey.Of(id))
            : client.ExecuteAsync("update routed_bench set hits = hits + 1 where id = $1", [id], PicoKey.Of(id));
    }
}
