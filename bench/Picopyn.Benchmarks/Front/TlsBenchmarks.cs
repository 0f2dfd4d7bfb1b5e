using BenchmarkDotNet.Attributes;
using Npgsql;
using Picopyn.Testing;

namespace Picopyn.Benchmarks.Front;

/// <summary>
/// What TLS costs a client (issue 22): a warm, prepared one-row read, and opening a connection (startup and
/// authentication; with TLS also the handshake), on a one-instance cluster with TLS on (<c>verify-full</c>) against
/// the same on a cluster without it (<b>baseline</b>), both through the Picodata front, same run.
/// </summary>
public class TlsBenchmarks
{
    private EmulatedPicodataCluster? _plain;
    private EmulatedPicodataCluster? _tls;
    private NpgsqlDataSource? _plainSource;
    private NpgsqlDataSource? _tlsSource;
    private NpgsqlDataSource? _plainUnpooled;
    private NpgsqlDataSource? _tlsUnpooled;

    /// <summary>What is measured: a read on a warm pooled connection, or opening a connection and closing it.</summary>
    [Params("warm read", "connection open")]
    public string Operation { get; set; } = "warm read";

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _plain = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { InstanceCount = 1 });
        _tls = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { InstanceCount = 1, Tls = true });
        foreach (var cluster in new[] { _plain, _tls })
        {
            await cluster.ExecuteDdlAsync("create table tls_bench (id integer primary key, name text not null)");
        }

        _plainSource = DataSource(_plain.Instances[0].ConnectionString, pooled: true);
        _tlsSource = DataSource(_tls.Instances[0].ConnectionString, pooled: true);
        _plainUnpooled = DataSource(_plain.Instances[0].ConnectionString, pooled: false);
        _tlsUnpooled = DataSource(_tls.Instances[0].ConnectionString, pooled: false);
        foreach (var source in new[] { _plainSource, _tlsSource })
        {
            await using var insert = source.CreateCommand("insert into tls_bench (id, name) values (1, 'one')");
            await insert.ExecuteNonQueryAsync();
        }
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        foreach (var source in new[] { _plainSource, _tlsSource, _plainUnpooled, _tlsUnpooled })
        {
            await source!.DisposeAsync();
        }

        await _plain!.DisposeAsync();
        await _tls!.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "plaintext")]
    public Task<object?> Plaintext() => RunAsync(_plainSource!, _plainUnpooled!);

    [Benchmark(Description = "TLS, verify-full")]
    public Task<object?> Tls() => RunAsync(_tlsSource!, _tlsUnpooled!);

    private async Task<object?> RunAsync(NpgsqlDataSource pooled, NpgsqlDataSource unpooled)
    {
        if (Operation == "connection open")
        {
            await using var connection = await unpooled.OpenConnectionAsync();
            return connection.ProcessID;
        }

        await using var command = pooled.CreateCommand("select name from tls_bench where id = $1");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = 1 });
        return await command.ExecuteScalarAsync();
    }

    private static NpgsqlDataSource DataSource(string connectionString, bool pooled)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 10, AutoPrepareMinUsages = 1, MaxPoolSize = 4, Pooling = pooled };
        return PicodataNpgsqlSettings.CreateDataSourceBuilder(builder.ConnectionString).Build();
    }
}
