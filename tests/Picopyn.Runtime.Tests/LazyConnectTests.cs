namespace Picopyn.Runtime.Tests;

/// <summary>
/// <see cref="PicoClient.Create"/>: a client that returns without I/O and connects on first use — one connect
/// for every caller that comes while it runs, its failure told to each of them, and a new try by the next call.
/// </summary>
public sealed class LazyConnectTests
{
    // Discovery counts are exact only while the background's periodic run cannot come in the middle of a test.
    private static readonly TimeSpan NoPeriodicDiscovery = TimeSpan.FromHours(1);

    [Fact]
    public async Task Create_opens_nothing_and_the_first_statement_connects()
    {
        await using var cluster = await GuardedCluster.StartAsync(2);
        await using var client = PicoClient.Create(cluster.Dsn(cluster[0]), new PicoClientOptions { MaxConnections = 4 });

        Assert.False(client.IsConnected);
        Assert.Equal(0, client.OpenConnections);
        foreach (var instance in cluster.Instances)
        {
            Assert.Equal(0, await cluster.Cluster.CountSessionsAsync(instance.Name));
        }

        Assert.Equal(1L, await client.FetchValueAsync<long>("SELECT 1"));

        Assert.True(client.IsConnected);
        Assert.Equal(2, client.Instances.Count);
        Assert.True(await cluster.Cluster.CountSessionsAsync(cluster[1].Name) > 0, "discovery found the second instance and the pool opened connections to it");
    }

    [Fact]
    public async Task Concurrent_first_callers_share_one_connect()
    {
        await using var cluster = await GuardedCluster.StartAsync(2);
        var name = $"lazy-{Guid.NewGuid():N}";
        using var discoveries = new MeasurementRecorder<long>("picopyn.discovery.runs", name);
        await using var client = PicoClient.Create(cluster.Dsn(cluster[0]), new PicoClientOptions { Name = name, MaxConnections = 4, DiscoveryInterval = NoPeriodicDiscovery });

        var values = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => client.FetchValueAsync<long>("SELECT 1")));

        Assert.All(values, v => Assert.Equal(1L, v));
        Assert.Equal(1, discoveries.Recorded.Sum(m => m.Value)); // one per connect; the background's next run is an hour away
    }

    [Fact]
    public async Task A_failed_connect_reaches_every_waiting_caller_and_the_next_call_tries_again()
    {
        await using var cluster = await GuardedCluster.StartAsync(1);
        await using var client = PicoClient.Create(cluster.Dsn(cluster[0]), new PicoClientOptions { ConnectTimeout = TimeSpan.FromSeconds(1), MaxConnections = 2 });

        // A frozen instance takes the connection and never answers: the connect lasts its 1 s timeout, long
        // after all eight callers have joined it.
        await cluster.Cluster.FreezeInstanceAsync(cluster[0].Name);
        var calls = Enumerable.Range(0, 8).Select(_ => client.FetchValueAsync<long>("SELECT 1")).ToArray();
        var failures = new List<Exception>();
        foreach (var call in calls)
        {
            failures.Add(await Assert.ThrowsAsync<PicoConnectionException>(() => call));
        }

        Assert.Single(failures.Distinct());
        Assert.Contains($":{cluster[0].Port}", failures[0].Message, StringComparison.Ordinal);
        Assert.DoesNotContain(GuardedCluster.Password, failures[0].Message, StringComparison.Ordinal);
        Assert.False(client.IsConnected);
        Assert.Equal(0, client.OpenConnections);

        await cluster.Cluster.ThawInstanceAsync(cluster[0].Name);
        Assert.Equal(1L, await client.FetchValueAsync<long>("SELECT 1"));
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task A_caller_that_gives_up_stops_only_its_own_wait()
    {
        await using var cluster = await GuardedCluster.StartAsync(1);
        var name = $"lazy-{Guid.NewGuid():N}";
        using var discoveries = new MeasurementRecorder<long>("picopyn.discovery.runs", name);
        await using var client = PicoClient.Create(cluster.Dsn(cluster[0]), new PicoClientOptions { Name = name, MaxConnections = 2, DiscoveryInterval = NoPeriodicDiscovery });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.FetchValueAsync<long>("SELECT 1", null, new CancellationToken(canceled: true)));
        await client.EnsureConnectedAsync();

        Assert.True(client.IsConnected);
        Assert.Equal(1, discoveries.Recorded.Sum(m => m.Value)); // one per connect; the background's next run is an hour away
    }

    [Fact]
    public async Task Disposing_during_the_connect_fails_its_callers_and_leaves_nothing_open()
    {
        await using var cluster = await GuardedCluster.StartAsync(1);
        var client = PicoClient.Create(cluster.Dsn(cluster[0]), new PicoClientOptions { ConnectTimeout = TimeSpan.FromSeconds(30), MaxConnections = 2 });
        await cluster.Cluster.FreezeInstanceAsync(cluster[0].Name);
        var call = client.FetchValueAsync<long>("SELECT 1");

        await client.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => call);
        Assert.Equal(0, client.OpenConnections);
        await cluster.Cluster.ThawInstanceAsync(cluster[0].Name);
    }

    [Fact]
    public async Task Dispose_closes_every_connection_synchronously()
    {
        await using var cluster = await GuardedCluster.StartAsync(2);
        var client = PicoClient.Create(cluster.Dsn(cluster[0]), new PicoClientOptions { MaxConnections = 4 });
        Assert.Equal(1L, await client.FetchValueAsync<long>("SELECT 1"));
        Assert.True(client.OpenConnections > 0);

        ((IDisposable)client).Dispose();

        Assert.Equal(0, client.OpenConnections);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.FetchValueAsync<long>("SELECT 1"));
        foreach (var instance in cluster.Instances)
        {
            await Eventually.HoldsAsync(async () => await cluster.Cluster.CountSessionsAsync(instance.Name) == 0, $"{instance.Name} holds no session");
        }
    }

    [Fact]
    public void A_wrong_connection_string_fails_at_create()
    {
        var error = Assert.Throws<PicoConfigurationException>(() => PicoClient.Create("postgresql://app:secret@node1:notaport/db"));

        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }
}
