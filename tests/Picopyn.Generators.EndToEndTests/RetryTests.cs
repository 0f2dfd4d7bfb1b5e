namespace Picopyn.Generators.EndToEndTests;

/// <summary>The read/write decision made at build time reaches the runtime: reads retry elsewhere, writes do not.</summary>
public sealed class RetryTests
{
    private static PicoClientOptions PreferInstance(IPicodataInstance preferred) => new()
    {
        InstanceSelector = candidates => candidates.FirstOrDefault(c => c.Uuid == preferred.Uuid) ?? candidates[0],
        CommandTimeout = TimeSpan.FromMinutes(2),
    };

    private static async Task KillOnceRunningAsync(GuardedCluster cluster, IPicodataInstance victim, string marker)
    {
        // Observe the statement arrive in the victim's log, then kill the instance mid-statement.
        await Eventually.HoldsAsync(
            async () => (await cluster.Cluster.ReadStatementLogAsync(victim.Name)).Any(e => e.Text.Contains(marker, StringComparison.Ordinal)),
            "the statement reaches the victim");
        await cluster.Cluster.KillInstanceAsync(victim.Name);
    }

    [Fact]
    public async Task A_generated_read_whose_instance_dies_mid_call_runs_again_elsewhere()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        var victim = cluster[0];
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0], cluster[1]), PreferInstance(victim));
        var queries = ISlowQueries.Create(client);

        var read = queries.SlowReadAsync(victim.Uuid!);
        await KillOnceRunningAsync(cluster, victim, "generate_series");
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
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0], cluster[1]), PreferInstance(victim));
        var queries = ISlowQueries.Create(client);

        var write = queries.SlowWriteAsync(1, victim.Uuid!);
        await KillOnceRunningAsync(cluster, victim, "slow_write");
        var error = await Assert.ThrowsAsync<PicoQueryException>(() => write);

        Assert.True(error.MayHaveRun);
        Assert.Contains(victim.Name, error.Instance, StringComparison.Ordinal);
        foreach (var other in cluster.Instances.Skip(1))
        {
            Assert.DoesNotContain(await cluster.Cluster.ReadStatementLogAsync(other.Name), e => e.Text.Contains("slow_write", StringComparison.Ordinal));
        }
    }
}
