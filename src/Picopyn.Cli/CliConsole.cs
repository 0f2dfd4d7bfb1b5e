using Spectre.Console;

namespace Picopyn.Cli;

/// <summary>
/// Where the tool writes: results to the output, messages and progress to the error stream. A
/// progress bar is drawn only on an interactive terminal; redirected, progress is plain lines.
/// </summary>
internal sealed class CliConsole
{
    private readonly IAnsiConsole _progress;
    private readonly bool _interactive;

    public CliConsole(TextWriter output, TextWriter error)
    {
        Out = output;
        Err = error;
        _interactive = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
        _progress = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(error),
            Interactive = _interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Ansi = _interactive ? AnsiSupport.Detect : AnsiSupport.No,
        });
    }

    public TextWriter Out { get; }

    public TextWriter Err { get; }

    public void Error(string message) => Err.WriteLine("picopyn: " + message);

    /// <summary>Runs <paramref name="work"/> over <paramref name="count"/> items with a progress display; <paramref name="work"/> calls the callback after each.</summary>
    public async Task ProgressAsync(string title, int count, Func<Action<string>, Task> work)
    {
        if (!_interactive)
        {
            var done = 0;
            await work(item => Err.WriteLine($"[{++done}/{count}] {item}")).ConfigureAwait(false);
            return;
        }

        await _progress.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(title, maxValue: Math.Max(1, count));
                await work(_ => task.Increment(1)).ConfigureAwait(false);
            }).ConfigureAwait(false);
    }
}
