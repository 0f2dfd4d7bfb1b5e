using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Picopyn.Samples.Tests;

/// <summary>
/// A built sample started as its own process on a free loopback port: its address is read from the line ASP.NET
/// Core logs when it listens, and it is stopped with SIGTERM, as a service manager stops it, so it shuts down
/// (and disposes an embedded cluster) gracefully.
/// </summary>
internal sealed partial class SampleProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SampleProcess(Process process) => _process = process;

    /// <summary>The address it listens on.</summary>
    public Uri Address { get; private set; } = null!;

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

    public static async Task<SampleProcess> StartAsync(string metadataKey, params string[] arguments)
    {
        var path = typeof(SampleProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == metadataKey).Value!;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(path) };
        start.ArgumentList.Add(path);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var sample = new SampleProcess(Process.Start(start)!);
        sample._process.OutputDataReceived += (_, line) => sample.Read(line.Data);
        sample._process.ErrorDataReceived += (_, line) => sample.Read(line.Data);
        sample._process.BeginOutputReadLine();
        sample._process.BeginErrorReadLine();
        _ = sample._process.WaitForExitAsync().ContinueWith(
            _ => sample._listening.TrySetException(new InvalidOperationException($"The sample exited before listening:\n{sample.Output}")),
            TaskScheduler.Default);
        sample.Address = await sample._listening.Task.WaitAsync(TimeSpan.FromMinutes(2));
        return sample;
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

        if (Listening().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex Listening();
}
