using Npgsql;
using Picopyn.Testing;

namespace Picopyn.Benchmarks;

/// <summary>
/// The one emulated cluster every suite of a run shares: 3 instances, catalogs hidden (as for the
/// runtime tests), and a <c>bench_rows</c> table of 10 000 rows of the benchmarks' 6-column row.
/// Started on first use, stopped by <see cref="StopAsync"/> when the run ends.
/// </summary>
public static class BenchCluster
{
    public const int RowCount = 10_000;

    public const string Ddl = """
        create table bench_rows (
            id integer primary key, name text not null, note text, score double not null, active boolean not null, created datetime not null
        ) distributed by (id)
        """;

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static EmulatedPicodataCluster? _cluster;

    public static async Task<EmulatedPicodataCluster> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_cluster is null)
            {
                var cluster = await EmulatedPicodataCluster.StartNewAsync(
                    new EmulatedClusterOptions { InstanceCount = 3, HideCatalogs = true, MaxConnectionsPerInstance = 250 });
                await cluster.ExecuteDdlAsync(Ddl);
                await SeedAsync(cluster);
                _cluster = cluster;
            }

            return _cluster;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task StopAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
            _cluster = null;
        }
    }

    /// <summary>Disposes what a suite set up, skipping what it never created.</summary>
    public static async Task DisposeAllAsync(params IAsyncDisposable?[] items)
    {
        foreach (var item in items)
        {
            if (item is not null)
            {
                await item.DisposeAsync();
            }
        }
    }

    /// <summary>An Npgsql data source for one instance with Picodata's settings; prepared or not.</summary>
    public static NpgsqlDataSource DataSource(IPicodataInstance instance, bool prepared, int maxPoolSize = 100)
    {
        var builder = PicodataNpgsqlSettings.CreateDataSourceBuilder(instance.ConnectionString);
        builder.ConnectionStringBuilder.MaxAutoPrepare = prepared ? PicodataNpgsqlSettings.DefaultMaxAutoPrepare : 0;
        builder.ConnectionStringBuilder.MaxPoolSize = maxPoolSize;
        return builder.Build();
    }

    // Emulation-only seeding (generate_series is PostgreSQL's): the measured code sends only Picodata SQL.
    private static async Task SeedAsync(EmulatedPicodataCluster cluster)
    {
        await using var dataSource = DataSource(cluster.Instances[0], prepared: false);
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO bench_rows (id, name, note, score, active, created)
            SELECT g, 'name ' || g, CASE WHEN g % 3 = 0 THEN NULL ELSE 'a note about row ' || g END, g * 0.5, g % 2 = 0,
                   timestamptz '2026-01-01 00:00:00+00' + g * interval '1 minute'
            FROM generate_series(1, {RowCount}) AS g
            """);
        await command.ExecuteNonQueryAsync();
    }
}
