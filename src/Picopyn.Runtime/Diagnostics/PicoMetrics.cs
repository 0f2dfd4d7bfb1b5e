using System.Diagnostics;
using System.Diagnostics.Metrics;
using Picopyn.Topology;

namespace Picopyn.Diagnostics;

/// <summary>
/// The client's <see cref="System.Diagnostics.Metrics"/> instruments, on the meter
/// <see cref="MeterName"/>; each measurement is tagged with the client (<c>picopyn.client</c>) and,
/// where it concerns one, the instance (<c>picopyn.instance</c>). Beside Picopyn's own instruments,
/// OpenTelemetry's stable <c>db.client.operation.duration</c>.
/// </summary>
/// <remarks>
/// With an <see cref="IMeterFactory"/> (a host's), the meter is the factory's, shared by the clients it
/// serves and disposed with it: a disposed client's gauges then report nothing.
/// </remarks>
internal sealed class PicoMetrics : IDisposable
{
    /// <summary>The meter every Picopyn client publishes on.</summary>
    public const string MeterName = PicoDiagnostics.MeterName;

    public const string ClientTag = "picopyn.client";
    public const string InstanceTag = "picopyn.instance";

    // Npgsql's boundaries for the same histogram, in seconds.
    private static readonly double[] s_durationBuckets = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10];
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Histogram<double> _duration;
    private volatile bool _disposed;
    private readonly KeyValuePair<string, object?> _client;
    private readonly Counter<long> _ejections;
    private readonly Counter<long> _discoveries;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _routing;
    private readonly Counter<long> _opened;

    public PicoMetrics(string clientName, IMeterFactory? meterFactory, Func<InstanceNode[]> nodes, Func<InstanceNode, int> openConnections)
    {
        ClientName = clientName;
        _client = new KeyValuePair<string, object?>(ClientTag, clientName);
        var version = typeof(PicoMetrics).Assembly.GetName().Version?.ToString();
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(new MeterOptions(MeterName) { Version = version }) ?? new Meter(MeterName, version);
#if NET9_0_OR_GREATER
        _duration = _meter.CreateHistogram<double>(
            "db.client.operation.duration", "s", "Duration of database client operations.", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_durationBuckets });
#else
        _ = s_durationBuckets;
        _duration = _meter.CreateHistogram<double>("db.client.operation.duration", "s", "Duration of database client operations.");
#endif
        _meter.CreateObservableGauge(
            "picopyn.instance.in_flight", () => Measure(nodes(), n => n.InFlight), "{statement}", "Statements running on each instance.");
        _meter.CreateObservableGauge(
            "picopyn.instance.connections", () => Measure(nodes(), openConnections), "{connection}", "Server connections open to each instance, busy or idle.");
        _ejections = _meter.CreateCounter<long>("picopyn.instance.ejections", "{ejection}", "Times an instance was taken out of rotation as down.");
        _discoveries = _meter.CreateCounter<long>("picopyn.discovery.runs", "{run}", "Discovery runs, tagged by outcome.");
        _opened = _meter.CreateCounter<long>(
            "picopyn.connection.opened", "{connection}", "Server connections opened: warm-up, replacements of broken ones, and moves of the placement plan.");
        _routing = _meter.CreateCounter<long>(
            "picopyn.statement.routing", "{statement}", "Statements with a sharding key: routed to the owner of their bucket, or fallen back to balancing (tagged by reason).");
        _retries = _meter.CreateCounter<long>("picopyn.statement.retries", "{retry}", "Statements run again on another instance after a lost connection.");
    }

    /// <summary>The client's name, the <c>picopyn.client</c> tag.</summary>
    public string ClientName { get; }

    /// <summary>Whether anyone listens to <c>db.client.operation.duration</c>: when not, calls do not read the clock.</summary>
    public bool MeasuresDuration => _duration.Enabled;

    /// <summary>One logical call's duration, tagged as its span is (<see cref="StatementTelemetry"/>).</summary>
    public void OperationDuration(double seconds, in TagList tags) => _duration.Record(seconds, tags);

    public void Ejected(InstanceNode node) => _ejections.Add(1, _client, Instance(node));

    public void Discovered(string outcome) => _discoveries.Add(1, _client, new KeyValuePair<string, object?>("picopyn.outcome", outcome));

    public void ConnectionOpened(InstanceNode node) => _opened.Add(1, _client, Instance(node));

    public void Retried(InstanceNode from) => _retries.Add(1, _client, Instance(from));

    public void Routed(InstanceNode to) =>
        _routing.Add(1, _client, new KeyValuePair<string, object?>("picopyn.route", "routed"), Instance(to));

    public void FellBack(string reason) =>
        _routing.Add(1, _client, new KeyValuePair<string, object?>("picopyn.route", "fell_back"), new KeyValuePair<string, object?>("picopyn.reason", reason));

    public void Dispose()
    {
        _disposed = true;
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private IEnumerable<Measurement<int>> Measure(InstanceNode[] nodes, Func<InstanceNode, int> value)
    {
        if (_disposed)
        {
            yield break;
        }

        foreach (var node in nodes)
        {
            yield return new Measurement<int>(value(node), _client, Instance(node));
        }
    }

    private static KeyValuePair<string, object?> Instance(InstanceNode node) => new(InstanceTag, node.DisplayName);
}
