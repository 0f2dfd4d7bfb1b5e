namespace Picopyn.Runtime.Tests;

/// <summary>
/// The command timeout, as docs/runtime.md's failure table has it: the connection is closed at once, a write is not
/// retried and may have run, a read is retried once — and only once, so a statement slow everywhere is not run on
/// every instance. Slowness is the front's latency on answers: the statement runs, its answer is held.
/// </summary>
public sealed class CommandTimeoutTests
{
    // Far beyond the 1 s command timeout: no answer can arrive in time, however fast or slow the machine.
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_write_that_times_out_is_not_retried_and_may_have_run()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        await cluster.Cluster.ExecuteDdlAsync("CREATE TABLE timed_writes (id bigint PRIMARY KEY, marker text NOT NULL)");
        var slow = cluster[0];
        var options = GuardedCluster.PreferInstance(slow);
        options.CommandTimeout = TimeSpan.FromSeconds(1);
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(), options);
        var marker = $"timed_{Guid.NewGuid():N}";
        await cluster.Cluster.SetLatencyAsync(slow.Name, Slow);
        var sql = $"INSERT INTO timed_writes (id, marker) VALUES (1, '{marker}')";

        var error = await Assert.ThrowsAsync<PicoQueryException>(() => client.ExecuteAsync(sql));
        await cluster.Cluster.SetLatencyAsync(slow.Name, TimeSpan.Zero);

        Assert.True(error.MayHaveRun);
        Assert.Contains("command timeout (1 s)", error.Message, StringComparison.Ordinal);
        Assert.Contains(slow.Name, error.Instance, StringComparison.Ordinal);
        Assert.Equal(sql, error.Sql);
        // It ran where it was sent, and only there: why the caller must not assume it did not happen.
        Assert.Equal([slow.Name], await cluster.RanOnAsync(marker));

        Assert.Equal(marker, await client.FetchValueAsync<string>("SELECT marker FROM timed_writes WHERE id = 1"));
    }

    [Fact]
    public async Task A_read_slow_everywhere_is_retried_once_then_fails()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(), new PicoClientOptions { CommandTimeout = TimeSpan.FromSeconds(1) });
        await Reads.ServingUuidsAsync(client, 3);
        foreach (var instance in cluster.Instances)
        {
            await cluster.Cluster.SetLatencyAsync(instance.Name, Slow);
        }

        var marker = $"slow_{Guid.NewGuid():N}";
        var error = await Assert.ThrowsAsync<PicoQueryException>(() => client.FetchValueAsync<long>($"SELECT 1 AS {marker}"));
        foreach (var instance in cluster.Instances)
        {
            await cluster.Cluster.SetLatencyAsync(instance.Name, TimeSpan.Zero);
        }

        Assert.Contains("command timeout", error.Message, StringComparison.Ordinal);
        var ranOn = await cluster.RanOnAsync(marker);

        // Sent twice, to two instances: the first try and one retry, never a third.
        Assert.Equal(2, ranOn.Count);
        Assert.Equal(2, ranOn.Distinct().Count());
    }
}
