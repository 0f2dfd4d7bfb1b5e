using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Picopyn.Benchmarks.Mapping;
using Picopyn.Diagnostics;
using Picopyn.Topology;

namespace Picopyn.Benchmarks.Tracing;

/// <summary>
/// What tracing costs a call: with nobody listening (the baseline) and with an <see cref="ActivityListener"/>
/// that records every span and a <see cref="System.Diagnostics.Metrics.MeterListener"/> on the duration
/// histogram, both in the same run. <see cref="TelemetryBookkeeping"/> is the span and measurement code alone
/// (start, the answering instance, stop), which must allocate nothing when nobody listens;
/// <see cref="GeneratedPointRead"/> is a whole generated one-row read on the emulated cluster.
/// </summary>
public class TracingBenchmarks
{
    private static readonly PicoStatement Statement =
        new("select id, name from bench_rows where id = $1", PicoStatementKind.Read) { Summary = "SELECT bench_rows" };

    private PicoClient? _client;
    private IBenchQueries? _queries;
    private PicoMetrics? _metrics;
    private InstanceNode? _node;
    private ActivityListener? _spans;
    private System.Diagnostics.Metrics.MeterListener? _durations;

    /// <summary>Whether a listener records spans and durations.</summary>
    [Params(false, true)]
    public bool Listening { get; set; }

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        var cluster = await BenchCluster.GetAsync();
        var instance = cluster.Instances[0];
        _client = await PicoClient.ConnectAsync(cluster.BuildDsn([instance]), new PicoClientOptions { EnableDiscovery = false, MaxConnections = 4 });
        _queries = IBenchQueries.Create(_client);
        _metrics = new PicoMetrics("bench", null, static () => [], static _ => 0);
        _node = new InstanceNode(new PicoEndpoint(instance.Host, instance.Port), instance.Host, Npgsql.NpgsqlDataSource.Create(instance.ConnectionString), tls: null);
        if (Listening)
        {
            _spans = new ActivityListener
            {
                ShouldListenTo = source => source.Name == PicoDiagnostics.ActivitySourceName,
                Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            };
            ActivitySource.AddActivityListener(_spans);
            _durations = new System.Diagnostics.Metrics.MeterListener
            {
                InstrumentPublished = static (instrument, listener) =>
                {
                    if (instrument.Meter.Name == PicoDiagnostics.MeterName && instrument.Name == "db.client.operation.duration")
                    {
                        listener.EnableMeasurementEvents(instrument);
                    }
                },
            };
            _durations.SetMeasurementEventCallback<double>(static (_, _, _, _) => { });
            _durations.Start();
        }
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        _spans?.Dispose();
        _durations?.Dispose();
        _metrics?.Dispose();
        if (_node is not null)
        {
            await _node.DataSource.DisposeAsync();
        }

        await BenchCluster.DisposeAllAsync(_client, null);
    }

    [Benchmark(Description = "span + duration bookkeeping")]
    public Activity? TelemetryBookkeeping()
    {
        var telemetry = StatementTelemetry.Start(_metrics!, "picodata", Statement);
        telemetry.Sending(_node!);
        telemetry.Stop();
        return telemetry.Activity;
    }

    [Benchmark(Description = "generated one-row read")]
    public Task<BenchRow?> GeneratedPointRead() => _queries!.FindAsync(42);
}
