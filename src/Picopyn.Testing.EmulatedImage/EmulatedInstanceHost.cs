using System.Globalization;
using System.Net;
using Npgsql;
using Picopyn.Testing.Emulation;
using Picopyn.Testing.Front;
using Picopyn.Testing.Front.Routing;
using Picopyn.Testing.Postgres;

namespace Picopyn.Testing.EmulatedImage;

/// <summary>
/// One emulated Picodata instance in its container: its own PostgreSQL behind a Picodata front on the pgproto port,
/// and — for the instance that bootstraps — the cluster's shared storage on the iproto port, which every other
/// instance joins through (<c>PICODATA_PEER</c>) as a Picodata instance joins through its peer.
/// </summary>
/// <remarks>
/// <para>
/// Start: the storage (bootstrap only), the instance's server, its rows in the system tables (a new name gets the
/// next raft id and the buckets are shared out again; a known name — a restarted container — keeps its uuid and raft
/// id), its schema and logins, then the front; then the instance is Online with a higher incarnation and the health
/// endpoint says ready. <c>SIGTERM</c> (<c>docker stop</c>) marks it Offline and stops the servers, as a gracefully
/// stopped Picodata instance; <c>SIGKILL</c> leaves it Online, as a crash does.
/// </para>
/// <para>
/// What differs from the in-process <see cref="EmulatedPicodataCluster"/>: statements are not forwarded between
/// instances (each reads and writes the shared storage), and the data lives on the first instance, which must run
/// for the others to answer.
/// </para>
/// </remarks>
internal sealed class EmulatedInstanceHost : IAsyncDisposable
{
    /// <summary>The instance's own PostgreSQL, inside the container; peers reach it at their iproto host for cluster-wide DDL.</summary>
    public const int InstancePostgresPort = 5432;

    private const string Superuser = "admin";
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromMinutes(2);

    private readonly InstanceEnvironment _environment;
    private readonly TextWriter _log;
    private readonly EmulatedClusterOptions _options = new();
    private readonly ReadinessEndpoint _readiness;
    private PostgresServer? _storage;
    private PostgresServer? _server;
    private PicodataFront? _front;
    private ClusterWideStatements? _clusterWide;
    private long _incarnation;

