using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Picopyn.Diagnostics;

/// <summary>
/// The instruments of one <see cref="Meter"/> named <see cref="PicoDiagnostics.MeterName"/>, made once and shared
/// by every client that publishes on it: a listener sees one instrument of each name, its measurements told apart
/// by their <c>picopyn.client</c> tag. The gauges read every client registered on it.
/// </summary>
/// <remarks>
/// Clients without an <see cref="IMeterFactory"/> share one process-wide meter (as Npgsql's data sources share
/// theirs); a factory's meter is the factory's, cached by it per name, and gets its own instruments here.
/// </remarks>
internal sealed class PicoInstruments
{
    // Npgsql's boundaries for the same histogram, in seconds.
    private static readonly double[] s_durationBuckets = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10];
    private static readonly string? s_version = typeof(PicoInstruments).Assembly.GetName().Version?.ToString();
    private static readonly Lazy<PicoInstruments> s_shared = new(() => new PicoInstruments(new Meter(PicoDiagnostics.MeterName, s_version)));
    private static readonly ConditionalWeakTable<Meter, PicoInstruments> s_ofFactoryMeters = [];

    private readonly object _lock = new();
    private PicoMetrics[] _clients = [];

    private PicoInstruments(Meter meter)
    {
#if NET9_0_OR_GREATER
        Duration = meter.CreateHistogram<double>(
            "db.client.operation.duration", "s", "Duration of database client operations.", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_durationBuckets });
#else
        _ = s_durationBuckets;
        Duration = meter.CreateHistogram<double>("db.client.operation.duration", "s", "Duration of database client operations.");
#endif
        meter.CreateObservableGauge(
            "picopyn.instance.in_flight", () => Measure(static c => c.InFlight()), "{statement}", "Statements running on each instance.");
        meter.CreateObservableGauge(
            "picopyn.instance.connections", () => Measure(static c => c.Connections()), "{connection}", "Server connections open to each instance, busy or idle.");
        Ejections = meter.CreateCounter<long>("picopyn.instance.ejections", "{ejection}", "Times an instance was taken out of rotation as down.");
        Discoveries = meter.CreateCounter<long>("picopyn.discovery.runs", "{run}", "Discovery runs, tagged by outcome.");
        Opened = meter.CreateCounter<long>(
            "picopyn.connection.opened", "{connection}", "Server connections opened: warm-up, replacements of broken ones, and moves of the placement plan.");
        Routing = meter.CreateCounter<long>(
            "picopyn.statement.routing", "{statement}", "Statements with a sharding key: routed to the owner of their bucket, or fallen back to balancing (tagged by reason).");
        Retries = meter.CreateCounter<long>("picopyn.statement.retries", "{retry}", "Statements run again on another instance after a lost connection.");
    }

    public Histogram<double> Duration { get; }

    public Counter<long> Ejections { get; }

    public Counter<long> Discoveries { get; }

    public Counter<long> Opened { get; }

    public Counter<long> Routing { get; }

    public Counter<long> Retries { get; }

    /// <summary>The instruments on <paramref name="factory"/>'s Picopyn meter, or on the process-wide one when there is no factory.</summary>
    public static PicoInstruments For(IMeterFactory? factory) =>
        factory is null
            ? s_shared.Value
            : s_ofFactoryMeters.GetValue(factory.Create(new MeterOptions(PicoDiagnostics.MeterName) { Version = s_version }), static meter => new PicoInstruments(meter));

    /// <summary>Adds a client to the gauges' readings.</summary>
    public void Register(PicoMetrics client)
    {
        lock (_lock)
        {
            _clients = [.. _clients, client];
        }
    }

    /// <summary>Takes a disposed client out of the gauges' readings.</summary>
    public void Unregister(PicoMetrics client)
    {
        lock (_lock)
        {
            _clients = [.. _clients.Where(c => c != client)];
        }
    }

    private IEnumerable<Measurement<int>> Measure(Func<PicoMetrics, IEnumerable<Measurement<int>>> of)
    {
        foreach (var client in Volatile.Read(ref _clients))
        {
            foreach (var measurement in of(client))
            {
                yield return measurement;
            }
        }
    }
}
