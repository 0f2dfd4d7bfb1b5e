using System.CommandLine;
using Picopyn.Cli.Commands;

namespace Picopyn.Cli;

/// <summary>
/// The <c>picopyn</c> command line: <c>schema pull</c>, <c>schema diff</c> and <c>verify</c>
/// (docs/schema-checking.md). Results go to the output writer, progress and errors to the error
/// writer, so <c>picopyn schema pull --dsn ... &gt; schema.sql</c> gets nothing but the DDL.
/// </summary>
internal static class CliApplication
{
    /// <summary>The environment variable read when <c>--dsn</c> is not given, so a password need not be on the command line.</summary>
    public const string DsnVariable = "PICOPYN_DSN";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var console = new CliConsole(output, error);
        var schema = new Command("schema", "Keep the schema file the generator checks queries against true to a cluster.")
        {
            SchemaPullCommand.Create(console),
            SchemaDiffCommand.Create(console),
        };
        var root = new RootCommand("picopyn: the Picopyn schema tool for Picodata.")
        {
            schema,
            VerifyCommand.Create(console),
        };

        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await root.Parse(args).InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The <c>--dsn</c> option every command that talks to a cluster takes.</summary>
    public static Option<string?> DsnOption() => new("--dsn")
    {
        Description = $"The cluster: a postgresql:// URI or an Npgsql connection string (default: ${DsnVariable}). The password is never printed.",
    };

    /// <summary>The DSN from the option or the environment; null (with a message) when neither gives one.</summary>
    public static string? Dsn(ParseResult parse, Option<string?> option, CliConsole console)
    {
        var dsn = parse.GetValue(option);
        if (string.IsNullOrWhiteSpace(dsn))
        {
            dsn = Environment.GetEnvironmentVariable(DsnVariable);
        }

        if (string.IsNullOrWhiteSpace(dsn))
        {
            console.Error($"No cluster given: pass --dsn postgresql://user:password@host:4327/db, or set {DsnVariable}.");
            return null;
        }

        return dsn;
    }
}
