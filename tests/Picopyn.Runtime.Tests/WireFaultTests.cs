using System.Collections.Concurrent;
using Xunit.Abstractions;

namespace Picopyn.Runtime.Tests;

/// <summary>
/// Faults at the wire of one instance (the emulated cluster's Picodata front) under 64 concurrent callers:
/// a machine that stops answering, connections dropped under the client, an instance that is slow.
/// </summary>
public sealed class WireFaultTests(ITestOutputHelper output)
{
    private const int Callers = 64;

    [Fact]
    public async Task A_frozen_instance_times_out_leaves_rotation_its_reads_complete_elsewhere_and_it_returns_after_the_thaw()
    {
        using var turn = await HeavyLoad.AcquireAsync();
        await using var cluster = await GuardedCluster.StartAsync();
        var victim = cluster[1];
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(), new PicoClientOptions
        {
            MaxConnections = 24, CommandTimeout = TimeSpan.FromSeconds(2), ConnectTimeout = TimeSpan.FromSeconds(1),
            AcquireTimeout = TimeSpan.FromSeconds(60),
        });
        var answeredBy = new ConcurrentBag<(bool AfterFreeze, string Uuid)>();
        var frozen = false;
        var freezeNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var completed = 0;

        var callers = Enumerable.Range(0, Callers).Select(async _ =>
        {
            for (var i = 0; i < 20; i++)
            {
                var afterFreeze = Volatile.Read(ref frozen);
                answeredBy.Add((afterFreeze, (await client.FetchValueAsync<string>("SELECT pico_instance_uuid()"))!));
                if (Interlocked.Increment(ref completed) == 200)
                {
                    freezeNow.SetResult();
                }
            }
        }).ToList();
        await freezeNow.Task;
        await cluster.Cluster.FreezeInstanceAsync(victim.Name);
        Volatile.Write(ref frozen, true);
        await Task.WhenAll(callers); // every read succeeds: none is left waiting on the frozen instance

        output.WriteLine($"{answeredBy.Count} reads, {answeredBy.Count(a => a.AfterFreeze)} after the freeze; " +
            $"{answeredBy.Count(a => !a.AfterFreeze && a.Uuid == victim.Uuid)} answered by the victim before it");
        Assert.Equal(Callers * 20, answeredBy.Count);
        Assert.Contains(answeredBy, a => !a.AfterFreeze && a.Uuid == victim.Uuid);
        // A read that started after the freeze cannot have been answered by the frozen instance.
        Assert.DoesNotContain(answeredBy, a => a.AfterFreeze && a.Uuid == victim.Uuid);
        Assert.False(Reads.InstanceOn(client, victim).IsAvailable);

        await cluster.Cluster.ThawInstanceAsync(victim.Name);
        await Eventually.HoldsAsync(() => Task.FromResult(Reads.InstanceOn(client, victim).IsAvailable), "the thawed instance is back in rotation");

        Assert.Contains(victim.Uuid, await Reads.ServingUuidsAsync(client, 9));
    }

    [Fact]
    public async Task Connections_dropped_under_load_fail_no_read()
    {
        using var turn = await HeavyLoad.AcquireAsync();
        await using var cluster = await GuardedCluster.StartAsync();
        var victim = cluster[0];
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(), new PicoClientOptions { MaxConnections = 24, AcquireTimeout = TimeSpan.FromSeconds(60) });
        var completed = 0;
        var dropAt = Enumerable.Range(0, 3).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();

        var callers = Enumerable.Range(0, Callers).Select(async c =>
        {
            var correct = 0;
            for (var i = 0; i < 16; i++)
            {
                correct += await client.FetchValueAsync<long>("SELECT $1::bigint * 2", [(long)i]) == i * 2 ? 1 : 0;
                switch (Interlocked.Increment(ref completed))
                {
                    case 100: dropAt[0].SetResult(); break;
                    case 400: dropAt[1].SetResult(); break;
                    case 700: dropAt[2].SetResult(); break;
                }
            }

            return correct;
        }).ToList();
        foreach (var drop in dropAt)
        {
            await drop.Task;
            await cluster.Cluster.DropConnectionsAsync(victim.Name);
        }

        var correct = await Task.WhenAll(callers);

        Assert.Equal(Callers * 16, correct.Sum());
        // The instance itself is alive: once its probe connects it serves again.
        await Eventually.HoldsAsync(() => Task.FromResult(Reads.InstanceOn(client, victim).IsAvailable), "the instance is back in rotation");
        Assert.Contains(victim.Uuid, await Reads.ServingUuidsAsync(client, 9));
    }

    [Fact]
    public async Task Least_in_flight_moves_load_away_from_a_slow_instance()
    {
        using var turn = await HeavyLoad.AcquireAsync();
        await using var cluster = await GuardedCluster.StartAsync();
        var slow = cluster[2];
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(), new PicoClientOptions
        {
            Balancing = BalancingStrategy.LeastInFlight, MaxConnections = 48, AcquireTimeout = TimeSpan.FromSeconds(60),
        });
        await Reads.ServingUuidsAsync(client, 9);
        await cluster.Cluster.SetLatencyAsync(slow.Name, TimeSpan.FromMilliseconds(50));

        var answeredBy = new ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(async _ =>
        {
            for (var i = 0; i < 15; i++)
            {
                answeredBy.Add((await client.FetchValueAsync<string>("SELECT pico_instance_uuid()"))!);
            }
        }));

        // Round-robin would split them evenly; the slow instance's statements stay in flight longer, so it is picked
        // less: counted against each healthy instance in the same run, not against a fixed share.
        var answered = cluster.Instances.ToDictionary(i => i.Name, i => answeredBy.Count(u => u == i.Uuid));
        output.WriteLine($"reads answered: {string.Join(", ", answered.Select(a => $"{a.Key} {a.Value}"))}");
        Assert.Equal(Callers * 15, answered.Values.Sum());
        Assert.All(cluster.Instances.Where(i => i != slow), fast => Assert.True(
            2 * answered[slow.Name] < answered[fast.Name],
            $"the slow instance answered {answered[slow.Name]} reads, not under half of {fast.Name}'s {answered[fast.Name]}"));
        Assert.True(Reads.InstanceOn(client, slow).IsAvailable, "latency alone does not take an instance out of rotation");
    }

    [Fact]
    public async Task An_instance_refusing_new_connections_keeps_serving_on_its_open_ones()
    {
        await using var cluster = await GuardedCluster.StartAsync(1);
        var only = cluster[0];
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(), new PicoClientOptions { MaxConnections = 2 });
        await using var lease = await client.AcquireAsync();

        await cluster.Cluster.SetRefusingConnectionsAsync(only.Name, refusing: true);

        Assert.Equal(7L, await lease.FetchValueAsync<long>("SELECT 7"));
        await Assert.ThrowsAnyAsync<Npgsql.NpgsqlException>(async () =>
        {
            await using var connection = new Npgsql.NpgsqlConnection(only.ConnectionString);
            await connection.OpenAsync();
        });

        await cluster.Cluster.SetRefusingConnectionsAsync(only.Name, refusing: false);

        await using var connection = new Npgsql.NpgsqlConnection(only.ConnectionString);
        await connection.OpenAsync();
    }
}
