namespace Picopyn.Runtime.Tests;

/// <summary>
/// Statements with a sharding key go to the replicaset that owns their bucket: the emulated cluster counts, per
/// instance, what it served as owner and what it had to forward, so "ran on its owner" is the cluster's word.
/// </summary>
public sealed class RoutingTests
{
    private const string Table = "CREATE TABLE accounts (id integer PRIMARY KEY, balance integer NOT NULL)";
    private static readonly long[] Keys = [.. Enumerable.Range(1, 30).Select(i => (long)i)];

    [Fact]
    public async Task Every_keyed_statement_runs_on_the_owner_of_its_bucket()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        await cluster.Cluster.ExecuteDdlAsync(Table);
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0]), new PicoClientOptions { MaxConnections = 6 });
        var before = await TotalsAsync(cluster);

        foreach (var id in Keys)
        {
            await client.ExecuteAsync("INSERT INTO accounts VALUES ($1, $2)", [id, 100L], PicoKey.Of(id));
            Assert.Equal(100L, await client.FetchValueAsync<long>("SELECT balance FROM accounts WHERE id = $1", [id], PicoKey.Of(id)));
            await client.ExecuteAsync("UPDATE accounts SET balance = balance + 1 WHERE id = $1", [id], PicoKey.Of(id));
        }

        var after = await TotalsAsync(cluster);
        Assert.Equal(before.Local + (3 * Keys.Length), after.Local);
        Assert.Equal(before.Forwarded, after.Forwarded);
    }

    [Fact]
    public async Task Without_routing_most_keyed_statements_are_forwarded()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        await cluster.Cluster.ExecuteDdlAsync(Table);
        await using var client = await PicoClient.ConnectAsync(
            cluster.Dsn(cluster[0]), new PicoClientOptions { MaxConnections = 6, EnableRouting = false });
        var before = await TotalsAsync(cluster);

        foreach (var id in Keys)
        {
            await client.FetchValueAsync<long>("SELECT balance FROM accounts WHERE id = $1", [id], PicoKey.Of(id));
        }

        // Balanced over three instances, about two in three land away from their bucket.
        var after = await TotalsAsync(cluster);
        Assert.Equal(Keys.Length, (after.Local - before.Local) + (after.Forwarded - before.Forwarded));
        Assert.True(after.Forwarded - before.Forwarded >= Keys.Length / 3, $"{after.Forwarded - before.Forwarded} forwarded of {Keys.Length}");
    }

    [Fact]
    public async Task A_killed_owner_leaves_its_keys_balanced_and_answered_and_routing_returns_with_it()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        await cluster.Cluster.ExecuteDdlAsync(Table);
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0]), new PicoClientOptions { MaxConnections = 6 });
        var owned = Keys.Where(k => client.Buckets!.MasterOf("default", PicoBuckets.Of(3000, k)) == cluster[2].Name).ToList();
        foreach (var id in owned)
        {
            await client.ExecuteAsync("INSERT INTO accounts VALUES ($1, 1)", [id], PicoKey.Of(id));
        }

        await cluster.Cluster.KillInstanceAsync(cluster[2].Name);
        foreach (var id in owned)
        {
            // Reads are retried elsewhere after the lost connection; then the owner is out of rotation and they are balanced.
            Assert.Equal(1L, await client.FetchValueAsync<long>("SELECT balance FROM accounts WHERE id = $1", [id], PicoKey.Of(id)));
        }

        await cluster.Cluster.StartInstanceAsync(cluster[2].Name);
        await client.RefreshTopologyAsync();
        Assert.True(Reads.InstanceOn(client, cluster[2]).IsAvailable);
        var before = await TotalsAsync(cluster);
        foreach (var id in owned)
        {
            Assert.Equal(1L, await client.FetchValueAsync<long>("SELECT balance FROM accounts WHERE id = $1", [id], PicoKey.Of(id)));
        }

        var after = await TotalsAsync(cluster);
        Assert.Equal((before.Local + owned.Count, before.Forwarded), (after.Local, after.Forwarded));
    }

    [Fact]
    public async Task A_moved_bucket_is_routed_to_its_new_owner_after_the_next_discovery()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        await cluster.Cluster.ExecuteDdlAsync(Table);
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0]), new PicoClientOptions { MaxConnections = 6 });
        const long id = 42; // bucket 2426: the third replicaset's
        var bucket = PicoBuckets.Of(3000, id);
        await client.ExecuteAsync("INSERT INTO accounts VALUES ($1, 7)", [id], PicoKey.Of(id));

        await cluster.Cluster.MoveBucketsAsync(bucket, bucket, cluster[0].ReplicasetUuid);
        await client.RefreshTopologyAsync();
        var before = (await cluster.Cluster.ReadRoutingCountsAsync()).Single(c => c.Instance == cluster[0].Name);
        Assert.Equal(7L, await client.FetchValueAsync<long>("SELECT balance FROM accounts WHERE id = $1", [id], PicoKey.Of(id)));

        var after = (await cluster.Cluster.ReadRoutingCountsAsync()).Single(c => c.Instance == cluster[0].Name);
        Assert.Equal(before.ServedLocally + 1, after.ServedLocally);
        Assert.Equal(cluster[0].Name, client.Buckets!.MasterOf("default", bucket));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    public async Task Routing_at_the_cap_opens_no_connection_and_keeps_each_instances_share(int cap)
    {
        await using var cluster = await GuardedCluster.StartAsync();
        await cluster.Cluster.ExecuteDdlAsync(Table);
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0]), new PicoClientOptions
        {
            MaxConnections = cap,
            RebalanceInterval = Timeout.InfiniteTimeSpan,
            AcquireTimeout = TimeSpan.FromMinutes(1),
        });
        foreach (var id in Keys)
        {
            await client.ExecuteAsync("INSERT INTO accounts VALUES ($1, 1)", [id], PicoKey.Of(id));
        }

        var opened = client.ConnectionsOpened;
        var before = await TotalsAsync(cluster);
        await Task.WhenAll(Enumerable.Range(0, 16).Select(caller => Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                var id = Keys[((caller * 7) + i) % Keys.Length];
                Assert.Equal(1L, await client.FetchValueAsync<long>("SELECT balance FROM accounts WHERE id = $1", [id], PicoKey.Of(id)));
            }
        })));

        // Statements opened nothing and moved nothing: every instance still holds its share of the cap.
        Assert.Equal(opened, client.ConnectionsOpened);
        Assert.All(cluster.Instances, i => Assert.Equal(cap / 3, Reads.InstanceOn(client, i).OpenConnections));
        var after = await TotalsAsync(cluster);
        Assert.Equal(16 * 40, (after.Local - before.Local) + (after.Forwarded - before.Forwarded));
        Assert.True(after.Local - before.Local > 0, "some statements found their owner's connection idle");
    }

    private static async Task<(long Local, long Forwarded)> TotalsAsync(GuardedCluster cluster)
    {
        var counts = await cluster.Cluster.ReadRoutingCountsAsync();
        return (counts.Sum(c => c.ServedLocally), counts.Sum(c => c.Forwarded));
    }
}
