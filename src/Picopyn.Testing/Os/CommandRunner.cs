using System.Diagnostics;

namespace Picopyn.Testing.Os;

/// <summary>
/// Runs an external program to completion and captures what it prints. PostgreSQL refuses to run
/// as root, so when this process is root every command runs as the <c>postgres</c> user through
/// <c>setpriv</c>, which execs the program directly (no PAM session, no extra process left over).
/// </summary>
internal static class CommandRunner
{
    /// <summary>The account PostgreSQL runs as when this process is root.</summary>
    public const string PostgresAccount = "postgres";

    public static async Task<CommandResult> RunAsync(
        string fileName, IReadOnlyList<string> arguments, bool asPostgresUser, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };

        if (asPostgresUser && UnixProcess.IsRoot)
        {
            startInfo.FileName = "setpriv";
            startInfo.ArgumentList.Add($"--reuid={PostgresAccount}");
            startInfo.ArgumentList.Add($"--regid={PostgresAccount}");
            startInfo.ArgumentList.Add("--init-groups");
            startInfo.ArgumentList.Add("--");
            startInfo.ArgumentList.Add(fileName);
        }
        else
        {
            startInfo.FileName = fileName;
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Messages in English whatever the machine's locale: the emulation reads some of them.
        startInfo.Environment["LC_ALL"] = "C";
        startInfo.Environment["LANG"] = "C";

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new EmulatedClusterException(
                $"Could not start '{startInfo.FileName}': {exception.Message}. Is it installed and on PATH?", exception);
        }

        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited between the cancellation and the kill: nothing left to stop.
            }

            throw;
        }

        return new CommandResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }
}
