using System.CommandLine;
using Npgsql;
using Picopyn.Cli.Verify;

namespace Picopyn.Cli.Commands;

/// <summary>
/// <c>picopyn verify --dsn ... &lt;project or assembly&gt;</c>: every generated query described by a
/// live cluster (nothing executed); exit code 1 when the server's parameter or column types differ
/// from what the code binds and reads.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(CliConsole console)
    {
        var dsn = CliApplication.DsnOption();
        var target = new Argument<string>("target") { Description = "The app: its compiled assembly (.dll), or its project (.csproj or folder), which is built first." };
        var configuration = new Option<string>("--configuration", "-c") { Description = "The configuration to build a project in.", DefaultValueFactory = _ => "Debug" };
        var command = new Command("verify", "Have a live cluster describe every [PicoQuery] statement (nothing is executed) and report where its types differ from the code's.")
        {
            dsn, target, configuration,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            if (CliApplication.Dsn(parse, dsn, console) is not { } connectionString)
            {
                return ExitCodes.Failed;
            }

            var assembly = await AssemblyLocator.LocateAsync(parse.GetValue(target)!, parse.GetValue(configuration)!, console, cancellationToken).ConfigureAwait(false);
            if (assembly is null)
            {
                return ExitCodes.Failed;
            }

            List<QueryManifest> queries;
            try
            {
                queries = ManifestReader.Read(assembly);
            }
            catch (Exception exception) when (exception is IOException or BadImageFormatException)
            {
                console.Error(exception.Message);
                return ExitCodes.Failed;
            }

            if (queries.Count == 0)
            {
                console.Error($"{assembly} holds no generated [PicoQuery] methods (is it built with the Picopyn package?).");
                return ExitCodes.Failed;
            }

            return await VerifyAsync(connectionString, queries, console, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> VerifyAsync(string connectionString, List<QueryManifest> queries, CliConsole console, CancellationToken cancellationToken)
    {
        var failures = new List<(QueryManifest Query, List<string> Problems)>();
        try
        {
            var settings = PicoConnectionSettings.Parse(connectionString);
            var builder = settings.CreateBuilder(settings.Seeds[0]);
            await using var dataSource = PicodataNpgsqlSettings.CreateDataSourceBuilder(builder.ConnectionString).Build();
            // Fail fast on an unreachable cluster or a refused login, before the progress display.
            await (await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
            var verifier = new StatementVerifier(dataSource);
            await console.ProgressAsync("Verifying queries", queries.Count, async advance =>
            {
                foreach (var query in queries)
                {
                    var problems = await verifier.VerifyAsync(query, cancellationToken).ConfigureAwait(false);
                    if (problems.Count > 0)
                    {
                        failures.Add((query, problems));
                    }

                    advance(query.Method);
                }
            }).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is PicoException or NpgsqlException)
        {
            console.Error(exception.Message);
            return ExitCodes.Failed;
        }

        foreach (var (query, problems) in failures)
        {
            await console.Out.WriteLineAsync($"{query.Method}: {query.Sql}").ConfigureAwait(false);
            foreach (var problem in problems)
            {
                await console.Out.WriteLineAsync("  " + problem).ConfigureAwait(false);
            }
        }

        await console.Out.WriteLineAsync(failures.Count == 0
            ? $"All {queries.Count} queries match the cluster."
            : $"{failures.Count} of {queries.Count} queries differ from the cluster.").ConfigureAwait(false);
        return failures.Count == 0 ? ExitCodes.Success : ExitCodes.Found;
    }
}
