using System.Diagnostics;

namespace Picopyn.Cli.Verify;

/// <summary>Finds the assembly to verify: the one given, or the one a project builds to (the project is built first).</summary>
internal static class AssemblyLocator
{
    public static async Task<string?> LocateAsync(string target, string configuration, CliConsole console, CancellationToken cancellationToken)
    {
        if (File.Exists(target) && (target.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || target.EndsWith(".exe", StringComparison.OrdinalIgnoreCase)))
        {
            return Path.GetFullPath(target);
        }

        var project = Directory.Exists(target) ? Directory.GetFiles(target, "*.csproj") : File.Exists(target) ? [target] : [];
        if (project.Length != 1)
        {
            console.Error(project.Length == 0
                ? $"{target} is neither an assembly (.dll) nor a project (.csproj, or a folder holding one)."
                : $"{target} holds several projects; name one.");
            return null;
        }

        console.Err.WriteLine($"Building {project[0]} ({configuration})...");
        var build = await DotnetAsync(["build", project[0], "-c", configuration, "--nologo", "-v", "quiet"], cancellationToken).ConfigureAwait(false);
        if (build.ExitCode != 0)
        {
            console.Error($"The build of {project[0]} failed:{Environment.NewLine}{build.Output.TrimEnd()}");
            return null;
        }

        var property = await DotnetAsync(["msbuild", project[0], "-getProperty:TargetPath", $"-p:Configuration={configuration}", "-nologo"], cancellationToken)
            .ConfigureAwait(false);
        var path = property.Output.Trim();
        if (property.ExitCode != 0 || !File.Exists(path))
        {
            console.Error($"Could not find what {project[0]} builds to ({path}).");
            return null;
        }

        return path;
    }

    private static async Task<(int ExitCode, string Output)> DotnetAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new IOException("Could not start dotnet.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return (process.ExitCode, await output.ConfigureAwait(false) + await error.ConfigureAwait(false));
    }
}
