namespace Picopyn.Runtime.Tests;

/// <summary>The bucket map the client reads with discovery (issue 19, the map routing will use).</summary>
public sealed class BucketMapTests
{
    // The first and last bucket of each third of 3000.
    private static readonly int[] RangeEdges = [1, 1000, 1001, 2000, 2001, 3000];

    [Fact]
    public async Task Discovery_reads_which_instance_masters_each_bucket()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0]));

        var map = Assert.IsType<Routing.BucketMap>(client.Buckets);

        Assert.Equal(3000, map.Tiers["default"].BucketCount);
        Assert.Equal(
            [cluster[0].Name, cluster[0].Name, cluster[1].Name, cluster[1].Name, cluster[2].Name, cluster[2].Name],
            RangeEdges.Select(b => map.MasterOf("default", b)));
        Assert.Null(map.MasterOf("default", 3001));
        Assert.Null(map.MasterOf("analytics", 1));
        // Key 42 is bucket 2426 (docs/picodata.md, "Buckets and routing"): the third replicaset's.
        Assert.Equal(cluster[2].Name, map.MasterOf("default", PicoBuckets.Of(3000, 42L)));
    }

    [Fact]
    public async Task A_joining_replicaset_takes_its_share_at_the_next_discovery()
    {
        await using var cluster = await GuardedCluster.StartAsync(2);
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0]));
        Assert.Equal(cluster[1].Name, client.Buckets!.MasterOf("default", 3000));

        var added = await cluster.Cluster.AddInstanceAsync();
        await client.RefreshTopologyAsync();

        Assert.Equal(added.Name, client.Buckets!.MasterOf("default", 3000));
        Assert.Equal(cluster[0].Name, client.Buckets.MasterOf("default", 1000));
    }

    [Fact]
    public async Task A_server_without_the_bucket_map_leaves_the_client_balancing_and_says_so_once()
    {
        await using var cluster = await GuardedCluster.StartAsync(2, o => o.PicodataVersion = "25.3.0");
        var log = new CapturingLoggerFactory();
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0]), new PicoClientOptions { LoggerFactory = log });

        await client.RefreshTopologyAsync();
        await client.RefreshTopologyAsync();

        Assert.Null(client.Buckets);
        Assert.Contains("_pico_bucket", Assert.Single(log.Lines, l => l.Event.Id == 1012).Text, StringComparison.Ordinal);
        Assert.Equal(2, client.Instances.Count);
        Assert.Equal(2, (await Reads.ServingUuidsAsync(client, 6)).Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("""[{"bucket_id_start": "x"}]""")]
    public void An_unreadable_map_has_no_ranges(string? json) => Assert.Empty(Routing.BucketMapQueries.ParseRanges(json));

    [Fact]
    public void Ranges_are_sorted_whatever_order_the_server_sends_them_in()
    {
        var ranges = Routing.BucketMapQueries.ParseRanges(
            """[{"bucket_id_start":11,"bucket_id_end":20,"current_replicaset_uuid":"b"},{"bucket_id_start":1,"bucket_id_end":10,"current_replicaset_uuid":"a"}]""");

        Assert.Equal([new Routing.BucketRange(1, 10, "a"), new Routing.BucketRange(11, 20, "b")], ranges);
        Assert.Equal("b", new Routing.TierBuckets(20, ranges).ReplicasetOf(15));
    }
}
