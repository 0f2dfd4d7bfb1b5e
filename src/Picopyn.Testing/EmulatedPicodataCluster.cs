using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Picopyn.Testing.Emulation;
using Picopyn.Testing.Front;
using Picopyn.Testing.Postgres;

namespace Picopyn.Testing;

/// <summary>
/// A Picodata cluster emulated on real PostgreSQL server processes on loopback: one process per
/// instance, plus one storage process that holds the data all instances share.
/// </summary>
/// <remarks>
/// <para>
/// Each instance serves Picodata's system tables (<c>_pico_instance</c>, <c>_pico_peer_address</c>,
/// <c>_pico_tier</c>, <c>_pico_replicaset</c>) in Picodata's wire types, answers
/// <c>pico_instance_uuid()</c> with its own uuid, logs every statement it receives, and reads and
/// writes user tables on the storage server through postgres_fdw, so a row written through one
/// instance is read through any other. The application logs in as an ordinary user; PostgreSQL's
/// catalogs are hidden from it by default.
/// </para>
/// <para>
/// PostgreSQL still accepts much that Picodata refuses (reference/picodata.md §6): use
/// <see cref="ReadStatementLogAsync"/> with <see cref="PicodataRefusals"/> to prove a client never
/// sends it. Dispose the cluster to stop every process and delete every file; a crashed test
/// process's leftovers are swept by the next cluster that starts.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// await using var cluster = await EmulatedPicodataCluster.StartNewAsync();
/// await using var connection = new NpgsqlConnection(cluster.Instances[0].ConnectionString);
/// </code>
/// </example>
public sealed class EmulatedPicodataCluster : IPicodataCluster
{
    private const string Superuser = "admin";
    private static readonly TimeSpan GateTimeoutOnDispose = TimeSpan.FromMinutes(2);

    private readonly EmulatedClusterOptions _options;
    private readonly string _superuserPassword = RandomSecret();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<EmulatedInstance> _instances = [];
    private PostgresInstallation? _installation;
    private PostgresServer? _storage;
    private string? _root;
    private int _lifecycle; // 0 new, 1 started (or starting), 2 disposed

    /// <summary>Creates a cluster that <see cref="StartAsync"/> will start.</summary>
    /// <param name="options">How to build it; <see langword="null"/> for the defaults (3 instances, catalogs hidden).</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public EmulatedPicodataCluster(EmulatedClusterOptions? options = null)
    {
        _options = (options ?? new EmulatedClusterOptions()).Validate();
        Password = _options.Password ?? RandomSecret();
    }

