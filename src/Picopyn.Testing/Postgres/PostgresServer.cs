using System.Globalization;
using System.Text;
using Npgsql;
using Picopyn.Testing.Os;

namespace Picopyn.Testing.Postgres;

/// <summary>
/// One PostgreSQL server process with its own data directory and loopback port: created with
/// <c>initdb</c>, started and stopped with <c>pg_ctl</c>, killed with SIGKILL.
/// </summary>
/// <remarks>
/// The server's stderr goes to <see cref="LogFile"/>, outside the data directory so that it
/// survives restarts. Backends write to it directly, before they answer the client, so a
/// statement is in the file by the time its result arrives: tests can read it without waiting.
/// </remarks>
internal sealed class PostgresServer
{
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(15);
    private const int StartAttempts = 4;

    private readonly PostgresInstallation _installation;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly string _superuserPassword;

    public PostgresServer(
        PostgresInstallation installation,
        string name,
        string directory,
        int port,
        string superuser,
        string superuserPassword,
        IReadOnlyDictionary<string, string> settings)
    {
        _installation = installation;
        Name = name;
        Directory = directory;
        Port = port;
        Superuser = superuser;
        _superuserPassword = superuserPassword;
        _settings = settings;
    }

    /// <summary>A name for messages: the emulated instance name, or <c>storage</c>.</summary>
    public string Name { get; }

    /// <summary>The server's own directory: data directory, log and scratch files.</summary>
    public string Directory { get; }

    public string DataDirectory => Path.Combine(Directory, "data");

    public string LogFile => Path.Combine(Directory, "postgres.log");

    public int Port { get; private set; }

    public string Superuser { get; }

    public bool IsRunning { get; private set; }

