namespace Picopyn.Runtime.Tests;

public sealed class DiscoveryTests
{
    [Fact]
    public async Task One_seed_is_enough_to_find_every_Online_instance()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[1]));

        Assert.Equal(["default_1_1", "default_2_1", "default_3_1"], client.Instances.Select(i => i.Name));
        Assert.Equal(cluster.Instances.Select(i => i.Uuid), client.Instances.Select(i => i.Uuid));
        Assert.All(client.Instances, i => Assert.True(i.IsAvailable));
        // Warm-up opened the default 10 connections, spread evenly over the instances.
        var open = client.Instances.Select(i => i.OpenConnections).ToList();
        Assert.Equal(10, open.Sum());
        Assert.InRange(open.Max() - open.Min(), 0, 1);
        Assert.Equal(cluster.Instances.Select(i => i.Uuid).ToHashSet(), await Reads.ServingUuidsAsync(client, 9));
    }

    [Fact]
    public async Task When_the_first_seed_is_down_discovery_goes_through_the_next()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        await cluster.Cluster.KillInstanceAsync(cluster[0].Name);

        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0], cluster[1]));

        // The killed instance still says Online in the table, but the client knows it is down.
        Assert.False(Reads.InstanceOn(client, cluster[0]).IsAvailable);
        Assert.Equal(new[] { cluster[1].Uuid, cluster[2].Uuid }.Order(), (await Reads.ServingUuidsAsync(client, 12)).Order());
    }

    [Fact]
    public async Task An_instance_set_Offline_stops_receiving_queries_after_the_next_refresh()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0]));

        await cluster.Cluster.SetInstanceStateAsync(cluster[2].Name, InstanceState.Offline);
        await client.RefreshTopologyAsync();

        Assert.DoesNotContain(client.Instances, i => i.Name == cluster[2].Name);
        Assert.DoesNotContain(cluster[2].Uuid, await Reads.ServingUuidsAsync(client, 30));
    }

    [Fact]
    public async Task An_instance_added_at_runtime_starts_receiving_queries()
    {
        await using var cluster = await GuardedCluster.StartAsync(2);
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0]));
        var added = await cluster.Cluster.AddInstanceAsync();

        await client.RefreshTopologyAsync();

        Assert.Contains(client.Instances, i => i.Name == added.Name && i.IsAvailable);
        Assert.Contains(added.Uuid, await Reads.ServingUuidsAsync(client, 9));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_Expelled_or_forgotten_instance_leaves_the_rotation(bool expel)
    {
        await using var cluster = await GuardedCluster.StartAsync();
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0]));
        var leaving = cluster[1];

        await (expel
            ? cluster.Cluster.SetInstanceStateAsync(leaving.Name, InstanceState.Expelled)
            : cluster.Cluster.RemoveInstanceRowsAsync(leaving.Name));
        await client.RefreshTopologyAsync();

        Assert.Equal(2, client.Instances.Count);
        Assert.DoesNotContain(leaving.Uuid, await Reads.ServingUuidsAsync(client, 30));
    }

    [Fact]
    public async Task With_system_tables_hidden_the_client_works_on_its_seeds_and_says_why_once()
    {
        await using var cluster = await GuardedCluster.StartAsync(3, o => o.HideSystemTables = true);
        var log = new CapturingLoggerFactory();
        await using var client = await PicoClient.ConnectAsync(
            cluster.Dsn(cluster[0], cluster[1]), new PicoClientOptions { LoggerFactory = log });

        await client.RefreshTopologyAsync();
        await client.RefreshTopologyAsync();

        Assert.Equal([cluster[0].Port, cluster[1].Port], client.Instances.Select(i => i.Endpoint.Port));
        Assert.Equal(new[] { cluster[0].Uuid, cluster[1].Uuid }.Order(), (await Reads.ServingUuidsAsync(client, 10)).Order());
        var why = Assert.Single(log.Lines, l => l.Event.Id == 1005);
        Assert.Contains("Read access to space '_pico_", why.Text, StringComparison.Ordinal);

        await cluster.Cluster.SetSystemTablesReadableAsync(true);
        await client.RefreshTopologyAsync();

        Assert.Equal(3, client.Instances.Count);
    }

    [Fact]
    public async Task With_discovery_off_only_the_seed_hosts_are_used()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[1]), new PicoClientOptions { EnableDiscovery = false });

        Assert.Equal([cluster[1].Uuid], await Reads.ServingUuidsAsync(client, 6));
        Assert.Null(Assert.Single(client.Instances).Name);
    }

    [Fact]
    public async Task A_tier_filter_that_matches_nothing_leaves_the_client_on_its_seeds()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        var log = new CapturingLoggerFactory();
        await using var client = await PicoClient.ConnectAsync(
            cluster.Dsn(cluster[2]), new PicoClientOptions { Tier = "analytics", LoggerFactory = log });

        Assert.Equal([cluster[2].Uuid], await Reads.ServingUuidsAsync(client, 4));
        Assert.Contains(log.Lines, l => l.Event.Id == 1007 && l.Text.Contains("analytics", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wildcard_advertised_address_is_reached_through_the_host_that_answered()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        await cluster.Cluster.SetAdvertisedAddressAsync(cluster[1].Name, $"0.0.0.0:{cluster[1].Port}");

        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0]));

        Assert.Equal("127.0.0.1", Reads.InstanceOn(client, cluster[1]).Endpoint.Host);
        Assert.Contains(cluster[1].Uuid, await Reads.ServingUuidsAsync(client, 6));
    }

    [Fact]
    public async Task The_address_translator_maps_what_instances_advertise()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        await cluster.Cluster.SetAdvertisedAddressAsync(cluster[2].Name, "pico-3.internal:4327");
        var seen = new List<PicoEndpoint>();

        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0]), new PicoClientOptions
        {
            AddressTranslator = advertised =>
            {
                seen.Add(advertised);
                return advertised.Host == "pico-3.internal" ? new PicoEndpoint("127.0.0.1", cluster[2].Port) : advertised;
            },
        });

        Assert.Contains(new PicoEndpoint("pico-3.internal", 4327), seen);
        Assert.Contains(cluster[2].Uuid, await Reads.ServingUuidsAsync(client, 6));
    }

    [Fact]
    public async Task A_server_older_than_25_3_is_identified_with_instance_uuid()
    {
        await using var cluster = await GuardedCluster.StartAsync(2, o => o.LegacyInstanceUuidOnly = true);
        var log = new CapturingLoggerFactory();

        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0]), new PicoClientOptions { LoggerFactory = log });

        Assert.Equal(2, client.Instances.Count);
        Assert.Single(log.Lines, l => l.Event.Id == 1011);
        // The seed is kept at the address the client reached it on, recognised by its uuid.
        Assert.Equal(cluster[0].Uuid, Reads.InstanceOn(client, cluster[0]).Uuid);
    }

    [Fact]
    public async Task Extra_settings_and_the_database_name_reach_discovered_instances_too()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        var options = new PicoClientOptions();
        options.ConnectionSettings["application_name"] = "picopyn-tests";

        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0]), options);

        var seen = new HashSet<(string, string, string)>();
        for (var i = 0; i < 6; i++)
        {
            var row = (await client.FetchRowAsync("SELECT pico_instance_uuid(), current_setting('application_name'), current_database()::text"))!;
            seen.Add((row.Get<string>(0), row.Get<string>(1), row.Get<string>(2)));
        }

        Assert.Equal(cluster.Instances.Select(i => (i.Uuid, "picopyn-tests", "picodata")).ToHashSet(), seen);
    }

    [Fact]
    public async Task Discovery_runs_again_by_itself_at_the_configured_interval()
    {
        await using var cluster = await GuardedCluster.StartAsync(2);
        await using var client = await PicoClient.ConnectAsync(
            cluster.Dsn(cluster[0]), new PicoClientOptions { DiscoveryInterval = TimeSpan.FromMilliseconds(100) });

        var added = await cluster.Cluster.AddInstanceAsync();
        await Eventually.HoldsAsync(() => Task.FromResult(client.Instances.Any(i => i.Name == added.Name)), "the periodic refresh finds the new instance");
        await cluster.Cluster.SetInstanceStateAsync(cluster[1].Name, InstanceState.Offline);
        await Eventually.HoldsAsync(() => Task.FromResult(client.Instances.All(i => i.Name != cluster[1].Name)), "the periodic refresh drops the Offline one");

        // The Offline instance's connections are replaced off the request path, on the new one.
        var expected = new[] { cluster[0].Uuid, added.Uuid }.ToHashSet();
        await Eventually.HoldsAsync(async () => (await Reads.ServingUuidsAsync(client, 8)).SetEquals(expected), "the new instance and the first serve reads");
    }

    [Fact]
    public async Task A_killed_instance_is_probed_back_into_rotation_by_the_background_task()
    {
        await using var cluster = await GuardedCluster.StartAsync(2);
        await using var client = await PicoClient.ConnectAsync(
            cluster.Dsn(cluster[0]), new PicoClientOptions { ProbeBackoffInitial = TimeSpan.FromMilliseconds(50), ProbeBackoffMax = TimeSpan.FromMilliseconds(200) });
        await cluster.Cluster.KillInstanceAsync(cluster[1].Name);
        await Reads.ServingUuidsAsync(client, 4);
        Assert.False(Reads.InstanceOn(client, cluster[1]).IsAvailable);

        await cluster.Cluster.StartInstanceAsync(cluster[1].Name);

        await Eventually.HoldsAsync(() => Task.FromResult(Reads.InstanceOn(client, cluster[1]).IsAvailable), "a probe finds the instance back");
        Assert.Contains(cluster[1].Uuid, await Reads.ServingUuidsAsync(client, 4));
    }
}
