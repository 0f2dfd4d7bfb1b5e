using System.Globalization;
using Npgsql;
using Picopyn.Testing.Emulation;
using Picopyn.Testing.Postgres;

namespace Picopyn.Testing;

/// <content>The PostgreSQL servers behind the cluster: their creation, settings, set-up and the storage they share.</content>
public sealed partial class EmulatedPicodataCluster
{
    private async Task<PostgresServer> CreateServerAsync(
        string directoryName, int port, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(_root!, directoryName);
        await ClusterDirectories.CreateServerDirectoryAsync(directory, cancellationToken).ConfigureAwait(false);
        return new PostgresServer(_installation!, directoryName, directory, port, Superuser, SuperuserPassword, settings);
    }

    // The superuser every server of the cluster was made with: the data directory template's.
    private string SuperuserPassword => _template?.SuperuserPassword ?? throw new EmulatedClusterException("The cluster has not been started.");

    // A copy of the template's data directory, then what the application user's authentication method needs of its pg_hba.conf.
    private async Task InitializeInstanceServerAsync(PostgresServer server, CancellationToken cancellationToken)
    {
        await _template!.CopyToAsync(server.DataDirectory, cancellationToken).ConfigureAwait(false);
        if (_options.AuthMethod == PicodataAuthMethod.Ldap)
        {
            await server.AskPasswordInTheClearAsync(User, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PrepareStorageAsync(CancellationToken cancellationToken)
    {
        await RenameDefaultDatabaseAsync(Storage, cancellationToken).ConfigureAwait(false);
        await ExecuteBatchAsync(Storage, [.. StorageSchema.Create(_options.Tier, _options.HideSystemTables, _options.BucketCount), .. BucketIdFunctions.Create()], cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task SetUpInstanceAsync(EmulatedInstance instance, CancellationToken cancellationToken)
    {
        await RenameDefaultDatabaseAsync(instance.Server, cancellationToken).ConfigureAwait(false);
        var statements = InstanceSchema.Create(_options, Password, instance.Uuid, new PicoEndpoint("127.0.0.1", Storage.Port), Superuser, SuperuserPassword);
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

    private async Task ExecuteOnStorageAsync(string sql, object[] parameters, CancellationToken cancellationToken)
    {
        var connection = await Storage.OpenSuperuserConnectionAsync(Database, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await SqlCommands.ExecuteAsync(connection, sql, parameters, cancellationToken).ConfigureAwait(false);
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
        if (CertificateAuthorityPath is { } authority)
        {
            builder.SslMode = SslMode.VerifyFull;
            builder.RootCertificate = authority;
            builder.SslCertificate = _clientCertificate?.CertificatePath;
            builder.SslKey = _clientCertificate?.KeyPath;
        }

        return PicodataNpgsqlSettings.Apply(builder).ConnectionString;
    }

    private static string InstanceDirectoryName(long raftId) => string.Create(CultureInfo.InvariantCulture, $"instance-{raftId}");

    private Dictionary<string, string> InstanceSettings()
    {
        // Room beside the clients' sessions for the other instances' forwarded statements.
        var settings = ServerSettings.Common(2 * _options.MaxConnectionsPerInstance);
        settings["log_statement"] = "all";
        return settings;
    }

    private Dictionary<string, string> StorageSettings()
    {
        // Every instance backend that touches a user table holds one connection to the storage.
        var settings = ServerSettings.Common(Math.Min(2000, (_options.InstanceCount + 4) * _options.MaxConnectionsPerInstance));
        settings["log_statement"] = "none";
        return settings;
    }
}
