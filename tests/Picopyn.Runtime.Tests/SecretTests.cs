using System.Diagnostics.Metrics;
using Picopyn.Diagnostics;

namespace Picopyn.Runtime.Tests;

public sealed class SecretTests
{
    [Fact]
    public async Task No_exception_message_ToString_or_log_line_ever_holds_the_password()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        var log = new CapturingLoggerFactory();
        var password = GuardedCluster.Password;
        var errors = new List<Exception>();
        async Task Collect(Func<Task> action) => errors.Add(await Assert.ThrowsAnyAsync<Exception>(action));
        PicoClientOptions Options(Action<PicoClientOptions>? configure = null)
        {
            // The short acquire timeout is for the one call that finds both connections leased. Nothing else may hold a
            // connection's slot: the slow rotation that moves connections between instances (two connections, three
            // instances) would, so it is off, and every other call finds a slot free however slow the machine.
            var options = new PicoClientOptions
            {
                LoggerFactory = log, MaxConnections = 2, AcquireTimeout = TimeSpan.FromMilliseconds(200), RebalanceInterval = Timeout.InfiniteTimeSpan,
            };
            configure?.Invoke(options);
            return options;
        }

        var dsn = cluster.Dsn(cluster[0]);
        Assert.Contains(password, dsn, StringComparison.Ordinal);

        // Configuration: malformed DSNs and options that carry the password.
        await Collect(() => PicoClient.ConnectAsync(dsn.Replace("/picodata", "/picodata?no_such_setting=1", StringComparison.Ordinal), Options()));
        await Collect(() => PicoClient.ConnectAsync(dsn.Replace(cluster[0].PgprotoAddress, "127.0.0.1:99999", StringComparison.Ordinal), Options()));
        await Collect(() => PicoClient.ConnectAsync($"Host=127.0.0.1;Password={password};Timeout=never", Options()));
        // Connection: a user the server rejects, with the right password (Picodata ignores the database name).
        await Collect(() => PicoClient.ConnectAsync(dsn.Replace($"//{cluster.Cluster.User}:", "//no_such_user:", StringComparison.Ordinal), Options()));

        await using (var client = await PicoClient.ConnectAsync(dsn, Options(o => o.InstanceSelector = c => c[0])))
        {
            await Collect(() => client.FetchAsync("SELECT no_such_column FROM _pico_tier"));
            await Collect(() => client.FetchValueAsync<string>("SELECT $1::text", [1.5f]));
            await using (var first = await client.AcquireAsync())
            await using (var second = await client.AcquireAsync())
            {
                await Collect(() => client.FetchValueAsync<long>("SELECT 1"));
            }

            await using (var lease = await client.AcquireAsync())
            {
                await cluster.Cluster.KillInstanceAsync(lease.Instance.Name!);
                await Collect(() => lease.ExecuteAsync("DELETE FROM nothing_here"));
            }

            foreach (var instance in cluster.Instances.Where(i => i.ProcessState == InstanceProcessState.Running))
            {
                await cluster.Cluster.KillInstanceAsync(instance.Name);
            }

            await Collect(() => client.FetchValueAsync<long>("SELECT 1"));
            await client.RefreshTopologyAsync();
        }

        await Collect(() => PicoClient.ConnectAsync($"Host=127.0.0.1:1;Password={password};Username=app", Options(o => o.EnableDiscovery = false)));

        Assert.Equal(
            [
                typeof(PicoConfigurationException), typeof(PicoConfigurationException), typeof(PicoConfigurationException),
                typeof(PicoConnectionException), typeof(PicoQueryException), typeof(PicoParameterException),
                typeof(PicoPoolTimeoutException), typeof(PicoQueryException), typeof(PicoNoInstanceAvailableException),
                typeof(PicoConnectionException),
            ],
            errors.Select(e => e.GetType()));
        Assert.All(errors, e => Assert.DoesNotContain(password, e.ToString(), StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.Event.Id == 1001);
        Assert.All(log.Lines, l => Assert.DoesNotContain(password, l.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_report_in_flight_connections_ejections_discovery_and_retries_per_instance()
    {
        await using var cluster = await GuardedCluster.StartAsync(2);
        var clientName = $"metrics-test-{Guid.NewGuid():N}";
        var measurements = new List<(string Instrument, long Value, string? Instance)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == PicoMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? instance = null;
            string? client = null;
            foreach (var tag in tags)
            {
                switch (tag.Key)
                {
                    case PicoMetrics.InstanceTag:
                        instance = tag.Value as string;
                        break;
                    case PicoMetrics.ClientTag:
                        client = tag.Value as string;
                        break;
                }
            }

            // The meter is process-wide: other tests' clients publish on it too.
            if (client != clientName)
            {
                return;
            }

            lock (measurements)
            {
                measurements.Add((instrument.Name, value, instance));
            }
        }

        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<int>((i, v, t, _) => Record(i, v, t));
        listener.Start();

        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0]), new PicoClientOptions { MaxConnections = 4, Name = clientName });
        Assert.Equal(clientName, client.Name);
        await using (await client.AcquireAsync())
        {
            listener.RecordObservableInstruments();
        }

        await cluster.Cluster.KillInstanceAsync(cluster[1].Name);
        for (var i = 0; i < 4; i++)
        {
            await client.FetchValueAsync<long>("SELECT 1");
        }

        List<(string Instrument, long Value, string? Instance)> seen;
        lock (measurements)
        {
            seen = [.. measurements];
        }

        Assert.Contains(seen, m => m.Instrument == "picopyn.instance.in_flight" && m.Value == 1);
        Assert.Equal(4, seen.Where(m => m.Instrument == "picopyn.instance.connections").Sum(m => m.Value));
        Assert.Contains(seen, m => m.Instrument == "picopyn.instance.ejections" && m.Instance!.StartsWith(cluster[1].Name, StringComparison.Ordinal));
        Assert.Contains(seen, m => m.Instrument == "picopyn.discovery.runs");
        // The first read sent to the killed instance finds a stale pooled connection and moves on.
        Assert.Contains(seen, m => m.Instrument == "picopyn.statement.retries" && m.Instance!.StartsWith(cluster[1].Name, StringComparison.Ordinal));
    }
}
