using System.Globalization;
using System.Security.Cryptography;
using Picopyn.Testing.Os;
using Picopyn.Testing.Postgres;

namespace Picopyn.Testing.Emulation;

/// <summary>
/// Where clusters keep their files, and the sweep that removes what a crashed test run left.
/// </summary>
/// <remarks>
/// Each cluster gets <c>BASE/picopyn-clusters-USER/PID-RANDOM/</c>, where BASE is
/// <c>$PICOPYN_CLUSTER_DIRECTORY</c> when set, else <c>/dev/shm</c> when it is a memory file system with room
/// to spare, else the temporary directory. In memory, copying a data directory and the servers' own writes
/// cost a fraction of what a disk file system's journal makes them cost, and a cluster's files are
/// thrown away with it anyway. Disposal and the process-exit hook remove the directory; a process killed
/// outright cannot, so every new cluster first sweeps the directories whose owning process is gone,
/// killing any server still running there.
/// </remarks>
internal static class ClusterDirectories
{
    /// <summary>Environment variable naming the directory clusters are made under.</summary>
    public const string BaseVariable = "PICOPYN_CLUSTER_DIRECTORY";

    // A few clusters' data directories at once (about 100 MB each) must fit with room for everything else in memory.
    private const long MemoryDirectoryRoomNeeded = 4L << 30;

    public static string Parent { get; } = Path.Combine(ChooseBase(), $"picopyn-clusters-{Environment.UserName}");

    private static string ChooseBase()
    {
        if (Environment.GetEnvironmentVariable(BaseVariable) is { Length: > 0 } chosen)
        {
            return chosen;
        }

        try
        {
            var memory = new DriveInfo("/dev/shm");
            if (OperatingSystem.IsLinux() && memory.IsReady && memory.DriveFormat == "tmpfs" && memory.AvailableFreeSpace >= MemoryDirectoryRoomNeeded)
            {
                return memory.RootDirectory.FullName;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // No such file system here: the temporary directory serves.
        }

        return Path.GetTempPath();
    }

    /// <summary>Creates a new, empty cluster root owned by this process; <paramref name="label"/> names what it holds.</summary>
    public static string CreateRoot(string? label = null)
    {
        Directory.CreateDirectory(Parent);
        var suffix = RandomNumberGenerator.GetHexString(8, lowercase: true);
        var root = Path.Combine(Parent, label is null ? $"{Environment.ProcessId}-{suffix}" : $"{Environment.ProcessId}-{label}-{suffix}");
        Directory.CreateDirectory(root);
        return root;
    }

    /// <summary>Creates a directory a PostgreSQL server can own: the <c>postgres</c> user's when this process is root.</summary>
    public static async Task CreateServerDirectoryAsync(string path, CancellationToken cancellationToken)
    {
        if (!UnixProcess.IsRoot)
        {
            Directory.CreateDirectory(path);
            return;
        }

        var account = CommandRunner.PostgresAccount;
        var result = await CommandRunner.RunAsync(
            "install", ["-d", "-m", "0700", "-o", account, "-g", account, path], asPostgresUser: false, cancellationToken)
            .ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new EmulatedClusterException(
                $"Could not create {path} for the '{account}' user (PostgreSQL refuses to run as root): {result.Output}");
        }
    }

    /// <summary>Deletes a cluster root and everything in it; a missing one is fine.</summary>
    public static void Delete(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
    }

    /// <summary>Removes the roots of clusters whose process no longer runs, killing their servers first.</summary>
    /// <returns>How many roots were removed.</returns>
    public static int SweepLeftovers()
    {
        if (!Directory.Exists(Parent))
        {
            return 0;
        }

        var swept = 0;
        foreach (var root in Directory.EnumerateDirectories(Parent))
        {
            var name = Path.GetFileName(root);
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0 || !int.TryParse(name.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var ownerPid) ||
                ownerPid == Environment.ProcessId || UnixProcess.IsAlive(ownerPid))
            {
                continue;
            }

            foreach (var server in Directory.EnumerateDirectories(root))
            {
                KillServerIn(Path.Combine(server, "data"));
            }

            try
            {
                Delete(root);
                swept++;
            }
            catch (IOException)
            {
                // Another process is sweeping the same root; it will finish the job.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to remove.
            }
        }

        return swept;
    }

    private static void KillServerIn(string dataDirectory)
    {
        // Only a live process working in this data directory is its server: a recycled PID
        // belongs to someone else and must be left alone.
        if (PostgresServer.ReadPostmasterPid(dataDirectory) is { } pid && UnixProcess.IsAlive(pid) &&
            UnixProcess.WorkingDirectory(pid) == Path.GetFullPath(dataDirectory))
        {
            UnixProcess.WaitForExit(UnixProcess.KillTree(pid), TimeSpan.FromSeconds(15));
            PostgresServer.ReleaseSharedMemory(dataDirectory);
        }
    }
}
