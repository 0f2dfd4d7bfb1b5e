using BenchmarkDotNet.Attributes;
using Npgsql;
using Picopyn.Testing;
using Picopyn.Testing.Emulation;

namespace Picopyn.Benchmarks.Front;

/// <summary>
/// What the emulation's Picodata front (issue 18) adds to a round trip: a one-row read through the
/// front against the same read on the same instance's PostgreSQL directly (<b>baseline</b>), both
/// through a warm, prepared <see cref="NpgsqlDataSource"/>. The front parses every statement with
/// Picodata's grammar and relays the bytes.
/// </summary>
public class FrontOverheadBenchmarks
{
    private EmulatedPicodataCluster? _cluster;
    private NpgsqlDataSource? _direct;
    private NpgsqlDataSource? _front;

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _cluster = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { InstanceCount = 1, PicodataFront = true });
        var instance = (EmulatedInstance)_cluster.Instances[0];
        _front = DataSource(instance.ConnectionString);
        _direct = DataSource(new NpgsqlConnectionStringBuilder(instance.ConnectionString) { Port = instance.Server.Port }.ConnectionString);
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        await _front!.DisposeAsync();
        await _direct!.DisposeAsync();
        await _cluster!.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "one-row read, PostgreSQL directly")]
    public Task<object?> Direct() => ReadAsync(_direct!);

    [Benchmark(Description = "one-row read, through the Picodata front")]
    public Task<object?> ThroughFront() => ReadAsync(_front!);

    private static async Task<object?> ReadAsync(NpgsqlDataSource source)
    {
        // The smallest round trip (no storage behind it): where the front's share is the largest.
        await using var command = source.CreateCommand("select 1");
        return await command.ExecuteScalarAsync();
    }

    private static NpgsqlDataSource DataSource(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 10, AutoPrepareMinUsages = 1, MaxPoolSize = 4 };
        return Picopyn.PicodataNpgsqlSettings.CreateDataSourceBuilder(builder.ConnectionString).Build();
    }
}
