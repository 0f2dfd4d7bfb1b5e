namespace Picopyn.Generators.EndToEndTests;

/// <summary>The read/write decision made at build time reaches the runtime: reads retry elsewhere, writes do not.</summary>
public sealed class RetryTests
{
    [Fact]
    public async Task A_generated_read_whose_instance_dies_mid_call_runs_again_elsewhere()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        var victim = cluster[0];
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0], cluster[1]), GuardedCluster.PreferInstance(victim));
        await cluster.CreateNumbersAsync(client);
        var queries = ISlowQueries.Create(client);

        var read = queries.SlowReadAsync(victim.Uuid!);
        await cluster.KillOnceRunningAsync(victim, GuardedCluster.SlowCount);
        var row = await read;

        Assert.Equal(1L, row.Slow);
        Assert.NotEqual(victim.Uuid, row.Instance);
    }

    [Fact]
    public async Task A_generated_write_whose_instance_dies_mid_call_is_not_retried()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        await cluster.Cluster.ExecuteDdlAsync("CREATE TABLE writes (id bigint PRIMARY KEY, v bigint NOT NULL)");
        var victim = cluster[0];
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0], cluster[1]), GuardedCluster.PreferInstance(victim));
        await cluster.CreateNumbersAsync(client);
        var queries = ISlowQueries.Create(client);

        var write = queries.SlowWriteAsync(1, victim.Uuid!);
        await cluster.KillOnceRunningAsync(victim, "slow_write");
        var error = await Assert.ThrowsAsync<PicoQueryException>(() => write);

        Assert.True(error.MayHaveRun);
        Assert.Contains(victim.Name, error.Instance, StringComparison.Ordinal);
        foreach (var other in cluster.Instances.Skip(1))
        {
            Assert.DoesNotContain(await cluster.Cluster.ReadStatementLogAsync(other.Name), e => e.Text.Contains("slow_write", StringComparison.Ordinal));
        }
    }
}
