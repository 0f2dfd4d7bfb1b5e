namespace Picopyn.Runtime.Tests;

public sealed class BalancingTests
{
    private static async Task<Dictionary<string, int>> CountServingInstancesAsync(PicoClient client, int reads)
    {
        var counts = new Dictionary<string, int>();
        for (var i = 0; i < reads; i++)
        {
            var uuid = await client.FetchValueAsync<string>("SELECT pico_instance_uuid()");
            counts[uuid!] = counts.GetValueOrDefault(uuid!) + 1;
        }

        return counts;
    }

    [Fact]
    public async Task Round_robin_spreads_300_reads_evenly_over_3_instances()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0]));

        var counts = await CountServingInstancesAsync(client, 300);

        Assert.Equal(cluster.Instances.Select(i => i.Uuid).Order(), counts.Keys.Order());
        Assert.All(counts.Values, served => Assert.InRange(served, 99, 101));
    }

    [Fact]
    public async Task Random_balancing_reaches_every_instance()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0]), new PicoClientOptions { Balancing = BalancingStrategy.Random });

        var counts = await CountServingInstancesAsync(client, 120);

        Assert.Equal(3, counts.Count);
    }

    [Fact]
    public async Task Least_in_flight_avoids_the_instance_a_lease_keeps_busy()
    {
        await using var cluster = await GuardedCluster.StartAsync(2);
        await using var client = await PicoClient.ConnectAsync(
            cluster.Dsn(cluster[0]), new PicoClientOptions { Balancing = BalancingStrategy.LeastInFlight });
        await using var lease = await client.AcquireAsync();
        var busy = lease.Instance.Uuid;

        var counts = await CountServingInstancesAsync(client, 20);

        Assert.Equal(20, counts[Assert.Single(cluster.Instances, i => i.Uuid != busy).Uuid]);
    }

    [Fact]
    public async Task A_user_selector_picks_among_live_instances_with_their_identity()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        var offered = new List<IReadOnlyList<PicoInstanceInfo>>();
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0]), new PicoClientOptions
        {
            InstanceSelector = candidates =>
            {
                offered.Add(candidates);
                return candidates.First(c => c.Name == "default_2_1");
            },
        });

        var counts = await CountServingInstancesAsync(client, 10);

        Assert.Equal(10, counts[cluster[1].Uuid]);
        var last = offered[^1];
        Assert.Equal(["default_1_1", "default_2_1", "default_3_1"], last.Select(c => c.Name));
        Assert.All(last, c => Assert.Equal(("default", true), (c.Tier, c.IsAvailable)));
        Assert.Equal(cluster[2].Port, last[2].Endpoint.Port);
    }

    [Fact]
    public async Task A_selector_that_throws_or_invents_an_instance_gets_a_typed_error_and_the_pool_stays_whole()
    {
        await using var cluster = await GuardedCluster.StartAsync(2);
        var behaviour = 0;
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(), new PicoClientOptions
        {
            MaxConnections = 2,
            InstanceSelector = candidates => behaviour switch
            {
                1 => throw new InvalidOperationException("selector bug"),
                2 => new PicoInstanceInfo("impostor", null, null, null, new PicoEndpoint("10.9.9.9", 1), true, 0, 0),
                _ => candidates[0],
            },
        });

        behaviour = 1;
        var threw = await Assert.ThrowsAsync<PicoBalancerException>(() => client.FetchValueAsync<long>("SELECT 1"));
        behaviour = 2;
        var invented = await Assert.ThrowsAsync<PicoBalancerException>(() => client.FetchValueAsync<long>("SELECT 2"));
        behaviour = 0;

        Assert.Contains("selector bug", threw.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(threw.InnerException);
        Assert.Contains("impostor", invented.Message, StringComparison.Ordinal);
        Assert.Equal("SELECT 2", invented.Sql);
        Assert.Equal(0, client.ConnectionsInUse);
        Assert.Equal(3L, await client.FetchValueAsync<long>("SELECT 3"));
    }
}
