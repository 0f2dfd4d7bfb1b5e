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
    public async Task Leftovers_of_a_process_that_died_are_swept()
    {
        // Built under this (live) process's name, which no sweep touches, then renamed in one step
        // to the name of a process that no longer exists, with its server still running.
        var building = Path.Combine(ClusterDirectories.Parent, $"{Environment.ProcessId}-building");
        Directory.CreateDirectory(building);
        var serverDirectory = Path.Combine(building, "instance-1");
        await ClusterDirectories.CreateServerDirectoryAsync(serverDirectory, CancellationToken.None);
        var orphan = new PostgresServer(
            PostgresInstallation.Locate(null), "orphan", serverDirectory, FreePorts.Allocate(1)[0], "admin", "pw",
            new Dictionary<string, string> { ["listen_addresses"] = "127.0.0.1", ["unix_socket_directories"] = string.Empty });
        await orphan.InitializeAsync(CancellationToken.None);
        await orphan.StartAsync(mayChangePort: true, CancellationToken.None);
        var orphanPid = orphan.ReadPostmasterPid()!.Value;
        var root = Path.Combine(ClusterDirectories.Parent, $"{await PidOfAFinishedProcessAsync()}-deadbeef");
        Directory.Move(building, root);
        Assert.True(UnixProcess.IsAlive(orphanPid));

        ClusterDirectories.SweepLeftovers();

        // Another test process may be sweeping the same leftovers at the same moment.
        await Eventually.HoldsAsync(() => Task.FromResult(!UnixProcess.IsAlive(orphanPid)), "the orphaned server is killed");
        await Eventually.HoldsAsync(() => Task.FromResult(!Directory.Exists(root)), "the orphaned root is deleted");
    }

    [Fact]
    public async Task A_live_process_that_reuses_a_dead_owners_PID_is_left_alone()
    {
        // A leftover whose postmaster.pid names a live process that is not its server: a bystander that
        // works in another directory, as a process that took over a dead server's PID would.
        using var bystander = Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false, WorkingDirectory = Path.GetTempPath() })!;
        try
        {
            var root = Path.Combine(ClusterDirectories.Parent, $"{await PidOfAFinishedProcessAsync()}-cafebabe");
            var data = Directory.CreateDirectory(Path.Combine(root, "instance-1", "data")).FullName;
            await File.WriteAllTextAsync(Path.Combine(data, "postmaster.pid"), $"{bystander.Id}\n");

            ClusterDirectories.SweepLeftovers();

            await Eventually.HoldsAsync(() => Task.FromResult(!Directory.Exists(root)), "the leftover root is deleted");
            Assert.False(bystander.HasExited, "the sweep killed a process that was not the leftover's server");
        }
        finally
        {
            bystander.Kill();
        }
    }

    private static async Task<int> PidOfAFinishedProcessAsync()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await process.WaitForExitAsync();
        return process.Id;
    }
}
