using Npgsql;
using Picopyn.Testing.Postgres;

namespace Picopyn.Testing.EmulatedImage;

/// <summary>Connections to the cluster's shared storage, on the bootstrapping instance's iproto address, as the admin.</summary>
internal sealed class StorageConnections(PicoEndpoint address, string superuser, string password, string database)
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(500);

    public string Database => database;

    /// <summary>The admin's password, the same on every instance's servers.</summary>
    public string Password => password;

    public Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) =>
        SqlCommands.OpenAsync(ConnectionString(address.Host, address.Port, superuser, password, database), cancellationToken);

    /// <summary>A short-lived superuser connection string; a short connect timeout, as a peer may be paused or cut off.</summary>
    public static string ConnectionString(string host, int port, string user, string password, string database) =>
        PostgresServer.SuperuserConnectionString(host, port, user, password, database, timeoutSeconds: 5);

    public async Task ExecuteAsync(string sql, object[] parameters, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await SqlCommands.ExecuteAsync(connection, sql, parameters, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits for the storage, as a joining Picodata instance keeps trying its peer: the bootstrapping container may
    /// still be starting, or this one may not be on the cluster's network yet.
    /// </summary>
    public async Task WaitUntilReachableAsync(TimeSpan timeout, TextWriter log, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
                await connection.DisposeAsync().ConfigureAwait(false);
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException && DateTime.UtcNow < deadline)
            {
                if (attempt == 1 || attempt % 20 == 0)
                {
                    log.WriteLine($"waiting for the peer {address}: {exception.Message}");
                }

                await Task.Delay(RetryInterval, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
