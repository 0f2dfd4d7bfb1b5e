using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Picopyn.Samples.Tests;

/// <summary>
/// A built sample started as its own process: it counts as ready when it prints a line matching the pattern given
/// (a web sample: the line ASP.NET Core logs when it listens on its free loopback port), and it is stopped with
/// SIGTERM, as a service manager stops it, so it shuts down (and disposes an embedded cluster) gracefully.
/// </summary>
internal sealed partial class SampleProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Match> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Regex _readyLine;

    private SampleProcess(Process process, Regex readyLine)
    {
        _process = process;
        _readyLine = readyLine;
    }

    /// <summary>The line that said it was ready, matched.</summary>
    public Match Ready { get; private set; } = null!;

    /// <summary>The address a web sample listens on.</summary>
    public Uri Address => new(Ready.Groups[1].Value);

    /// <summary>What it printed so far (standard output and error), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a web sample on a free loopback port and waits until it listens.</summary>
    public static Task<SampleProcess> StartAsync(string metadataKey, params string[] arguments) =>
        StartAsync(metadataKey, Listening(), [.. arguments, "--urls", "http://127.0.0.1:0"]);

    /// <summary>Starts a sample and waits until it prints a line matching <paramref name="readyLine"/>.</summary>
    public static async Task<SampleProcess> StartAsync(string metadataKey, Regex readyLine, params string[] arguments)
    {
        var sample = new SampleProcess(Process.Start(StartInfo(metadataKey, arguments))!, readyLine);
        sample._process.OutputDataReceived += (_, line) => sample.Read(line.Data);
        sample._process.ErrorDataReceived += (_, line) => sample.Read(line.Data);
        sample._process.BeginOutputReadLine();
        sample._process.BeginErrorReadLine();
        _ = sample._process.WaitForExitAsync().ContinueWith(
            _ => sample._ready.TrySetException(new InvalidOperationException($"The sample exited before it was ready:\n{sample.Output}")),
            TaskScheduler.Default);
        sample.Ready = await sample._ready.Task.WaitAsync(TimeSpan.FromMinutes(2));
        return sample;
    }

    /// <summary>Runs a sample that ends by itself (a console app) to its end: its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string metadataKey, params string[] arguments)
    {
        await using var sample = new SampleProcess(Process.Start(StartInfo(metadataKey, arguments))!, Listening());
        sample._process.OutputDataReceived += (_, line) => sample.Read(line.Data);
        sample._process.ErrorDataReceived += (_, line) => sample.Read(line.Data);
        sample._process.BeginOutputReadLine();
        sample._process.BeginErrorReadLine();
        await sample._process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (sample._process.ExitCode, sample.Output);
    }

    private static ProcessStartInfo StartInfo(string metadataKey, string[] arguments)
    {
        var path = typeof(SampleProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == metadataKey).Value!;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(path) };
        start.ArgumentList.Add(path);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        return start;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    /// <summary>Stops it with SIGTERM (unless it has exited) and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        }

        return _process.ExitCode;
    }

    private void Read(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (_readyLine.Match(line) is { Success: true } match)
        {
            _ready.TrySetResult(match);
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex Listening();
}
