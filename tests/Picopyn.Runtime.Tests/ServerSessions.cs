namespace Picopyn.Runtime.Tests;

/// <summary>What the servers see of a client's connections: sessions of the application user, counted on every instance.</summary>
internal static class ServerSessions
{
    public static async Task<int> CountAsync(GuardedCluster cluster)
    {
        var total = 0;
        foreach (var instance in cluster.Instances)
        {
            if (instance.ProcessState == InstanceProcessState.Running)
            {
                total += await cluster.Cluster.CountSessionsAsync(instance.Name);
            }
        }

        return total;
    }

    /// <summary>Samples the sessions over all instances until <paramref name="stop"/> is cancelled; returns the highest count seen.</summary>
    /// <remarks>
    /// A sample is a superuser session on each instance: taken back to back they would take the CPU the client under
    /// test needs, so samples are a few milliseconds apart. A session over the cap lives as long as its connection
    /// does, many samples long.
    /// </remarks>
    public static Task<int> SampleMaxAsync(GuardedCluster cluster, CancellationToken stop) => Task.Run(async () =>
    {
        var max = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                max = Math.Max(max, await CountAsync(cluster));
                await Task.Delay(SamplePause, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Sampling ends.
            }
            catch (Exception exception) when (exception is EmulatedClusterException or Npgsql.NpgsqlException)
            {
                // An instance the test killed between the state check and the count: nothing to count there.
            }
        }

        return max;
    });

    private static readonly TimeSpan SamplePause = TimeSpan.FromMilliseconds(5);

    public static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
