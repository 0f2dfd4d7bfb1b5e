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
        _cluster = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { InstanceCount = 1 });
        await _cluster.ExecuteDdlAsync("create table front_bench (id integer primary key, name text not null)");
        var instance = (EmulatedInstance)_cluster.Instances[0];
        _front = DataSource(instance.ConnectionString);
        _direct = DataSource(new NpgsqlConnectionStringBuilder(instance.ConnectionString) { Port = instance.Server.Port }.ConnectionString);
        await using var insert = _front.CreateCommand("insert into front_bench (id, name) values (1, 'one')");
        await insert.ExecuteNonQueryAsync();
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        await _front!.DisposeAsync();
        await _direct!.DisposeAsync();
        await _cluster!.DisposeAsync();
    }

    /// <summary>Which read: a one-row read of a user table (what the front's budget is set on), or <c>select 1</c>.</summary>
    [Params("table row", "select 1")]
    public string Read { get; set; } = "table row";

    [Benchmark(Baseline = true, Description = "PostgreSQL directly")]
    public Task<object?> Direct() => ReadAsync(_direct!);

    [Benchmark(Description = "through the Picodata front")]
    public Task<object?> ThroughFront() => ReadAsync(_front!);

    private async Task<object?> ReadAsync(NpgsqlDataSource source)
    {
        if (Read == "select 1")
        {
            // The smallest round trip (no storage behind it): where the front's share is the largest.
            await using var one = source.CreateCommand("select 1");
            return await one.ExecuteScalarAsync();
        }

        // A point read of a user table, as an application makes: the instance reads it from the storage.
        await using var command = source.CreateCommand("select name from front_bench where id = $1");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = 1 });
        return await command.ExecuteScalarAsync();
    }

    private static NpgsqlDataSource DataSource(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 10, AutoPrepareMinUsages = 1, MaxPoolSize = 4 };
        return Picopyn.PicodataNpgsqlSettings.CreateDataSourceBuilder(builder.ConnectionString).Build();
    }
}
