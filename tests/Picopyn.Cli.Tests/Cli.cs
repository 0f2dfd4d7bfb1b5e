namespace Picopyn.Cli.Tests;

/// <summary>Runs the tool in-process, as a shell would, capturing what it writes.</summary>
internal static class Cli
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApplication.RunAsync(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
