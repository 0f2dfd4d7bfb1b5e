using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Picopyn.Runtime.Tests;

/// <summary>One measurement of a Picopyn instrument, with its tags.</summary>
public sealed record Measured<T>(T Value, IReadOnlyDictionary<string, object?> Tags);

/// <summary>
/// Records the measurements of one Picopyn instrument that one client makes (by its <c>picopyn.client</c> tag):
/// every client of the process publishes on the same instruments, and tests run beside each other.
/// </summary>
public sealed class MeasurementRecorder<T> : IDisposable
    where T : struct
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measured<T>> _recorded = new();

    public MeasurementRecorder(string instrument, string client)
    {
        _listener.InstrumentPublished = (published, listener) =>
        {
            if (published.Meter.Name == PicoDiagnostics.MeterName && published.Name == instrument)
            {
                listener.EnableMeasurementEvents(published);
            }
        };
        _listener.SetMeasurementEventCallback<T>((_, value, tags, _) =>
        {
            var all = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                all[tag.Key] = tag.Value;
            }

            if ((string?)all.GetValueOrDefault("picopyn.client") == client)
            {
                _recorded.Enqueue(new Measured<T>(value, all));
            }
        });
        _listener.Start();
    }

    public IReadOnlyList<Measured<T>> Recorded => [.. _recorded];

    public void Dispose() => _listener.Dispose();
}
