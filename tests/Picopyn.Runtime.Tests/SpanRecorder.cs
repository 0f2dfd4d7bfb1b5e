using System.Collections.Concurrent;
using System.Diagnostics;

namespace Picopyn.Runtime.Tests;

/// <summary>
/// Records the Picopyn spans of the trace this recorder's <see cref="Root"/> starts: tests run beside each other
/// in one process and every client publishes on the same source, so a test reads only its own trace.
/// </summary>
public sealed class SpanRecorder : IDisposable
{
    private static readonly ActivitySource Tests = new("Picopyn.Tests");
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _recorded = new();
    private ActivityTraceId _trace;

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is PicoDiagnostics.ActivitySourceName or "Picopyn.Tests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == PicoDiagnostics.ActivitySourceName && activity.TraceId == _trace)
                {
                    _recorded.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<Activity> Recorded => [.. _recorded];

    public Activity Root()
    {
        var root = Tests.StartActivity("test")!;
        _trace = root.TraceId;
        return root;
    }

    public void Dispose() => _listener.Dispose();
}
