using System.Collections.Concurrent;
using Xunit.Abstractions;

namespace Picopyn.Runtime.Tests;

/// <summary>
/// The pool at its cap, counted, never timed: statements per instance under saturation, connections
/// opened per statement, every instance served over a rotation period, the cap as the servers see it.
/// The rotation is stepped by the test (one placement step between equal batches), so the counts
/// depend on what the client does, not on how fast the machine is.
/// </summary>
public sealed class PoolSpreadTests(ITestOutputHelper output)
{
    private const int Callers = 16;
    // 256 statements a step: the spread measured over whole rotation cycles has stayed within 5 % of even (runs of
    // 2026-12-05 at 640 a step: at most 4.1 % off), far inside the 15 % and 25 % the tests allow.
    private const int ReadsPerCallerPerStep = 16;
    private static readonly TimeSpan HoldTime = TimeSpan.FromMilliseconds(2);

    /// <summary>What a saturated run did: statements per instance (in cluster order), the sessions that served them, the highest session count sampled.</summary>
    private sealed record Run(int[] Served, int SessionsUsed, long ConnectionsOpened, int MaxServerSessions, int Steps)
    {
        public int Statements => Served.Sum();

        public double Deviation(int instance) => (Served[instance] - (Statements / (double)Served.Length)) / (Statements / (double)Served.Length);
    }

    [Theory]
    [InlineData(3, 3, BalancingStrategy.RoundRobin)]
    [InlineData(3, 4, BalancingStrategy.RoundRobin)]
    [InlineData(3, 5, BalancingStrategy.RoundRobin)]
    [InlineData(3, 7, BalancingStrategy.RoundRobin)]
    [InlineData(3, 8, BalancingStrategy.RoundRobin)]
    [InlineData(3, 9, BalancingStrategy.RoundRobin)]
    [InlineData(3, 4, BalancingStrategy.Random)]
    [InlineData(3, 5, BalancingStrategy.Random)]
    public async Task At_or_above_the_instance_count_statements_per_instance_are_within_15_percent_of_even(int instances, int cap, BalancingStrategy strategy)
    {
        var run = await SaturateAsync(instances, cap, strategy);

        Assert.All(Enumerable.Range(0, instances), i => Assert.InRange(run.Deviation(i), -0.15, 0.15));
        AssertCapAndChurn(run, cap);
    }

    [Theory]
    [InlineData(3, 2)]
    [InlineData(6, 4)]
    public async Task Below_the_instance_count_every_instance_serves_over_a_rotation_period_and_nothing_churns(int instances, int cap)
    {
        var run = await SaturateAsync(instances, cap, BalancingStrategy.RoundRobin);

        // Over whole cycles each instance held a connection for the same number of steps.
        Assert.All(Enumerable.Range(0, instances), i => Assert.InRange(run.Deviation(i), -0.25, 0.25));
        AssertCapAndChurn(run, cap);
    }

    [Fact]
    public async Task Without_rotation_a_cap_below_the_instance_count_opens_no_connection_under_load()
    {
        await using var cluster = await GuardedCluster.StartAsync(6);
        await using var client = await PicoClient.ConnectAsync(
            cluster.Dsn(cluster[0]), new PicoClientOptions { MaxConnections = 4, RebalanceInterval = Timeout.InfiniteTimeSpan, AcquireTimeout = TimeSpan.FromMinutes(1) });
        var marker = $"steady_{Guid.NewGuid():N}";
        var opened = client.ConnectionsOpened;

        var served = new ConcurrentDictionary<string, int>();
        await ReadBatchAsync(client, served, marker, Callers * 4);

        Assert.Equal(opened, client.ConnectionsOpened);
        Assert.Equal(4, served.Count);
        Assert.Equal(4, await SessionsUsedAsync(cluster, marker));
    }

    [Fact]
    public async Task The_background_rotation_passes_the_connections_round_every_instance()
    {
        await using var cluster = await GuardedCluster.StartAsync(3);
        await using var client = await PicoClient.ConnectAsync(
            cluster.Dsn(cluster[0]), new PicoClientOptions { MaxConnections = 2, RebalanceInterval = TimeSpan.FromMilliseconds(20) });
        var served = new HashSet<string>();
        var maxOpen = 0;

        await Eventually.HoldsAsync(async () =>
        {
            served.UnionWith(await Reads.ServingUuidsAsync(client, 4));
            maxOpen = Math.Max(maxOpen, client.OpenConnections);
            return served.Count == 3;
        }, "every instance serves reads as the rotation moves the two connections");

        Assert.InRange(maxOpen, 1, 2);
    }

