using System.Text;
using Npgsql;

namespace Picopyn.Testing;

/// <content>What a test reads of the instances: their sessions and statement logs.</content>
public sealed partial class EmulatedPicodataCluster
{
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
}
