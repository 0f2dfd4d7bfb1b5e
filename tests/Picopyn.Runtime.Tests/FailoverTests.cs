namespace Picopyn.Runtime.Tests;

public sealed class FailoverTests
{
    [Fact]
    public async Task Killing_an_instance_under_1000_concurrent_reads_fails_none_and_it_returns_after_a_restart()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0]), new PicoClientOptions { MaxConnections = 8, AcquireTimeout = TimeSpan.FromSeconds(30) });
        var victim = cluster[1];
        var completed = 0;
        var killNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The first 500 reads run while the instance is killed; the other 500 start once it is dead,
        // so reads certainly meet the dead instance before the client knows it is down.
        var reads = Enumerable.Range(0, 1000).Select(async i =>
        {
            if (i >= 500)
            {
                await killed.Task;
            }

            var value = await client.FetchValueAsync<long>("SELECT $1::bigint + 1", [(long)i]);
            if (Interlocked.Increment(ref completed) == 100)
            {
                killNow.SetResult();
            }

            return value == i + 1;
        }).ToList();
        await killNow.Task;
        await cluster.Cluster.KillInstanceAsync(victim.Name);
        killed.SetResult();
        var results = await Task.WhenAll(reads);

        Assert.All(results, Assert.True);
        Assert.False(Reads.InstanceOn(client, victim).IsAvailable);
        // As on Picodata, a crashed instance still looks Online in _pico_instance.
        Assert.Equal(InstanceState.Online, victim.State);
        Assert.DoesNotContain(victim.Uuid, await Reads.ServingUuidsAsync(client, 20));

        await cluster.Cluster.StartInstanceAsync(victim.Name);
        await client.RefreshTopologyAsync();

        Assert.True(Reads.InstanceOn(client, victim).IsAvailable);
        Assert.Contains(victim.Uuid, await Reads.ServingUuidsAsync(client, 9));
    }

    [Fact]
    public async Task A_gracefully_stopped_instance_is_left_behind_without_failing_reads()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0]));
        await Reads.ServingUuidsAsync(client, 6);

        await cluster.Cluster.StopInstanceAsync(cluster[2].Name);

        Assert.Equal(new[] { cluster[0].Uuid, cluster[1].Uuid }.Order(), (await Reads.ServingUuidsAsync(client, 12)).Order());
    }

    // Runs only on the target instance: elsewhere the CASE never evaluates the slow branch.
    private static string SlowOn(IPicodataInstance target) =>
        $"CASE WHEN pico_instance_uuid() = '{target.Uuid}' THEN {GuardedCluster.SlowCount} ELSE 1 END";

    [Fact]
    public async Task A_read_whose_connection_dies_mid_statement_runs_again_elsewhere_and_succeeds()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        var victim = cluster[0];
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0], cluster[1]), GuardedCluster.PreferInstance(victim));
        await cluster.CreateNumbersAsync(client);
        var marker = $"read_{Guid.NewGuid():N}";

        var read = client.FetchRowAsync($"SELECT {SlowOn(victim)} AS {marker}, pico_instance_uuid()");
        await cluster.KillOnceRunningAsync(victim, marker);
        var row = await read;

        Assert.NotNull(row);
        Assert.Equal(1L, row.Get<long>(0));
        Assert.NotEqual(victim.Uuid, row.Get<string>(1));
    }

    [Fact]
    public async Task A_write_whose_connection_dies_mid_statement_is_not_retried_and_may_have_run()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        await cluster.Cluster.ExecuteDdlAsync("CREATE TABLE writes (id bigint PRIMARY KEY, v bigint NOT NULL)");
        var victim = cluster[0];
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0], cluster[1]), GuardedCluster.PreferInstance(victim));
        await cluster.CreateNumbersAsync(client);
        var marker = $"write_{Guid.NewGuid():N}";
        var sql = $"INSERT INTO writes (id, v) SELECT 1, {SlowOn(victim)} AS {marker}";

        var write = client.ExecuteAsync(sql);
        await cluster.KillOnceRunningAsync(victim, marker);
        var error = await Assert.ThrowsAsync<PicoQueryException>(() => write);

        Assert.True(error.MayHaveRun);
        Assert.True(error.ConnectionLost);
        Assert.Equal(sql, error.Sql);
        Assert.Contains(victim.Name, error.Instance, StringComparison.Ordinal);
        Assert.Contains("may have run", error.Message, StringComparison.Ordinal);
        Assert.All(await cluster.RanOnAsync(marker), ranOn => Assert.Equal(victim.Name, ranOn));
    }

    [Fact]
    public async Task A_write_marked_idempotent_is_retried_like_a_read()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        await cluster.Cluster.ExecuteDdlAsync("CREATE TABLE upserts (id bigint PRIMARY KEY, v bigint NOT NULL)");
        var victim = cluster[0];
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0], cluster[1]), GuardedCluster.PreferInstance(victim));
        await cluster.CreateNumbersAsync(client);
        var marker = $"upsert_{Guid.NewGuid():N}";

        var write = client.ExecuteAsync($"INSERT INTO upserts (id, v) SELECT 1, {SlowOn(victim)} AS {marker} ON CONFLICT DO NOTHING", idempotent: true);
        await cluster.KillOnceRunningAsync(victim, marker);

        Assert.Equal(1, await write);
        Assert.Equal(1L, await client.FetchValueAsync<long>("SELECT v FROM upserts WHERE id = 1"));
    }

    [Fact]
    public async Task With_every_instance_down_a_statement_fails_with_no_instance_available()
    {
        await using var cluster = await GuardedCluster.StartAsync(2);
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0]));
        foreach (var instance in cluster.Instances)
        {
            await cluster.Cluster.KillInstanceAsync(instance.Name);
        }

        var error = await Assert.ThrowsAsync<PicoNoInstanceAvailableException>(() => client.FetchValueAsync<long>("SELECT 1"));

        Assert.Contains(cluster[0].Name, error.Message, StringComparison.Ordinal);
        Assert.Contains(cluster[1].Name, error.Message, StringComparison.Ordinal);
        Assert.Equal("SELECT 1", error.Sql);
        Assert.Equal(0, client.ConnectionsInUse);
    }

    [Fact]
    public async Task A_stream_whose_connection_dies_before_its_first_row_runs_again_elsewhere()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        var victim = cluster[0];
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0], cluster[1]), GuardedCluster.PreferInstance(victim));
        await cluster.CreateNumbersAsync(client);
        var marker = $"stream_{Guid.NewGuid():N}";

        await using var rows = client.StreamAsync($"SELECT {SlowOn(victim)} AS {marker}, pico_instance_uuid()").GetAsyncEnumerator();
        var first = rows.MoveNextAsync().AsTask();
        await cluster.KillOnceRunningAsync(victim, marker);

        Assert.True(await first);
        Assert.Equal(1L, rows.Current.Get<long>(0));
        Assert.NotEqual(victim.Uuid, rows.Current.Get<string>(1));
        Assert.False(await rows.MoveNextAsync());
    }

    [Fact]
    public async Task A_stream_whose_connection_dies_after_its_first_row_fails_and_is_not_run_again()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        var victim = cluster[0];
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0], cluster[1]), GuardedCluster.PreferInstance(victim));
        await cluster.CreateNumbersAsync(client);
        var marker = $"stream_{Guid.NewGuid():N}";
        // The first thousand rows come at once (filling the server's send buffer several times over, so they are
        // sent); the next waits on a count that takes minutes — on the victim only.
        var sql = $"SELECT n, CASE WHEN n > 1000 AND pico_instance_uuid() = '{victim.Uuid}' THEN {GuardedCluster.SlowCount} ELSE 1 END AS {marker} FROM numbers";

        var received = 0;
        var error = await Assert.ThrowsAsync<PicoQueryException>(async () =>
        {
            await foreach (var row in client.StreamAsync(sql))
            {
                if (++received == 1)
                {
                    await cluster.Cluster.KillInstanceAsync(victim.Name);
                }
            }
        });

        Assert.InRange(received, 1, 1000);
        Assert.True(error.ConnectionLost);
        Assert.Contains(victim.Name, error.Instance, StringComparison.Ordinal);
        Assert.All(await cluster.RanOnAsync(marker), ranOn => Assert.Equal(victim.Name, ranOn));
    }
}
