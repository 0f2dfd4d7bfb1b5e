using System.CommandLine;
using Picopyn.Cli.Schema;
using Picopyn.Generators.Schema;

namespace Picopyn.Cli.Commands;

/// <summary><c>picopyn schema pull --dsn ... [-o schema.sql]</c>: the cluster's tables as the DDL the generator reads.</summary>
internal static class SchemaPullCommand
{
    public const string Header = """
        -- The tables of a Picodata cluster, as 'picopyn schema pull' read them from _pico_table.
        -- The Picopyn generator checks [PicoQuery] statements against this file: <PicoSchema Include="schema.sql" />.
        -- 'picopyn schema diff' tells when the cluster and this file drift apart.

        """;

    public static Command Create(CliConsole console)
    {
        var dsn = CliApplication.DsnOption();
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the DDL to this file instead of standard output." };
        var command = new Command("pull", "Write the cluster's tables (from _pico_table and _pico_index) as Picodata DDL the generator accepts.")
        {
            dsn, output,
        };

        command.SetAction((parse, cancellationToken) =>
        {
            if (CliApplication.Dsn(parse, dsn, console) is not { } connection)
            {
                return Task.FromResult(ExitCodes.Failed);
            }

            return ClusterSession.RunAsync(connection, console, async client =>
            {
                var (tables, notes) = await LiveSchemaReader.ReadAsync(client, cancellationToken).ConfigureAwait(false);
                foreach (var note in notes)
                {
                    console.Error(note);
                }

                var ddl = Header + SchemaDdlWriter.Write(tables);
                if (parse.GetValue(output) is { } file)
                {
                    await File.WriteAllTextAsync(file.FullName, ddl, cancellationToken).ConfigureAwait(false);
                    console.Err.WriteLine($"Wrote {tables.Count} table(s) to {file.FullName}.");
                }
                else
                {
                    await console.Out.WriteAsync(ddl).ConfigureAwait(false);
                }

                return ExitCodes.Success;
            }, cancellationToken);
        });
        return command;
    }
}
