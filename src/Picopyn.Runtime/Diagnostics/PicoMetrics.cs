using System.Diagnostics;
using System.Diagnostics.Metrics;
using Picopyn.Topology;

namespace Picopyn.Diagnostics;

/// <summary>
/// One client's view of the Picopyn instruments (<see cref="PicoInstruments"/>, shared by the clients of one
/// meter): each measurement is tagged with the client (<c>picopyn.client</c>) and, where it concerns one, the
/// instance (<c>picopyn.instance</c>). Beside Picopyn's own instruments, OpenTelemetry's stable
/// <c>db.client.operation.duration</c>.
/// </summary>
internal sealed class PicoMetrics : IDisposable
{
    /// <summary>The meter every Picopyn client publishes on.</summary>
    public const string MeterName = PicoDiagnostics.MeterName;

    public const string ClientTag = "picopyn.client";
    public const string InstanceTag = "picopyn.instance";

    private readonly PicoInstruments _instruments;
    private readonly Func<InstanceNode[]> _nodes;
    private readonly Func<InstanceNode, int> _openConnections;
    private readonly KeyValuePair<string, object?> _client;

    public PicoMetrics(string clientName, IMeterFactory? meterFactory, Func<InstanceNode[]> nodes, Func<InstanceNode, int> openConnections)
    {
        ClientName = clientName;
        _client = new KeyValuePair<string, object?>(ClientTag, clientName);
        _nodes = nodes;
        _openConnections = openConnections;
        _instruments = PicoInstruments.For(meterFactory);
        _instruments.Register(this);
    }

    /// <summary>The client's name, the <c>picopyn.client</c> tag.</summary>
    public string ClientName { get; }

    /// <summary>Whether anyone listens to <c>db.client.operation.duration</c>: when not, calls do not read the clock.</summary>
    public bool MeasuresDuration => _instruments.Duration.Enabled;

    /// <summary>One logical call's duration, tagged as its span is (<see cref="StatementTelemetry"/>).</summary>
    public void OperationDuration(double seconds, in TagList tags) => _instruments.Duration.Record(seconds, tags);

    /// <summary>The gauge <c>picopyn.instance.in_flight</c>, per instance of this client.</summary>
    public IEnumerable<Measurement<int>> InFlight() => Measure(static (_, n) => n.InFlight);

    /// <summary>The gauge <c>picopyn.instance.connections</c>, per instance of this client.</summary>
    public IEnumerable<Measurement<int>> Connections() => Measure(static (self, n) => self._openConnections(n));

    public void Ejected(InstanceNode node) => _instruments.Ejections.Add(1, _client, Instance(node));

    public void Discovered(string outcome) => _instruments.Discoveries.Add(1, _client, new KeyValuePair<string, object?>("picopyn.outcome", outcome));

    public void ConnectionOpened(InstanceNode node) => _instruments.Opened.Add(1, _client, Instance(node));

    public void Retried(InstanceNode from) => _instruments.Retries.Add(1, _client, Instance(from));

    public void Routed(InstanceNode to) =>
        _instruments.Routing.Add(1, _client, new KeyValuePair<string, object?>("picopyn.route", "routed"), Instance(to));

    public void FellBack(string reason) =>
        _instruments.Routing.Add(1, _client, new KeyValuePair<string, object?>("picopyn.route", "fell_back"), new KeyValuePair<string, object?>("picopyn.reason", reason));

    public void Dispose() => _instruments.Unregister(this);

    private IEnumerable<Measurement<int>> Measure(Func<PicoMetrics, InstanceNode, int> value)
    {
        foreach (var node in _nodes())
        {
            yield return new Measurement<int>(value(this, node), _client, Instance(node));
        }
    }

    private static KeyValuePair<string, object?> Instance(InstanceNode node) => new(InstanceTag, node.DisplayName);
}
