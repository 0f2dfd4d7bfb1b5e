using System.Globalization;
using System.Runtime.InteropServices;

namespace Picopyn.Testing.Os;

/// <summary>
/// Signals and liveness of Unix processes, read from <c>/proc</c>.
/// </summary>
/// <remarks>
/// A process counts as dead once it is a zombie. A postmaster started by <c>pg_ctl</c> is
/// re-parented to PID 1, and in many containers PID 1 never reaps its children, so a killed
/// server can stay a zombie for the life of the machine: its PID still "exists" even though it
/// holds no port, no memory and no files.
/// </remarks>
internal static partial class UnixProcess
{
    private const int SigKill = 9;
    private const int SigStop = 19;

    /// <summary>Whether this process runs as root (effective uid 0).</summary>
    public static bool IsRoot { get; } = OperatingSystem.IsLinux() && NativeMethods.geteuid() == 0;

    /// <summary>Whether <paramref name="pid"/> names a process that is running (not a zombie).</summary>
    public static bool IsAlive(int pid)
    {
        var stat = ReadStat(pid);
        return stat is not null && stat.Value.State is not ('Z' or 'X');
    }

    /// <summary>The PIDs of the live processes whose parent is <paramref name="parentPid"/>.</summary>
    public static IReadOnlyList<int> ChildrenOf(int parentPid)
    {
        var children = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            var stat = ReadStat(pid);
            if (stat is { } s && s.ParentPid == parentPid && s.State is not ('Z' or 'X'))
            {
                children.Add(pid);
            }
        }

        return children;
    }

    /// <summary>The command line of <paramref name="pid"/>, arguments joined by spaces; empty when unknown.</summary>
    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return string.Empty;
        }
        catch (UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    /// <summary>
    /// The working directory of <paramref name="pid"/>, or <see langword="null"/> when unknown. A
    /// postmaster works in its data directory, and the kernel keeps this path right even after the
    /// directory was renamed.
    /// </summary>
    public static string? WorkingDirectory(int pid)
    {
        try
        {
            return Directory.ResolveLinkTarget($"/proc/{pid}/cwd", returnFinalTarget: false)?.FullName;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Kills <paramref name="pid"/> and its children with SIGKILL. The parent is stopped first so
    /// that it can neither fork a new child nor restart one while the children are collected.
    /// </summary>
    /// <returns>Every PID that was signalled.</returns>
    public static IReadOnlyList<int> KillTree(int pid)
    {
        _ = NativeMethods.kill(pid, SigStop);
        var victims = new List<int>(ChildrenOf(pid)) { pid };
        foreach (var victim in victims)
        {
            _ = NativeMethods.kill(victim, SigKill);
        }

        return victims;
    }

    /// <summary>Waits until none of <paramref name="pids"/> is alive, or the timeout passes.</summary>
    /// <returns><see langword="true"/> when all of them died in time.</returns>
    public static async Task<bool> WaitForExitAsync(IReadOnlyList<int> pids, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (pids.Any(IsAlive))
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            // Death of a process that is not our child raises no event we could await: poll.
            await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Blocking variant of <see cref="WaitForExitAsync"/>, for process-exit handlers.</summary>
    public static bool WaitForExit(IReadOnlyList<int> pids, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (pids.Any(IsAlive))
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            Thread.Sleep(10);
        }

        return true;
    }

    private static (char State, int ParentPid)? ReadStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) S ppid ...": comm may hold spaces and parentheses, so parse after the last ')'.
        var close = text.LastIndexOf(')');
        if (close < 0 || close + 4 > text.Length)
        {
            return null;
        }

        var fields = text[(close + 2)..].Split(' ', 3);
        if (fields.Length < 2 || fields[0].Length != 1 ||
            !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent))
        {
            return null;
        }

        return (fields[0][0], parent);
    }

    /// <summary>
    /// Removes a System V shared memory segment (at once if nothing is attached, else when the last
    /// process detaches). A killed postmaster cannot remove its own, and the kernel keeps it forever.
    /// </summary>
    public static void ReleaseSharedMemory(int shmid)
    {
        const int IpcRemove = 0;
        _ = NativeMethods.shmctl(shmid, IpcRemove, IntPtr.Zero);
    }

    /// <summary>The ids of the System V shared memory segments that exist now.</summary>
    public static HashSet<int> SharedMemoryIds()
    {
        var ids = new HashSet<int>();
        foreach (var line in File.ReadLines("/proc/sysvipc/shm").Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    private static partial class NativeMethods
    {
        [LibraryImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static partial int shmctl(int shmid, int command, IntPtr buffer);

        [LibraryImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static partial uint geteuid();

        [LibraryImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static partial int kill(int pid, int signal);
    }
}
