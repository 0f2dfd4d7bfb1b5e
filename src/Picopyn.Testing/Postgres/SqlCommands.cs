using Npgsql;

namespace Picopyn.Testing.Postgres;

/// <summary>The emulation's own set-up statements: a connection opened (and closed again if it fails), a statement run with positional parameters.</summary>
internal static class SqlCommands
{
    /// <summary>Opens a connection; one that fails to open is disposed, not leaked.</summary>
    public static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs <paramref name="sql"/> with <paramref name="parameters"/> as <c>$1..$n</c>.</summary>
    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql, object[] parameters, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