    [Fact]
    public async Task Killing_and_restarting_an_instance_under_load_with_the_rotation_running_fails_no_read()
    {
        await using var cluster = await GuardedCluster.StartAsync(3);
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0]), new PicoClientOptions
        {
            MaxConnections = 5,
            RebalanceInterval = TimeSpan.FromMilliseconds(20),
            ProbeBackoffInitial = TimeSpan.FromMilliseconds(50),
            ProbeBackoffMax = TimeSpan.FromMilliseconds(200),
            AcquireTimeout = TimeSpan.FromMinutes(1),
        });
        var victim = cluster[1];
        using var stop = new CancellationTokenSource();
        var maxOpen = 0;
        var served = new ConcurrentDictionary<string, int>();
        var failures = new ConcurrentQueue<Exception>();
        var readers = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var uuid = await client.FetchValueAsync<string>("SELECT pico_instance_uuid()");
                    served.AddOrUpdate(uuid!, 1, (_, n) => n + 1);
                    ServerSessions.InterlockedMax(ref maxOpen, client.OpenConnections);
                }
                catch (Exception exception)
                {
                    failures.Enqueue(exception);
                }
            }
        })).ToList();

        await Eventually.HoldsAsync(() => Task.FromResult(served.GetValueOrDefault(victim.Uuid) > 50), "the victim serves before it dies");
        await cluster.Cluster.KillInstanceAsync(victim.Name);
        await Eventually.HoldsAsync(() => Task.FromResult(!Reads.InstanceOn(client, victim).IsAvailable), "the client takes the victim out of rotation");
        var beforeRestart = served.GetValueOrDefault(victim.Uuid);
        await cluster.Cluster.StartInstanceAsync(victim.Name);
        await Eventually.HoldsAsync(() => Task.FromResult(served.GetValueOrDefault(victim.Uuid) > beforeRestart + 50), "the restarted victim serves again");
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        Assert.Empty(failures);
        Assert.InRange(maxOpen, 1, 5);
        Assert.Equal(0, client.ConnectionsInUse);
        await Eventually.HoldsAsync(async () => await ServerSessions.CountAsync(cluster) <= 5, "the servers hold no more sessions than the cap");
    }

    private void AssertCapAndChurn(Run run, int cap)
    {
        output.WriteLine(
            $"served {string.Join(" / ", run.Served)} ({string.Join(" / ", run.Served.Select(s => $"{100.0 * s / run.Statements:0.0}%"))}); " +
            $"{run.ConnectionsOpened} connection(s) opened over {run.Statements} statements and {run.Steps} steps; " +
            $"{run.SessionsUsed} server sessions served them; at most {run.MaxServerSessions} sessions at once");

        // Each placement step moves at most one connection; statements themselves open none.
        Assert.InRange(run.ConnectionsOpened, 0, run.Steps);
        Assert.InRange(run.SessionsUsed, 1, cap + run.Steps);
        Assert.InRange(run.MaxServerSessions, 1, cap);
    }

    // Warms the pool to the cap, then runs two full rotation cycles (one step between equal saturated batches).
    // The servers' sessions are sampled while statements run; the client's own count throughout.
    // (A moved connection is closed before its replacement opens, but a server may take a moment to
    // end the closed session's process: the next batch starts once the servers agree with the cap.)
    private static async Task<Run> SaturateAsync(int instances, int cap, BalancingStrategy strategy)
    {
        await using var cluster = await GuardedCluster.StartAsync(instances);
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0]), new PicoClientOptions
        {
            MaxConnections = cap,
            Balancing = strategy,
            RebalanceInterval = Timeout.InfiniteTimeSpan,
            AcquireTimeout = TimeSpan.FromMinutes(1),
        });
        var marker = $"spread_{Guid.NewGuid():N}";
        // Two whole rotation cycles; without a rotation (the cap divides evenly) two batches.
        var steps = cap % instances == 0 ? 2 : 2 * instances;
        var opened = client.ConnectionsOpened;
        var served = new ConcurrentDictionary<string, int>();
        var maxServerSessions = 0;
        var maxClientConnections = 0;
        using var stopClientSampling = new CancellationTokenSource();
        var clientSampler = Task.Run(async () =>
        {
            while (!stopClientSampling.IsCancellationRequested)
            {
                ServerSessions.InterlockedMax(ref maxClientConnections, client.OpenConnections);
                await Task.Delay(1); // a loop with no pause would take a core from the client under test
            }
        });

        for (var step = 0; step < steps; step++)
        {
            await Eventually.HoldsAsync(async () => await ServerSessions.CountAsync(cluster) <= cap, "the servers end the sessions the client closed");
            using var stopServerSampling = new CancellationTokenSource();
            var serverSampler = ServerSessions.SampleMaxAsync(cluster, stopServerSampling.Token);
            await ReadBatchAsync(client, served, marker, Callers * ReadsPerCallerPerStep);
            await stopServerSampling.CancelAsync();
            maxServerSessions = Math.Max(maxServerSessions, await serverSampler);
            await client.RebalanceOnceAsync();
        }

        await stopClientSampling.CancelAsync();
        await clientSampler;
        Assert.InRange(maxClientConnections, 1, cap);
        return new Run(
            cluster.Instances.Select(i => served.GetValueOrDefault(i.Uuid)).ToArray(),
            await SessionsUsedAsync(cluster, marker),
            client.ConnectionsOpened - opened,
            maxServerSessions,
            steps);
    }

    // Callers take a connection, run one statement on it and keep it for a moment, as an
    // application doing work between statements would: so that the counts measure where the pool
    // places connections, not how the OS schedules four PostgreSQL servers and the test on two cores.
    private static Task ReadBatchAsync(PicoClient client, ConcurrentDictionary<string, int> served, string marker, int reads)
    {
        var left = reads;
        return Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Decrement(ref left) >= 0)
            {
                await using var lease = await client.AcquireAsync();
                var uuid = await lease.FetchValueAsync<string>($"SELECT pico_instance_uuid() AS {marker}");
                served.AddOrUpdate(uuid!, 1, (_, n) => n + 1);
                await Task.Delay(HoldTime);
            }
        })));
    }

    // Server sessions (instance, backend) that ran a statement carrying the marker, from the servers' logs.
    private static async Task<int> SessionsUsedAsync(GuardedCluster cluster, string marker)
    {
        var sessions = 0;
        foreach (var instance in cluster.Instances)
        {
            var log = await cluster.Cluster.ReadStatementLogAsync(instance.Name);
            sessions += log.Where(e => e.Kind != StatementLogKind.Failed && e.Text.Contains(marker, StringComparison.Ordinal))
                .Select(e => e.ProcessId).Distinct().Count();
        }

        return sessions;
    }
}
