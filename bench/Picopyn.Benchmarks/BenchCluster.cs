using Npgsql;
using Picopyn.Testing;

namespace Picopyn.Benchmarks;

/// <summary>
/// The emulated clusters the suites of a run share: 3 instances (and 6 for the suite that puts the
/// cap below the instance count), catalogs hidden (as for the runtime tests), and a
/// <c>bench_rows</c> table of 10 000 rows of the benchmarks' 6-column row. Started on first use,
/// stopped by <see cref="StopAsync"/> when the run ends.
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
    private static readonly Dictionary<int, EmulatedPicodataCluster> Clusters = [];

    /// <summary>The run's cluster of <paramref name="instances"/> instances (3 unless a suite needs more), started and seeded on first use.</summary>
    public static async Task<EmulatedPicodataCluster> GetAsync(int instances = 3)
    {
        await Gate.WaitAsync();
        try
        {
            if (!Clusters.TryGetValue(instances, out var cluster))
            {
                cluster = await EmulatedPicodataCluster.StartNewAsync(
                    new EmulatedClusterOptions { InstanceCount = instances, HideCatalogs = true, MaxConnectionsPerInstance = 250 });
                await cluster.ExecuteDdlAsync(Ddl);
                await SeedAsync(cluster);
                Clusters[instances] = cluster;
            }

            return cluster;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task StopAsync()
    {
        foreach (var cluster in Clusters.Values)
        {
            await cluster.DisposeAsync();
        }

        Clusters.Clear();
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

    // In Picodata SQL through the front, as the measured code is: 500-row INSERTs with parameters (the front
    // refuses PostgreSQL's typed literals and set-returning functions, as Picodata does).
    private static async Task SeedAsync(EmulatedPicodataCluster cluster)
    {
        const int batch = 500;
        await using var dataSource = DataSource(cluster.Instances[0], prepared: false);
        for (var first = 1; first <= RowCount; first += batch)
        {
            var count = Math.Min(batch, RowCount - first + 1);
            var rows = string.Join(", ", Enumerable.Range(0, count).Select(i => $"(${(i * 6) + 1}, ${(i * 6) + 2}, ${(i * 6) + 3}, ${(i * 6) + 4}, ${(i * 6) + 5}, ${(i * 6) + 6})"));
            await using var command = dataSource.CreateCommand($"INSERT INTO bench_rows (id, name, note, score, active, created) VALUES {rows}");
            for (var id = first; id < first + count; id++)
            {
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = id });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"name {id}" });
                command.Parameters.Add(new NpgsqlParameter { Value = id % 3 == 0 ? DBNull.Value : $"a note about row {id}", NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
                command.Parameters.Add(new NpgsqlParameter<double> { TypedValue = id * 0.5 });
                command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = id % 2 == 0 });
                command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(id) });
            }

            await command.ExecuteNonQueryAsync();
        }
    }
}
