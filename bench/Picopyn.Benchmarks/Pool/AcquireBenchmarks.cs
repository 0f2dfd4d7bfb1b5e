using BenchmarkDotNet.Attributes;
using Npgsql;

namespace Picopyn.Benchmarks.Pool;

/// <summary>
/// The pool alone: taking a connection and giving it back, with nothing sent — Picopyn's
/// <see cref="PicoClient.AcquireAsync"/> and lease disposal against <see cref="NpgsqlDataSource"/>
/// open and close, both on one instance with warm pools.
/// </summary>
public class AcquireBenchmarks
{
    private NpgsqlDataSource? _dataSource;
    private PicoClient? _client;

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        var cluster = await BenchCluster.GetAsync();
        _dataSource = BenchCluster.DataSource(cluster.Instances[0], prepared: true, maxPoolSize: 4);
        _client = await PicoClient.ConnectAsync(cluster.BuildDsn([cluster.Instances[0]]), new PicoClientOptions { EnableDiscovery = false, MaxConnections = 4 });
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        await BenchCluster.DisposeAllAsync(_client, _dataSource);
    }

    [Benchmark(Baseline = true, Description = "NpgsqlDataSource open/close")]
    public async Task NpgsqlOpenClose()
    {
        await using var connection = await _dataSource!.OpenConnectionAsync();
    }

    [Benchmark(Description = "Picopyn acquire/release")]
    public async Task PicopynAcquireRelease()
    {
        await using var lease = await _client!.AcquireAsync();
    }
}
