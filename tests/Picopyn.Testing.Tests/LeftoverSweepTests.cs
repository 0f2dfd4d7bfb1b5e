using System.Diagnostics;
using Picopyn.Testing.Emulation;
using Picopyn.Testing.Os;
using Picopyn.Testing.Postgres;

namespace Picopyn.Testing.Tests;

/// <summary>
/// The sweep of a crashed run's leftovers. It runs alone: every cluster that starts sweeps, so a
/// parallel test would remove the fake leftovers while this test is still building them.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class LeftoverSweepTests
{
    [Fact]
    public async Task Leftovers_of_a_process_that_died_are_swept_by_the_next_cluster()
    {
        // A cluster root named after a process that no longer exists, with a server still running in it.
        var deadPid = await PidOfAFinishedProcessAsync();
        var root = Path.Combine(ClusterDirectories.Parent, $"{deadPid}-deadbeef");
        Directory.CreateDirectory(root);
        var serverDirectory = Path.Combine(root, "instance-1");
        await ClusterDirectories.CreateServerDirectoryAsync(serverDirectory, CancellationToken.None);
        var orphan = new PostgresServer(
            PostgresInstallation.Locate(null), "orphan", serverDirectory, FreePorts.Allocate(1)[0], "admin", "pw",
            new Dictionary<string, string> { ["listen_addresses"] = "127.0.0.1", ["unix_socket_directories"] = string.Empty });
        await orphan.InitializeAsync(CancellationToken.None);
        await orphan.StartAsync(mayChangePort: true, CancellationToken.None);
        var orphanPid = orphan.ReadPostmasterPid()!.Value;
        Assert.True(UnixProcess.IsAlive(orphanPid));

        await using (await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { InstanceCount = 1 }))
        {
            Assert.False(UnixProcess.IsAlive(orphanPid), "the orphaned server should have been killed");
            Assert.False(Directory.Exists(root), "the orphaned root should have been deleted");
        }
    }

    private static async Task<int> PidOfAFinishedProcessAsync()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await process.WaitForExitAsync();
        return process.Id;
    }
}