    /// <summary>Creates and starts a cluster in one call.</summary>
    /// <param name="options">How to build it; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start; nothing is left behind.</param>
    public static async Task<EmulatedPicodataCluster> StartNewAsync(
        EmulatedClusterOptions? options = null, CancellationToken cancellationToken = default)
    {
        var cluster = new EmulatedPicodataCluster(options);
        try
        {
            await cluster.StartAsync(cancellationToken).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<IPicodataInstance> Instances
    {
        get
        {
            lock (_instances)
            {
                return _instances.ToArray();
            }
        }
    }

    /// <inheritdoc />
    public string User => _options.User;

    /// <inheritdoc />
    public string Password { get; }

    /// <inheritdoc />
    public string Database => _options.Database;

    /// <summary>The directory that holds this cluster's data directories and logs; <see langword="null"/> before start.</summary>
    public string? RootDirectory => _root;

    /// <inheritdoc />
    public IPicodataInstance GetInstance(string name) => Find(name);

    /// <inheritdoc />
    public string BuildDsn(IEnumerable<IPicodataInstance>? seeds = null)
    {
        var hosts = string.Join(',', (seeds ?? Instances).Select(i => i.PgprotoAddress));
        if (hosts.Length == 0)
        {
            throw new ArgumentException("A DSN needs at least one instance.", nameof(seeds));
        }

        return $"postgresql://{Uri.EscapeDataString(User)}:{Uri.EscapeDataString(Password)}@{hosts}/{Uri.EscapeDataString(Database)}";
    }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _lifecycle, 1, 0) != 0)
        {
            throw new EmulatedClusterException(_lifecycle == 2
                ? "The cluster was disposed; create a new one."
                : "The cluster was already started.");
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ClusterDirectories.SweepLeftovers();
            _installation = PostgresInstallation.Locate(_options.PostgresBinDirectory);
            _root = ClusterDirectories.CreateRoot();
            LiveClusters.Add(this);

            var ports = Os.FreePorts.Allocate(_options.InstanceCount + 1);
            _storage = await CreateServerAsync("storage", ports[0], StorageSettings(), cancellationToken).ConfigureAwait(false);
            var newInstances = new List<EmulatedInstance>();
            for (var i = 1; i <= _options.InstanceCount; i++)
            {
                var server = await CreateServerAsync(InstanceDirectoryName(i), ports[i], InstanceSettings(), cancellationToken).ConfigureAwait(false);
                newInstances.Add(new EmulatedInstance(i, _options.Tier, server, BuildConnectionString, FrontFor));
            }

            lock (_instances)
            {
                _instances.AddRange(newInstances);
            }

            var servers = newInstances.Select(i => i.Server).Prepend(_storage).ToArray();
            await Task.WhenAll(servers.Select(s => s.InitializeAsync(cancellationToken))).ConfigureAwait(false);
            await Task.WhenAll(servers.Select(s => s.StartAsync(mayChangePort: true, cancellationToken))).ConfigureAwait(false);
            foreach (var instance in newInstances)
            {
                instance.ProcessState = InstanceProcessState.Running;
            }

            _options.StepCompleted?.Invoke("servers-started");
            await PrepareStorageAsync(cancellationToken).ConfigureAwait(false);
            foreach (var instance in newInstances)
            {
                instance.State = InstanceState.Online;
                instance.Incarnation = 1;
                await InsertInstanceRowsAsync(instance, cancellationToken).ConfigureAwait(false);
            }

            await Task.WhenAll(newInstances.Select(i => SetUpInstanceAsync(i, cancellationToken))).ConfigureAwait(false);
            _options.StepCompleted?.Invoke("instances-set-up");
        }
        catch
        {
            // A half-started cluster is of no use: leave nothing behind and refuse further calls.
            TearDownNow();
            Volatile.Write(ref _lifecycle, 2);
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public Task StartInstanceAsync(string name, CancellationToken cancellationToken = default) =>
        ExclusiveAsync(async () =>
        {
            var instance = Find(name);
            if (instance.ProcessState == InstanceProcessState.Running)
            {
                throw new EmulatedClusterException($"Instance '{name}' already runs on {instance.PgprotoAddress}.");
            }

            await StartStoppedAsync(instance, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    public Task StopInstanceAsync(string name, CancellationToken cancellationToken = default) =>
        ExclusiveAsync(async () =>
        {
            var instance = RequireRunning(name, "stop");
            await StopRunningAsync(instance, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    public Task KillInstanceAsync(string name, CancellationToken cancellationToken = default) =>
        ExclusiveAsync(async () =>
        {
            var instance = RequireRunning(name, "kill");
            await instance.Server.KillAsync(cancellationToken).ConfigureAwait(false);
            // A dead process's port refuses connections and its open ones are reset.
            instance.Front?.StopListening();
            instance.Front?.ResetConnections();
            instance.ProcessState = InstanceProcessState.Killed;
        }, cancellationToken);

    /// <inheritdoc />
    public Task RestartInstanceAsync(string name, CancellationToken cancellationToken = default) =>
        ExclusiveAsync(async () =>
        {
            var instance = Find(name);
            if (instance.ProcessState == InstanceProcessState.Running)
            {
                await StopRunningAsync(instance, cancellationToken).ConfigureAwait(false);
            }

            await StartStoppedAsync(instance, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Coming back Online from another state raises the incarnation, as in Picodata.</remarks>
    public Task SetInstanceStateAsync(string name, InstanceState state, CancellationToken cancellationToken = default) =>
        ExclusiveAsync(async () =>
        {
            var instance = Find(name);
            var incarnation = state == InstanceState.Online && instance.State != InstanceState.Online
                ? instance.Incarnation + 1
                : instance.Incarnation;
            await WriteStateAsync(instance, state, incarnation, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    public Task RemoveInstanceRowsAsync(string name, CancellationToken cancellationToken = default) =>
        ExclusiveAsync(async () =>
        {
            var instance = Find(name);
            await ExecuteOnStorageAsync(StorageSchema.DeletePeerAddresses, [instance.RaftId], cancellationToken).ConfigureAwait(false);
            await ExecuteOnStorageAsync(StorageSchema.DeleteInstance, [instance.RaftId], cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IPicodataInstance> AddInstanceAsync(bool online = true, CancellationToken cancellationToken = default) =>
        ExclusiveAsync<IPicodataInstance>(async () =>
        {
            long raftId;
            lock (_instances)
            {
                raftId = _instances.Max(i => i.RaftId) + 1;
            }

            var port = Os.FreePorts.Allocate(1)[0];
            var server = await CreateServerAsync(InstanceDirectoryName(raftId), port, InstanceSettings(), cancellationToken).ConfigureAwait(false);
            var instance = new EmulatedInstance(raftId, _options.Tier, server, BuildConnectionString, FrontFor);
            lock (_instances)
            {
                _instances.Add(instance);
            }

            await server.InitializeAsync(cancellationToken).ConfigureAwait(false);
            await server.StartAsync(mayChangePort: true, cancellationToken).ConfigureAwait(false);
            instance.ProcessState = InstanceProcessState.Running;

            // As a joining Picodata instance: its rows appear Offline first, then it goes Online.
            instance.State = InstanceState.Offline;
            instance.Incarnation = 0;
            await InsertInstanceRowsAsync(instance, cancellationToken).ConfigureAwait(false);
            await SetUpInstanceAsync(instance, cancellationToken).ConfigureAwait(false);
            if (online)
            {
                await WriteStateAsync(instance, InstanceState.Online, 1, cancellationToken).ConfigureAwait(false);
            }

            return instance;
        }, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// The DDL is Picodata's — <c>CREATE TABLE ... PRIMARY KEY ... [DISTRIBUTED BY (...) | DISTRIBUTED GLOBALLY]</c>,
    /// <c>CREATE [UNIQUE] INDEX</c>, <c>DROP TABLE|INDEX</c>, <c>ALTER TABLE ... ADD COLUMN | RENAME ...</c>,
    /// <c>TRUNCATE</c> — read with the generator's schema reader, so what
    /// Picodata refuses is refused here (a table without a primary key, <c>float</c>, <c>DEFAULT</c>...).
    /// It runs on the storage server as PostgreSQL DDL (integer → bigint, double → double precision,
    /// datetime → timestamptz; distribution, engine and option clauses dropped), is recorded in
    /// <c>_pico_table</c> and <c>_pico_index</c> as Picodata records it, and every running instance
    /// re-imports the user tables (stopped ones do when they start).
    /// </remarks>
    public async Task ExecuteDdlAsync(string ddl, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ddl);
        try
        {
            await RunDdlAsync(ddl, cancellationToken).ConfigureAwait(false);
        }
        catch (PicodataDdlRefusedException refused)
        {
            throw new EmulatedClusterException($"Picodata would refuse this DDL: {refused.Reason}{Environment.NewLine}{ddl}", refused.InnerException ?? refused);
        }
    }

    /// <summary>
    /// The one path of Picodata DDL, from <see cref="ExecuteDdlAsync"/> and from any client through an instance's
    /// front: translated, run on the storage server, and every running instance re-imports the user tables.
    /// </summary>
    /// <exception cref="PicodataDdlRefusedException">Picodata would refuse it (in Picodata's words where it has them).</exception>
    internal Task RunDdlAsync(string ddl, CancellationToken cancellationToken)
    {
        var statements = PicodataDdl.Translate(ddl, _options.Tier);
        return ExclusiveAsync(async () =>
        {
            try
            {
                await Storage.ExecuteAsSuperuserAsync(Database, string.Join(";\n", statements), cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException exception)
            {
                throw new PicodataDdlRefusedException(DdlErrorWording.Of(exception, ddl), exception);
            }

            foreach (var instance in RunningInstances())
            {
                await instance.Server.ExecuteAsSuperuserAsync(Database, InstanceSchema.SyncUserTables, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task SetSystemTablesReadableAsync(bool readable, CancellationToken cancellationToken = default) =>
        ExclusiveAsync(
            () => ExecuteOnStorageAsync(StorageSchema.SetSystemTablesHidden, [!readable], cancellationToken),
            cancellationToken);

    /// <inheritdoc />
    public Task SetAdvertisedAddressAsync(string name, string address, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        return ExclusiveAsync(
            () => ExecuteOnStorageAsync(StorageSchema.UpdatePgprotoAddress, [Find(name).RaftId, address], cancellationToken),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<int> CountSessionsAsync(string name, CancellationToken cancellationToken = default)
    {
        var server = RequireRunning(name, "count the sessions of").Server;
        var connection = await server.OpenSuperuserConnectionAsync(Database, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE usename = $1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = User });
            return (int)(long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StatementLogEntry>> ReadStatementLogAsync(string name, CancellationToken cancellationToken = default)
    {
        var logFile = Find(name).Server.LogFile;
        if (!File.Exists(logFile))
        {
            return [];
        }

        // The server appends while we read: share the file rather than lock it.
        var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            return StatementLogParser.Parse(new StringReader(text));
        }
    }

    /// <summary>Stops every server process and deletes every file of this cluster.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _lifecycle, 2) == 2)
        {
            return;
        }

        // Let a running operation finish, but never hang disposal on a stuck one.
        var entered = await _gate.WaitAsync(GateTimeoutOnDispose).ConfigureAwait(false);
        try
        {
            TearDownNow();
        }
        finally
        {
            if (entered)
            {
                _gate.Release();
            }
        }
    }

    /// <summary>Kills every server and deletes the cluster's files, synchronously; safe to call more than once.</summary>
    internal void TearDownNow()
    {
        List<PostgresServer> servers;
        lock (_instances)
        {
            servers = _instances.Select(i => i.Server).ToList();
        }

        if (_storage is not null)
        {
            servers.Add(_storage);
        }

        foreach (var server in servers)
        {
            server.KillNow();
        }

        lock (_instances)
        {
            foreach (var instance in _instances)
            {
                instance.Front?.Stop();
            }
        }

        lock (_instances)
        {
            foreach (var instance in _instances)
            {
                instance.ProcessState = InstanceProcessState.Killed;
            }
        }

        if (_root is not null)
        {
            ClusterDirectories.Delete(_root);
        }

        LiveClusters.Remove(this);
    }

    private PostgresServer Storage => _storage ?? throw new EmulatedClusterException("The cluster has not been started.");

    private async Task<PostgresServer> CreateServerAsync(
        string directoryName, int port, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(_root!, directoryName);
        await ClusterDirectories.CreateServerDirectoryAsync(directory, cancellationToken).ConfigureAwait(false);
        return new PostgresServer(_installation!, directoryName, directory, port, Superuser, _superuserPassword, settings);
    }

    private async Task PrepareStorageAsync(CancellationToken cancellationToken)
    {
        await RenameDefaultDatabaseAsync(Storage, cancellationToken).ConfigureAwait(false);
        await ExecuteBatchAsync(Storage, StorageSchema.Create(_options.Tier, _options.HideSystemTables), cancellationToken).ConfigureAwait(false);
    }

    private async Task SetUpInstanceAsync(EmulatedInstance instance, CancellationToken cancellationToken)
    {
        await RenameDefaultDatabaseAsync(instance.Server, cancellationToken).ConfigureAwait(false);
        var statements = InstanceSchema.Create(_options, Password, instance.Uuid, Storage.Port, Superuser, _superuserPassword);
        await ExecuteBatchAsync(instance.Server, statements, cancellationToken).ConfigureAwait(false);
    }

    private async Task RenameDefaultDatabaseAsync(PostgresServer server, CancellationToken cancellationToken)
    {
        // Clients name the database in the startup packet; Picodata ignores it, PostgreSQL needs it to exist.
        if (Database != "postgres")
        {
            await server.ExecuteAsSuperuserAsync("template1", $"ALTER DATABASE postgres RENAME TO {SqlText.Identifier(Database)}", cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private async Task ExecuteBatchAsync(PostgresServer server, IReadOnlyList<string> statements, CancellationToken cancellationToken)
    {
        var connection = await server.OpenSuperuserConnectionAsync(Database, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var batch = new NpgsqlBatch(connection);
            foreach (var statement in statements)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(statement));
            }

            try
            {
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException exception)
            {
                throw new EmulatedClusterException(
                    $"Setting up '{server.Name}' failed: {exception.MessageText}{Environment.NewLine}{exception.BatchCommand?.CommandText}", exception);
            }
        }
    }

    private async Task InsertInstanceRowsAsync(EmulatedInstance instance, CancellationToken cancellationToken)
    {
        await ExecuteOnStorageAsync(
            StorageSchema.InsertReplicaset,
            [instance.ReplicasetName, instance.ReplicasetUuid, instance.Name, instance.Tier],
            cancellationToken).ConfigureAwait(false);
        await ExecuteOnStorageAsync(
            StorageSchema.InsertInstance,
            [
                instance.Name, instance.Uuid, instance.RaftId, instance.ReplicasetName, instance.ReplicasetUuid,
                StateJson.Format(instance.State, instance.Incarnation), instance.Tier, _options.PicodataVersion,
            ],
            cancellationToken).ConfigureAwait(false);
        foreach (var (type, address) in new[] { ("iproto", instance.IprotoAddress), ("pgproto", instance.PgprotoAddress), ("http", instance.HttpAddress) })
        {
            await ExecuteOnStorageAsync(StorageSchema.InsertPeerAddress, [instance.RaftId, address, type], cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WriteStateAsync(EmulatedInstance instance, InstanceState state, long incarnation, CancellationToken cancellationToken)
    {
        await ExecuteOnStorageAsync(StorageSchema.UpdateState, [instance.Name, StateJson.Format(state, incarnation)], cancellationToken)
            .ConfigureAwait(false);
        instance.State = state;
        instance.Incarnation = incarnation;
    }

    private async Task StartStoppedAsync(EmulatedInstance instance, CancellationToken cancellationToken)
    {
        // Same port as before: the system tables and the clients still know the old address.
        await instance.Server.StartAsync(mayChangePort: false, cancellationToken).ConfigureAwait(false);
        instance.Front?.Listen();
        instance.ProcessState = InstanceProcessState.Running;
        await instance.Server.ExecuteAsSuperuserAsync(Database, InstanceSchema.SyncUserTables, cancellationToken).ConfigureAwait(false);
        await WriteStateAsync(instance, InstanceState.Online, instance.Incarnation + 1, cancellationToken).ConfigureAwait(false);
    }

    private async Task StopRunningAsync(EmulatedInstance instance, CancellationToken cancellationToken)
    {
        // PostgreSQL's fast shutdown refuses new sessions and ends the open ones with a FATAL, which the front relays.
        instance.Front?.StopListening();
        await instance.Server.StopAsync(cancellationToken).ConfigureAwait(false);
        instance.ProcessState = InstanceProcessState.Stopped;
        // A gracefully stopped Picodata instance is marked Offline within seconds; here at once.
        await WriteStateAsync(instance, InstanceState.Offline, instance.Incarnation, cancellationToken).ConfigureAwait(false);
    }

    private async Task ExecuteOnStorageAsync(string sql, object[] parameters, CancellationToken cancellationToken)
    {
        var connection = await Storage.OpenSuperuserConnectionAsync(Database, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(sql, connection);
            foreach (var value in parameters)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ExclusiveAsync(Func<Task> operation, CancellationToken cancellationToken) =>
        await ExclusiveAsync(async () =>
        {
            await operation().ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);

    private async Task<T> ExclusiveAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            switch (_lifecycle)
            {
                case 0:
                    throw new EmulatedClusterException("The cluster has not been started; call StartAsync first.");
                case 2:
                    throw new ObjectDisposedException(nameof(EmulatedPicodataCluster));
            }

            return await operation().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private EmulatedInstance Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_instances)
        {
            return _instances.Find(i => i.Name == name) ?? throw new EmulatedClusterException(
                $"No instance is called '{name}'. Instances: {string.Join(", ", _instances.Select(i => i.Name))}.");
        }
    }

    private EmulatedInstance RequireRunning(string name, string operation)
    {
        var instance = Find(name);
        return instance.ProcessState == InstanceProcessState.Running
            ? instance
            : throw new EmulatedClusterException($"Cannot {operation} instance '{name}': it is {instance.ProcessState.ToString().ToLowerInvariant()}.");
    }

    private List<EmulatedInstance> RunningInstances()
    {
        lock (_instances)
        {
            return _instances.Where(i => i.ProcessState == InstanceProcessState.Running).ToList();
        }
    }

    private string BuildConnectionString(string host, int port)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = host,
            Port = port,
            Username = User,
            Password = Password,
            Database = Database,
        };
        return PicodataNpgsqlSettings.Apply(builder).ConnectionString;
    }

    // What an instance's Picodata front needs of the cluster, or no front (EmulatedClusterOptions.PicodataFront).
    private Func<PostgresServer, FrontServices>? FrontFor => _options.PicodataFront
        ? server => new FrontServices(Database, User, RunDdlAsync, cancellationToken => server.OpenSuperuserConnectionAsync(Database, cancellationToken))
        : null;

    private static string InstanceDirectoryName(long raftId) => string.Create(CultureInfo.InvariantCulture, $"instance-{raftId}");

    private Dictionary<string, string> InstanceSettings()
    {
        var settings = CommonSettings(_options.MaxConnectionsPerInstance);
        settings["log_statement"] = "all";
        return settings;
    }

    private Dictionary<string, string> StorageSettings()
    {
        // Every instance backend that touches a user table holds one connection to the storage.
        var settings = CommonSettings(Math.Min(2000, (_options.InstanceCount + 4) * _options.MaxConnectionsPerInstance));
        settings["log_statement"] = "none";
        return settings;
    }

    private static Dictionary<string, string> CommonSettings(int maxConnections) => new()
    {
        ["listen_addresses"] = "127.0.0.1",
        // TCP only: no socket files to clash between clusters or with a system PostgreSQL.
        ["unix_socket_directories"] = string.Empty,
        ["max_connections"] = maxConnections.ToString(CultureInfo.InvariantCulture),
        ["shared_buffers"] = "16MB",
        // No fsync: the emulation survives killed processes, not power loss, and fsync costs seconds.
        // Commits stay synchronous: an asynchronous commit waits in shared memory, and a kill -9
        // would lose it, where Picodata keeps every acknowledged write.
        ["fsync"] = "off",
        ["synchronous_commit"] = "on",
        ["full_page_writes"] = "off",
        ["wal_level"] = "minimal",
        ["max_wal_senders"] = "0",
        ["autovacuum"] = "off",
        ["jit"] = "off",
        ["timezone"] = "UTC",
        ["log_timezone"] = "UTC",
        ["lc_messages"] = "C",
        // Picodata's default authentication is md5.
        ["password_encryption"] = "md5",
        // Backends write straight to the log file, before they answer: no collector process, no lag.
        ["logging_collector"] = "off",
        ["log_destination"] = "stderr",
        ["log_line_prefix"] = StatementLogParser.LinePrefix,
        ["log_checkpoints"] = "off",
    };

    private static string RandomSecret() =>
        RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 24);
}
