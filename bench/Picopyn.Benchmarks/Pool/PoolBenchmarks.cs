using BenchmarkDotNet.Attributes;
using Npgsql;
using Picopyn.Benchmarks.Mapping;

namespace Picopyn.Benchmarks.Pool;

/// <summary>
/// One-row queries from 1, 8 and 64 concurrent callers, each making <see cref="QueriesPerCaller"/>
/// queries (a row is one operation's time for all of them): a plain <see cref="NpgsqlDataSource"/> to one
/// instance (the baseline), Picopyn's client on that one instance, Npgsql's multi-host data source
/// load-balancing over 3 instances, and Picopyn's client balancing over the same 3.
/// Every stack may hold 64 connections in all; statements are prepared in each.
/// </summary>
public class PoolBenchmarks
{
    public const int QueriesPerCaller = 10;
    private NpgsqlDataSource? _single;
    private NpgsqlDataSource? _multiHost;
    private PicoClient? _client;
    private IBenchQueries? _queries;
    private PicoClient? _singleClient;
    private IBenchQueries? _singleQueries;

    [Params(1, 8, 64)]
    public int Callers { get; set; }

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        var cluster = await BenchCluster.GetAsync();
        _single = BenchCluster.DataSource(cluster.Instances[0], prepared: true, maxPoolSize: 64);

        // Npgsql's multi-host form ("host:port,host:port,..."): the pool size is per host, so 22 each is 66 in all.
        var builder = PicodataNpgsqlSettings.CreateDataSourceBuilder(cluster.Instances[0].ConnectionString);
        builder.ConnectionStringBuilder.Host = string.Join(',', cluster.Instances.Select(i => i.PgprotoAddress));
        builder.ConnectionStringBuilder.LoadBalanceHosts = true;
        builder.ConnectionStringBuilder.MaxPoolSize = 22;
        _multiHost = builder.BuildMultiHost();

        _client = await PicoClient.ConnectAsync(cluster.BuildDsn(), new PicoClientOptions { MaxConnections = 64 });
        _queries = IBenchQueries.Create(_client);

        // The same client on the baseline's one instance: its pool's cost alone, without spreading over three servers.
        _singleClient = await PicoClient.ConnectAsync(
            cluster.BuildDsn([cluster.Instances[0]]), new PicoClientOptions { EnableDiscovery = false, MaxConnections = 64 });
        _singleQueries = IBenchQueries.Create(_singleClient);
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        await BenchCluster.DisposeAllAsync(_client, _singleClient, _single, _multiHost);
    }

    [Benchmark(Baseline = true, Description = "NpgsqlDataSource, 1 instance")]
    public Task NpgsqlSingle() => ConcurrentlyAsync(id => FindAsync(_single!, id));

    [Benchmark(Description = "Picopyn client, 1 instance")]
    public Task PicopynSingle() => ConcurrentlyAsync(async id => await _singleQueries!.FindAsync(id));

    [Benchmark(Description = "Npgsql multi-host, 3 instances")]
    public Task NpgsqlMultiHost() => ConcurrentlyAsync(id => FindAsync(_multiHost!, id));

    [Benchmark(Description = "Picopyn client, 3 instances")]
    public Task Picopyn() => ConcurrentlyAsync(async id => await _queries!.FindAsync(id));

    private Task ConcurrentlyAsync(Func<long, Task> query) => ConcurrentlyAsync(Callers, query);

    /// <summary>Runs <see cref="QueriesPerCaller"/> queries from each of <paramref name="callers"/> concurrent callers.</summary>
    public static Task ConcurrentlyAsync(int callers, Func<long, Task> query) =>
        Task.WhenAll(Enumerable.Range(0, callers).Select(async caller =>
        {
            for (var i = 0; i < QueriesPerCaller; i++)
            {
                await query((((caller * QueriesPerCaller) + i) % BenchCluster.RowCount) + 1);
            }
        }));

    private static async Task FindAsync(NpgsqlDataSource dataSource, long id)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        _ = await HandWritten.QueryAsync(connection, HandWritten.Find, id);
    }
}