    /// <summary>Creates the data directory with <c>initdb</c> and writes the server settings.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        // initdb reads the superuser password from a file: never from the command line, where `ps` shows it.
        var passwordFile = Path.Combine(Directory, "superuser.pw");
        await File.WriteAllTextAsync(passwordFile, _superuserPassword, cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await CommandRunner.RunAsync(
                _installation.InitDb,
                [
                    "-D", DataDirectory, "-U", Superuser, $"--pwfile={passwordFile}", "--auth=md5",
                    "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions",
                    // 1 MB write-ahead log segments instead of 16: a data directory a third smaller to copy.
                    "--wal-segsize=1",
                ],
                asPostgresUser: true,
                cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                throw new EmulatedClusterException($"initdb failed for {Name} in {DataDirectory}: {result.Output}");
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }

        await File.AppendAllTextAsync(
            Path.Combine(DataDirectory, "postgresql.conf"),
            "\n# Picopyn emulation settings\ninclude 'picopyn.conf'\n",
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes <paramref name="user"/> send its password in the clear (PostgreSQL's <c>password</c> method), as Picodata
    /// asks an LDAP user for it. Call after <see cref="InitializeAsync"/>, before the start.
    /// </summary>
    public async Task AskPasswordInTheClearAsync(string user, CancellationToken cancellationToken)
    {
        // The first matching line decides: this one goes before initdb's md5 lines.
        var hba = Path.Combine(DataDirectory, "pg_hba.conf");
        var lines = await File.ReadAllTextAsync(hba, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(
            hba,
            $"# Picopyn emulation: {user} authenticates as Picodata's LDAP users do, with the password in the clear\nhost all \"{user}\" 127.0.0.1/32 password\n{lines}",
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Lets every address log in with a password, not only loopback: for a server in a container, which its peers
    /// reach over the container network. Call after <see cref="InitializeAsync"/>, before the start.
    /// </summary>
    public Task AcceptRemoteLoginsAsync(CancellationToken cancellationToken) =>
        File.AppendAllTextAsync(
            Path.Combine(DataDirectory, "pg_hba.conf"),
            "\n# Picopyn emulated image: peers log in over the container network\nhost all all 0.0.0.0/0 md5\n",
            cancellationToken);

    /// <summary>
    /// Starts the server and waits until it accepts connections. When <paramref name="mayChangePort"/>
    /// is set and the port was taken in the meantime, it retries on another free port.
    /// </summary>
    public async Task StartAsync(bool mayChangePort, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await WriteSettingsAsync(cancellationToken).ConfigureAwait(false);
            var logStart = LogLength();
            var result = await CommandRunner.RunAsync(
                _installation.PgCtl,
                ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-s"],
                asPostgresUser: true,
                cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                IsRunning = true;
                return;
            }

            var newLog = ReadLogFrom(logStart);
            var portTaken = newLog.Contains("could not bind", StringComparison.Ordinal) ||
                            newLog.Contains("Address already in use", StringComparison.Ordinal);
            if (portTaken && mayChangePort && attempt < StartAttempts)
            {
                Port = FreePorts.Allocate(1)[0];
                continue;
            }

            throw new EmulatedClusterException(
                $"PostgreSQL server '{Name}' did not start on port {Port}" +
                (portTaken ? " (the port is taken by another process)" : string.Empty) +
                $": {result.Output}{Environment.NewLine}Server log ({LogFile}):{Environment.NewLine}{newLog.Trim()}");
        }
    }

    /// <summary>Stops the server gracefully: sessions are terminated, data is flushed.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var result = await CommandRunner.RunAsync(
            _installation.PgCtl,
            ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "-s"],
            asPostgresUser: true,
            cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded && ReadPostmasterPid() is { } pid && UnixProcess.IsAlive(pid))
        {
            throw new EmulatedClusterException($"PostgreSQL server '{Name}' did not stop: {result.Output}");
        }

        IsRunning = false;
    }

    /// <summary>
    /// Kills the postmaster and every backend with SIGKILL, as a crash would, and waits until
    /// they are gone. Connections break; the data directory is left for a restart.
    /// </summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        if (ReadPostmasterPid() is { } pid && UnixProcess.IsAlive(pid))
        {
            var victims = UnixProcess.KillTree(pid);
            if (!await UnixProcess.WaitForExitAsync(victims, KillTimeout, cancellationToken).ConfigureAwait(false))
            {
                throw new EmulatedClusterException(
                    $"PostgreSQL server '{Name}' (pid {pid}) was sent SIGKILL but still runs after {KillTimeout.TotalSeconds} s.");
            }

            ReleaseSharedMemory(DataDirectory);
        }

        RemoveStaleLockFile();
        IsRunning = false;
    }

    /// <summary>Blocking kill for process-exit handlers, where nothing may be awaited.</summary>
    public void KillNow()
    {
        if (ReadPostmasterPid() is { } pid && UnixProcess.IsAlive(pid))
        {
            UnixProcess.WaitForExit(UnixProcess.KillTree(pid), KillTimeout);
            ReleaseSharedMemory(DataDirectory);
        }

        IsRunning = false;
    }

    /// <summary>
    /// Removes the System V segment a killed server left (line 7 of <c>postmaster.pid</c>:
    /// key and id). A server that shuts down removes its own; a killed one cannot, and the kernel's
    /// segment table fills up after a few thousand kills.
    /// </summary>
    public static void ReleaseSharedMemory(string dataDirectory)
    {
        if (ReadSharedMemoryId(dataDirectory) is { } shmid)
        {
            UnixProcess.ReleaseSharedMemory(shmid);
        }
    }

    /// <summary>The System V segment id <paramref name="dataDirectory"/>'s <c>postmaster.pid</c> records, if any.</summary>
    public static int? ReadSharedMemoryId(string dataDirectory)
    {
        try
        {
            var fields = File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).Skip(6).FirstOrDefault()
                ?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields is { Length: >= 2 } && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Opens a superuser connection to <paramref name="database"/>.</summary>
    public Task<NpgsqlConnection> OpenSuperuserConnectionAsync(string database, CancellationToken cancellationToken) =>
        SqlCommands.OpenAsync(SuperuserConnectionString("127.0.0.1", Port, Superuser, _superuserPassword, database), cancellationToken);

    /// <summary>
    /// A connection string for the emulation's own set-up work as a server's superuser: unpooled (a pooled connection
    /// would outlive a restart and fail once), with Picodata's settings.
    /// </summary>
    public static string SuperuserConnectionString(string host, int port, string user, string password, string database, int timeoutSeconds = 15) =>
        PicodataNpgsqlSettings.Apply(new NpgsqlConnectionStringBuilder
        {
            Host = host,
            Port = port,
            Username = user,
            Password = password,
            Database = database,
            Pooling = false,
            Timeout = timeoutSeconds,
            CommandTimeout = 120,
        }).ConnectionString;

    /// <summary>Runs SQL as the superuser, one statement or a semicolon-separated script.</summary>
    public async Task ExecuteAsSuperuserAsync(string database, string sql, CancellationToken cancellationToken)
    {
        var connection = await OpenSuperuserConnectionAsync(database, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The PID in <c>postmaster.pid</c>, or <see langword="null"/> when there is none.</summary>
    public int? ReadPostmasterPid() => ReadPostmasterPid(DataDirectory);

    /// <summary>The PID in <paramref name="dataDirectory"/>'s <c>postmaster.pid</c>, if any.</summary>
    public static int? ReadPostmasterPid(string dataDirectory)
    {
        try
        {
            var firstLine = File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).FirstOrDefault();
            return int.TryParse(firstLine, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private void RemoveStaleLockFile()
    {
        // PostgreSQL refuses to start while the PID in postmaster.pid exists, and a zombie exists.
        try
        {
            File.Delete(Path.Combine(DataDirectory, "postmaster.pid"));
        }
        catch (DirectoryNotFoundException)
        {
            // Torn down already.
        }
    }

    private async Task WriteSettingsAsync(CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in _settings)
        {
            text.Append(CultureInfo.InvariantCulture, $"{name} = '{value.Replace("'", "''", StringComparison.Ordinal)}'\n");
        }

        // Dynamic shared memory as files in the data directory, deleted with it: POSIX segments in
        // /dev/shm would outlive every killed server.
        text.Append("dynamic_shared_memory_type = 'mmap'\n");
        text.Append(CultureInfo.InvariantCulture, $"port = {Port}\n");
        await File.WriteAllTextAsync(Path.Combine(DataDirectory, "picopyn.conf"), text.ToString(), cancellationToken)
            .ConfigureAwait(false);
    }

    private long LogLength() => File.Exists(LogFile) ? new FileInfo(LogFile).Length : 0;

    private string ReadLogFrom(long offset)
    {
        if (!File.Exists(LogFile))
        {
            return string.Empty;
        }

        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        stream.Seek(offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
