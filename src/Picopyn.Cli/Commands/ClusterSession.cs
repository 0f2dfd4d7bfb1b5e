using Npgsql;

namespace Picopyn.Cli.Commands;

/// <summary>
/// Runs a command's work against a cluster and turns what can go wrong — an unreachable cluster, a
/// refused login, unreadable system tables — into one clear line and <see cref="ExitCodes.Failed"/>.
/// Messages come from Picopyn's and Npgsql's exceptions, which never carry the password.
/// </summary>
internal static class ClusterSession
{
    public static async Task<int> RunAsync(string dsn, CliConsole console, Func<PicoClient, Task<int>> work, CancellationToken cancellationToken)
    {
        try
        {
            var client = await PicoClient.ConnectAsync(dsn, cancellationToken: cancellationToken).ConfigureAwait(false);
            await using (client.ConfigureAwait(false))
            {
                return await work(client).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is PicoException or NpgsqlException or System.Text.Json.JsonException or IOException)
        {
            console.Error(exception.Message);
            return ExitCodes.Failed;
        }
    }
}
