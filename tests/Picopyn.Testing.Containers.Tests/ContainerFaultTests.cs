using System.Collections.Concurrent;
using Picopyn.Runtime.Tests;
using Xunit.Abstractions;

namespace Picopyn.Testing.Containers.Tests;

/// <summary>
/// Faults no process signal shows, on a cluster of emulated-image containers, under 64 concurrent callers: a paused
/// container (a frozen machine) and a partition (the instance alive and Online to its peers, unreachable to the client).
/// Reads must all succeed elsewhere; a write is acknowledged (and then present), or fails saying it did not run (and is
/// then absent), or fails saying it may have run (flagged) — never lost in silence; the instance is back in rotation
/// after the fault is healed. On the contract's cluster, whole again after each test (a cluster of containers takes
/// tens of seconds to start); each test writes its own table.
/// </summary>
[Collection(SharedContainerCluster.Name)]
public sealed class ContainerFaultTests(ContainerClusterFixture fixture, ITestOutputHelper output)
{
    private const int Callers = 64;
    private const int OperationsPerCaller = 20;

    [SkippableFact]
    public Task A_paused_instance_loses_no_read_and_no_acknowledged_write_and_returns_after_the_unpause() =>
        UnderLoadAsync(
            (cluster, victim) => cluster.FreezeInstanceAsync(victim.Name),
            (cluster, victim) => cluster.ThawInstanceAsync(victim.Name));

    [SkippableFact]
    public Task A_partitioned_instance_loses_no_read_and_no_acknowledged_write_and_returns_after_the_reconnect() =>
        UnderLoadAsync(
            (cluster, victim) => cluster.DisconnectInstanceAsync(victim.Name),
            (cluster, victim) => cluster.ReconnectInstanceAsync(victim.Name));

    private async Task UnderLoadAsync(
        Func<PicodataContainerCluster, IPicodataInstance, Task> fault, Func<PicodataContainerCluster, IPicodataInstance, Task> heal)
    {
        var cluster = fixture.Cluster;
        using var turn = await HeavyLoad.AcquireAsync();
        var table = $"fault_rows_{Guid.NewGuid():N}";
        await cluster.ExecuteDdlAsync($"CREATE TABLE {table} (id INTEGER NOT NULL, caller INTEGER NOT NULL, PRIMARY KEY (id)) DISTRIBUTED BY (id)");
        var victim = cluster.Instances[1];
        await using var client = await PicoClient.ConnectAsync(cluster.BuildDsn(), new PicoClientOptions
        {
            AddressTranslator = cluster.AddressTranslator.AsOption(),
            MaxConnections = 24,
            // Wider than the in-process fault tests' 2 s / 1 s: every byte here passes Docker's userland proxy, and on a
            // two-core machine three containers under 64 callers can take more than a second to open a session.
            CommandTimeout = TimeSpan.FromSeconds(5),
            ConnectTimeout = TimeSpan.FromSeconds(3),
            AcquireTimeout = TimeSpan.FromSeconds(60),
        });

        // The victim must be serving when the fault comes, or the test shows nothing about it.
        await Eventually.HoldsAsync(
            async () => await client.FetchValueAsync<string>("SELECT pico_instance_uuid()") == victim.Uuid,
            $"{victim.Name} answers a read; the client sees {string.Join(", ", client.Instances)}");

        var reads = new ConcurrentBag<(bool AfterFault, string Uuid)>();
        var victimAnswered = 0;
        var acknowledged = new ConcurrentBag<int>();
        var startedAfterFault = 0;
        var acknowledgedAfterFault = 0;
        var notRun = new ConcurrentBag<int>();
        var unknown = new ConcurrentBag<int>();
        var faulted = false;
        var faultNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var completed = 0;

        var callers = Enumerable.Range(0, Callers).Select(async caller =>
        {
            for (var i = 0; i < OperationsPerCaller; i++)
            {
                if (i % 2 == 0)
                {
                    var afterFault = Volatile.Read(ref faulted);
                    var uuid = (await client.FetchValueAsync<string>("SELECT pico_instance_uuid()"))!;
                    reads.Add((afterFault, uuid));
                    if (uuid == victim.Uuid)
                    {
                        Interlocked.Increment(ref victimAnswered);
                    }
                }
                else
                {
                    var id = (caller * OperationsPerCaller) + i;
                    var afterFault = Volatile.Read(ref faulted);
                    if (afterFault)
                    {
                        Interlocked.Increment(ref startedAfterFault);
                    }

                    try
                    {
                        await client.ExecuteAsync($"INSERT INTO {table} (id, caller) VALUES ($1, $2)", [id, caller]);
                        acknowledged.Add(id);
                        if (afterFault)
                        {
                            Interlocked.Increment(ref acknowledgedAfterFault);
                        }
                    }
                    catch (PicoQueryException exception) when (exception.MayHaveRun)
                    {
                        unknown.Add(id);
                    }
                    catch (PicoException)
                    {
                        notRun.Add(id);
                    }
                }

                // The fault comes a third of the way in, once the victim has answered under this load.
                if (Interlocked.Increment(ref completed) >= Callers * 3 && Volatile.Read(ref victimAnswered) > 0)
                {
                    faultNow.TrySetResult();
                }
            }
        }).ToList();
        await Task.WhenAny(faultNow.Task, Task.WhenAll(callers));
        Assert.True(faultNow.Task.IsCompleted, $"{victim.Name} answered none of the {completed} operations: the fault would show nothing");
        await fault(cluster, victim);
        Volatile.Write(ref faulted, true);
        await Task.WhenAll(callers); // every read returns: none is left waiting on the unreachable instance

        var present = (await client.FetchAsync($"SELECT id FROM {table}")).Select(r => r.Get<int>(0)).ToHashSet();
        output.WriteLine(
            $"{reads.Count} reads ({reads.Count(r => r.AfterFault)} after the fault, {reads.Count(r => !r.AfterFault && r.Uuid == victim.Uuid)} answered by the victim before it); " +
            $"writes: {acknowledged.Count} acknowledged, {unknown.Count} may have run ({unknown.Count(present.Contains)} of them present), {notRun.Count} did not run");

        Assert.Equal(Callers * OperationsPerCaller / 2, reads.Count);
        Assert.Contains(reads, r => !r.AfterFault && r.Uuid == victim.Uuid);
        // A read that started after the fault cannot have been answered by the unreachable instance.
        Assert.DoesNotContain(reads, r => r.AfterFault && r.Uuid == victim.Uuid);
        Assert.Equal(Callers * OperationsPerCaller / 2, acknowledged.Count + unknown.Count + notRun.Count);
        // Writes go on through the fault: most are acknowledged, and so are those that start after it (on the healthy instances).
        Assert.True(acknowledged.Count >= Callers * OperationsPerCaller / 4, $"only {acknowledged.Count} of {Callers * OperationsPerCaller / 2} writes were acknowledged");
        Assert.True(startedAfterFault == 0 || acknowledgedAfterFault > 0, $"none of the {startedAfterFault} writes that started after the fault was acknowledged");
        Assert.All(acknowledged, id => Assert.Contains(id, present));
        Assert.All(notRun, id => Assert.DoesNotContain(id, present));
        Assert.False(Reads.InstanceOn(client, victim).IsAvailable, "the unreachable instance is out of rotation");

        await heal(cluster, victim);
        await Eventually.HoldsAsync(() => Task.FromResult(Reads.InstanceOn(client, victim).IsAvailable), "the healed instance is back in rotation");
        Assert.Contains(victim.Uuid, await Reads.ServingUuidsAsync(client, 9));
    }
}
