using System.CommandLine;
using Picopyn.Cli.Schema;
using Picopyn.Generators.Schema;

namespace Picopyn.Cli.Commands;

/// <summary><c>picopyn schema diff --dsn ... schema.sql</c>: how the file and the cluster differ; exit code 1 when they do.</summary>
internal static class SchemaDiffCommand
{
    public static Command Create(CliConsole console)
    {
        var dsn = CliApplication.DsnOption();
        var file = new Argument<FileInfo>("schema") { Description = "The schema file (Picodata DDL) the generator checks queries against." };
        var command = new Command("diff", "Compare a schema file with the cluster's tables; exit code 1 when they differ, so CI can fail on drift.")
        {
            dsn, file,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (CliApplication.Dsn(parse, dsn, console) is not { } connection)
            {
                return ExitCodes.Failed;
            }

            if (!path.Exists)
            {
                console.Error($"{path.FullName} does not exist.");
                return ExitCodes.Failed;
            }

            var declared = SchemaDdlReader.Read(path.Name, await File.ReadAllTextAsync(path.FullName, cancellationToken).ConfigureAwait(false));
            if (declared.Diagnostics.Count > 0)
            {
                foreach (var problem in declared.Diagnostics)
                {
                    var at = problem.Location!;
                    console.Error($"{path.Name}({at.StartLine + 1},{at.StartCharacter + 1}): {problem.Arguments[0]}");
                }

                return ExitCodes.Failed;
            }

            return await ClusterSession.RunAsync(connection, console, async client =>
            {
                var (live, _) = await LiveSchemaReader.ReadAsync(client, cancellationToken).ConfigureAwait(false);
                var differences = SchemaComparer.Compare(declared.Tables, live, path.Name);
                foreach (var difference in differences)
                {
                    await console.Out.WriteLineAsync(difference).ConfigureAwait(false);
                }

                await console.Out.WriteLineAsync(differences.Count == 0
                    ? $"{path.Name} matches the cluster ({live.Count} table(s))."
                    : $"{differences.Count} difference(s) between {path.Name} and the cluster; 'picopyn schema pull' writes the cluster's schema.").ConfigureAwait(false);
                return differences.Count == 0 ? ExitCodes.Success : ExitCodes.Found;
            }, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
