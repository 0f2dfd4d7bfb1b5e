using System.Diagnostics.Metrics;

namespace Picopyn.Runtime.Tests;

/// <summary>Options docs/runtime.md describes, each shown by what the cluster (or the listener) observed.</summary>
public sealed class ClientOptionsTests
{
    [Fact]
    public async Task Warm_up_opens_that_many_connections_at_connect_by_default_the_cap()
    {
        await using var cluster = await GuardedCluster.StartAsync();

        // 0 opens only what discovery needs: the one connection it read the system tables through, kept in the pool.
        foreach (var (warmUp, expected) in new (int?, int)[] { (null, 6), (2, 2), (0, 1) })
        {
            await using (var client = await PicoClient.ConnectAsync(cluster.Dsn(), new PicoClientOptions { MaxConnections = 6, WarmUpConnections = warmUp }))
            {
                // Counted by the instances: the sessions the application user holds open once the connect returned.
                var sessions = 0;
                foreach (var instance in cluster.Instances)
                {
                    sessions += await cluster.Cluster.CountSessionsAsync(instance.Name);
                }

                Assert.Equal(expected, client.OpenConnections);
                Assert.Equal(expected, sessions);
            }

            await Eventually.HoldsAsync(
                async () => (await Task.WhenAll(cluster.Instances.Select(i => cluster.Cluster.CountSessionsAsync(i.Name)))).Sum() == 0,
                "the disposed client's sessions end");
        }
    }

    [Fact]
    public async Task Configure_data_source_adjusts_each_instance_and_Picodatas_settings_stand_after_it()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        var configured = new List<string>();
        var opened = 0;
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0]), new PicoClientOptions
        {
            MaxConnections = 3,
            ConfigureDataSource = builder =>
            {
                lock (configured)
                {
                    configured.Add($"{builder.ConnectionStringBuilder.Host}:{builder.ConnectionStringBuilder.Port}");
                }

                builder.UsePhysicalConnectionInitializer(_ => Interlocked.Increment(ref opened), _ =>
                {
                    Interlocked.Increment(ref opened);
                    return Task.CompletedTask;
                });
                // What Picodata cannot serve: type loading reads pg_type. The client re-applies its settings after the callback.
                builder.ConfigureTypeLoading(typeLoading => typeLoading.EnableTypeLoading(true));
            },
        });

        var servedBy = await Reads.ServingUuidsAsync(client, 6);

        Assert.Equal(cluster.Instances.Select(i => i.PgprotoAddress).Order(), configured.Order());
        Assert.Equal(3, servedBy.Count);
        Assert.Equal(client.OpenConnections, Volatile.Read(ref opened));
        // GuardedCluster's disposal fails the test if any instance received a catalog query.
    }

    [Fact]
    public async Task The_meter_comes_from_the_given_meter_factory()
    {
        await using var cluster = await GuardedCluster.StartAsync(1);
        using var factory = new RecordingMeterFactory();
        var fromFactory = new List<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == factory)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) => { lock (fromFactory) { fromFactory.Add(instrument.Name); } });
        listener.SetMeasurementEventCallback<long>((instrument, _, _, _) => { lock (fromFactory) { fromFactory.Add(instrument.Name); } });
        listener.SetMeasurementEventCallback<int>((instrument, _, _, _) => { lock (fromFactory) { fromFactory.Add(instrument.Name); } });
        listener.Start();

        await using (var client = await PicoClient.ConnectAsync(cluster.Dsn(), new PicoClientOptions { MeterFactory = factory }))
        {
            await client.FetchValueAsync<long>("SELECT 1");
        }

        Assert.Equal([PicoDiagnostics.MeterName], factory.Created);
        lock (fromFactory)
        {
            Assert.Contains("db.client.operation.duration", fromFactory);
        }
    }

    [Fact]
    public async Task The_health_probe_runs_the_given_statement_on_every_instance()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn());
        var marker = $"probe_{Guid.NewGuid():N}";

        var health = await client.CheckHealthAsync($"SELECT 1 AS {marker}");

        Assert.True(health.AllAnswered, string.Join("; ", health.Instances));
        foreach (var instance in cluster.Instances)
        {
            Assert.Single(await cluster.Cluster.ReadStatementLogAsync(instance.Name), e => e.Text == $"SELECT 1 AS {marker}");
        }

        // A probe the instances answer with an error: each says so, and none leaves rotation for it (it answered).
        var refused = await client.CheckHealthAsync($"SELECT no_such_column AS {marker} FROM _pico_tier");

        Assert.All(refused.Instances, i => Assert.False(i.Answered));
        Assert.All(refused.Instances, i => Assert.Contains("no_such_column", i.Failure, StringComparison.Ordinal));
        Assert.All(client.Instances, i => Assert.True(i.IsAvailable, $"{i} left rotation for a refused probe"));
    }

    private sealed class RecordingMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public List<string> Created { get; } = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
            lock (_meters)
            {
                _meters.Add(meter);
                Created.Add(options.Name);
            }

            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in _meters)
            {
                meter.Dispose();
            }
        }
    }
}
