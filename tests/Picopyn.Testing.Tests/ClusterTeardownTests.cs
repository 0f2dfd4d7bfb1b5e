using Picopyn.Testing.Os;
using Picopyn.Testing.Postgres;

namespace Picopyn.Testing.Tests;

/// <summary>Nothing outlives a cluster: no server process, no data directory.</summary>
public sealed class ClusterTeardownTests
{
    [Fact]
    public async Task Disposing_stops_every_process_and_deletes_every_directory()
    {
        var cluster = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { InstanceCount = 2 });
        var root = cluster.RootDirectory!;
        // Sessions make backends: they must go too, not just the postmasters.
        await using (var session = await Db.OpenAsync(cluster.Instances[0]))
        {
            var processes = ServerProcessesUnder(root);
            Assert.True(processes.Count >= 3 * 2, $"expected postmasters and their children, found {processes.Count}");

            await cluster.DisposeAsync();

            Assert.DoesNotContain(processes, UnixProcess.IsAlive);
        }

        Assert.False(Directory.Exists(root), $"{root} should be gone");
    }

    [Fact]
    public async Task A_test_that_throws_still_tears_the_cluster_down()
    {
        string? root = null;
        IReadOnlyList<int> processes = [];

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var cluster = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { InstanceCount = 1 });
            root = cluster.RootDirectory!;
            processes = ServerProcessesUnder(root);
            throw new InvalidOperationException("the test failed");
        });

        Assert.NotEmpty(processes);
        Assert.DoesNotContain(processes, UnixProcess.IsAlive);
        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public async Task A_start_cancelled_half_way_leaves_nothing_behind()
    {
        using var cancellation = new CancellationTokenSource();
        IReadOnlyList<int> processes = [];
        var postmasters = 0;
        string? root = null;
        EmulatedPicodataCluster? cluster = null;
        var options = new EmulatedClusterOptions
        {
            InstanceCount = 2,
            // Cancel at a known point: every server runs, the system tables are not yet filled.
            StepCompleted = step =>
            {
                if (step == "servers-started")
                {
                    root = cluster!.RootDirectory!;
                    processes = ServerProcessesUnder(root);
                    postmasters = processes.Count(p => UnixProcess.CommandLine(p).Contains(" -D ", StringComparison.Ordinal));
                    cancellation.Cancel();
                }
            },
        };
        cluster = new EmulatedPicodataCluster(options);

        await using (cluster)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cluster.StartAsync(cancellation.Token));

            Assert.Equal(3, postmasters);
            Assert.DoesNotContain(processes, UnixProcess.IsAlive);
            Assert.False(Directory.Exists(root));
            await Assert.ThrowsAsync<EmulatedClusterException>(() => cluster.StartAsync());
        }
    }

    [Fact]
    public async Task Two_clusters_run_side_by_side_without_sharing_anything()
    {
        var options = new EmulatedClusterOptions { InstanceCount = 2 };
        var starting = new[] { EmulatedPicodataCluster.StartNewAsync(options), EmulatedPicodataCluster.StartNewAsync(options) };
        await using var first = await starting[0];
        await using var second = await starting[1];

        Assert.Empty(first.Instances.Select(i => i.Port).Intersect(second.Instances.Select(i => i.Port)));
        Assert.NotEqual(first.RootDirectory, second.RootDirectory);
        await first.ExecuteDdlAsync("CREATE TABLE only_in_first (id bigint PRIMARY KEY)");
        await Db.ExecuteAsync(first.Instances[1], "INSERT INTO only_in_first VALUES ($1)", 1L);

        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => Db.QueryAsync(second.Instances[0], "SELECT id FROM only_in_first"));
        Assert.Equal(second.Instances[1].Uuid, await Db.ScalarAsync<string>(second.Instances[1], "SELECT pico_instance_uuid()"));
        Assert.Equal(2, (await Db.DiscoverAsync(second.Instances[0])).Count);
    }

    [Fact]
    public async Task Killing_and_disposing_release_the_servers_shared_memory()
    {
        // A killed postmaster cannot remove its System V segment; left behind, thousands of kills
        // fill the kernel's table and no PostgreSQL can start on the machine any more.
        var cluster = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { InstanceCount = 2 });
        var root = cluster.RootDirectory!;
        var segments = Directory.EnumerateDirectories(root)
            .Select(d => (Server: Path.GetFileName(d), Id: PostgresServer.ReadSharedMemoryId(Path.Combine(d, "data"))))
            .ToList();
        Assert.Equal(3, segments.Count(s => s.Id is not null));
        Assert.All(segments, s => Assert.Contains(s.Id!.Value, UnixProcess.SharedMemoryIds()));
        var victim = segments.Single(s => s.Server == "instance-2").Id!.Value;

        await cluster.KillInstanceAsync(cluster.Instances[1].Name);

        Assert.DoesNotContain(victim, UnixProcess.SharedMemoryIds());

        await cluster.DisposeAsync();

        var remaining = UnixProcess.SharedMemoryIds();
        Assert.All(segments, s => Assert.DoesNotContain(s.Id!.Value, remaining));
    }

    /// <summary>Each server's postmaster under <paramref name="root"/> and all of its children.</summary>
    internal static List<int> ServerProcessesUnder(string root)
    {
        var pids = new List<int>();
        foreach (var server in Directory.EnumerateDirectories(root))
        {
            if (PostgresServer.ReadPostmasterPid(Path.Combine(server, "data")) is { } postmaster && UnixProcess.IsAlive(postmaster))
            {
                pids.Add(postmaster);
                pids.AddRange(UnixProcess.ChildrenOf(postmaster));
            }
        }

        return pids;
    }
}
