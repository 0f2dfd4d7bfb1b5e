using BenchmarkDotNet.Attributes;
using Npgsql;

namespace Picopyn.Benchmarks.Mapping;

/// <summary>
/// Fetch 1, 100 and 10 000 rows into <see cref="BenchRow"/> records, each call taking a connection
/// from its stack's pool and returning it: the hand-written Npgsql reader (the baseline), Picopyn's
/// generated code, Dapper and Dapper.AOT, all against the same emulated instance. Prepared and
/// unprepared statements are measured apart (preparation alone is most of the spread between stacks):
/// <see cref="PreparedMappingBenchmarks"/> and <see cref="UnpreparedMappingBenchmarks"/>.
/// </summary>
public abstract class MappingBenchmarks
{
    private NpgsqlDataSource? _dataSource;
    private PicoClient? _client;
    private IBenchQueries? _queries;

    [Params(1, 100, 10_000)]
    public int Rows { get; set; }

    protected abstract bool Prepared { get; }

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        var cluster = await BenchCluster.GetAsync();
        var instance = cluster.Instances[0];
        _dataSource = BenchCluster.DataSource(instance, Prepared);

        // Picopyn on the same single instance (no discovery), so only the stack differs. It always
        // auto-prepares (PicodataNpgsqlSettings), which is why it runs in the prepared suite only.
        _client = await PicoClient.ConnectAsync(cluster.BuildDsn([instance]), new PicoClientOptions { EnableDiscovery = false, MaxConnections = 4 });
        _queries = IBenchQueries.Create(_client);
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        await BenchCluster.DisposeAllAsync(_client, _dataSource);
    }

    [Benchmark(Baseline = true, Description = "Npgsql by hand")]
    public async Task<List<BenchRow>> NpgsqlByHand()
    {
        await using var connection = await _dataSource!.OpenConnectionAsync();
        return await HandWritten.QueryAsync(connection, HandWritten.UpTo, Rows);
    }

    [Benchmark(Description = "Dapper")]
    public async Task<List<BenchRow>> Dapper()
    {
        await using var connection = await _dataSource!.OpenConnectionAsync();
        return await DapperQueries.UpToAsync(connection, Rows);
    }

    [Benchmark(Description = "Dapper.AOT")]
    public async Task<List<BenchRow>> DapperAot()
    {
        await using var connection = await _dataSource!.OpenConnectionAsync();
        return await DapperAotQueries.UpToAsync(connection, Rows);
    }

    // The same statement with every row read off the wire and thrown away undecoded: what the server and
    // the network cost alone, so that each stack's own (client-side) cost is its time minus this one.
    [Benchmark(Description = "(rows skipped: server + wire)")]
    public async Task<int> RowsSkipped()
    {
        await using var connection = await _dataSource!.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(HandWritten.UpTo, connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = Rows });
        return await command.ExecuteNonQueryAsync();
    }

    protected Task<List<BenchRow>> PicopynAsync() => _queries!.UpToAsync(Rows);
}

/// <summary>Prepared statements (Npgsql's auto-prepare) for every stack.</summary>
public class PreparedMappingBenchmarks : MappingBenchmarks
{
    protected override bool Prepared => true;

    [Benchmark(Description = "Picopyn generated")]
    public Task<List<BenchRow>> Picopyn() => PicopynAsync();
}

/// <summary>Unprepared statements: parsed by the server on every call.</summary>
public class UnpreparedMappingBenchmarks : MappingBenchmarks
{
    protected override bool Prepared => false;
}