    public EmulatedInstanceHost(InstanceEnvironment environment, TextWriter log)
    {
        _environment = environment;
        _log = log;
        _readiness = new ReadinessEndpoint(environment.HttpListen.Port);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var installation = PostgresInstallation.Locate(null);
        Directory.CreateDirectory(_environment.DataDirectory);
        if (_environment.Bootstraps)
        {
            _storage = await StartServerAsync(installation, "storage", _environment.IprotoListen.Port, StorageSchemaStatements(), cancellationToken)
                .ConfigureAwait(false);
            _log.WriteLine($"{_environment.Name}: the cluster's storage listens on port {_environment.IprotoListen.Port}");
        }

        _server = await StartServerAsync(installation, "instance", InstancePostgresPort, [], cancellationToken).ConfigureAwait(false);
        var storage = new StorageConnections(_environment.Peer, Superuser, _environment.AdminPassword, _options.Database);
        await storage.WaitUntilReachableAsync(JoinTimeout, _log, cancellationToken).ConfigureAwait(false);

        var identity = await InstanceRegistration.JoinAsync(storage, _environment, _options, cancellationToken).ConfigureAwait(false);
        _incarnation = identity.Incarnation;
        if (!await HasInstanceSchemaAsync(_server, cancellationToken).ConfigureAwait(false))
        {
            var statements = InstanceSchema.Create(
                _options, applicationPassword: null, identity.Uuid, _environment.Peer, Superuser, _environment.AdminPassword);
            await _server.ExecuteAsSuperuserAsync(_options.Database, string.Join(";\n", statements), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _server.ExecuteAsSuperuserAsync(_options.Database, InstanceSchema.SyncUserTables, cancellationToken).ConfigureAwait(false);
        }

        await _server.ExecuteAsSuperuserAsync(_options.Database, InstanceSchema.SyncUsers, cancellationToken).ConfigureAwait(false);

        var server = _server;
        _clusterWide = new ClusterWideStatements(storage, _options, server, _log);
        _front = PicodataFront.Start(
            () => InstancePostgresPort,
            new FrontServices(
                _options.Database,
                InstanceSchema.ApplicationRole,
                _clusterWide.RunAsync,
                token => server.OpenSuperuserConnectionAsync(_options.Database, token),
                identity.RaftId,
                // No forwarding here: every instance reads and writes the shared storage itself.
                () => ShardMap.Empty,
                _ => false,
                new RoutingCounters()),
            new IPEndPoint(IPAddress.Any, _environment.PgListen.Port));

        _incarnation++;
        await storage.ExecuteAsync(StorageSchema.UpdateState, [_environment.Name, StateJson.Format(InstanceState.Online, _incarnation)], cancellationToken)
            .ConfigureAwait(false);
        _readiness.Ready = true;
        _log.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{_environment.Name}: Online (raft id {identity.RaftId}, incarnation {_incarnation}), pgproto on port {_environment.PgListen.Port}"));
    }

    /// <summary>A graceful stop: no new sessions, Offline in the system tables, then the servers stop (open sessions end with PostgreSQL's FATAL).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _readiness.Ready = false;
        _front?.StopListening();
        if (_clusterWide is not null)
        {
            try
            {
                await _clusterWide.Storage.ExecuteAsync(
                    StorageSchema.UpdateState, [_environment.Name, StateJson.Format(InstanceState.Offline, _incarnation)], cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                _log.WriteLine($"{_environment.Name}: could not mark itself Offline: {exception.Message}");
            }
        }

        if (_server is { IsRunning: true })
        {
            await _server.StopAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_storage is { IsRunning: true })
        {
            await _storage.StopAsync(cancellationToken).ConfigureAwait(false);
        }

        _log.WriteLine($"{_environment.Name}: stopped");
    }

    public async ValueTask DisposeAsync()
    {
        if (_front is not null)
        {
            await _front.DisposeAsync().ConfigureAwait(false);
        }

        _readiness.Dispose();
    }

    private async Task<bool> HasInstanceSchemaAsync(PostgresServer server, CancellationToken cancellationToken)
    {
        var connection = await server.OpenSuperuserConnectionAsync(_options.Database, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand("SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = $1", connection)
            {
                Parameters = { new() { Value = InstanceSchema.PrivateSchema } },
            };
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! > 0;
        }
    }

    private IReadOnlyList<string> StorageSchemaStatements() =>
    [
        .. StorageSchema.Create(_options.Tier, systemTablesHidden: true, _options.BucketCount),
        .. BucketIdFunctions.Create(),
        string.Create(CultureInfo.InvariantCulture, $"UPDATE {StorageSchema.SystemSchema}._pico_tier SET replication_factor = {_environment.ReplicationFactor}"),
    ];

    // Created once, on the container's first start; a restarted container finds its data directory and only starts the server.
    private async Task<PostgresServer> StartServerAsync(
        PostgresInstallation installation, string name, int port, IReadOnlyList<string> schema, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(_environment.DataDirectory, name);
        var settings = ServerSettings.Common(name == "storage" ? 1000 : 2 * _options.MaxConnectionsPerInstance);
        settings["listen_addresses"] = "*";
        settings["log_statement"] = name == "storage" ? "none" : "all";
        var server = new PostgresServer(installation, name, directory, port, Superuser, _environment.AdminPassword, settings);
        var isNew = !File.Exists(Path.Combine(server.DataDirectory, "PG_VERSION"));
        if (isNew)
        {
            await ClusterDirectories.CreateServerDirectoryAsync(directory, cancellationToken).ConfigureAwait(false);
            await server.InitializeAsync(cancellationToken).ConfigureAwait(false);
            await server.AcceptRemoteLoginsAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // A new container runs no server yet: a lock file is what a killed one left.
            File.Delete(Path.Combine(server.DataDirectory, "postmaster.pid"));
        }

        await server.StartAsync(mayChangePort: false, cancellationToken).ConfigureAwait(false);
        if (isNew)
        {
            await server.ExecuteAsSuperuserAsync("template1", $"ALTER DATABASE postgres RENAME TO {SqlText.Identifier(_options.Database)}", cancellationToken)
                .ConfigureAwait(false);
            if (schema.Count > 0)
            {
                await server.ExecuteAsSuperuserAsync(_options.Database, string.Join(";\n", schema), cancellationToken).ConfigureAwait(false);
            }
        }

        return server;
    }
}
