using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Picopyn.Hosting.Tests;

/// <summary><c>AddPicopynInstrumentation()</c> on the OpenTelemetry SDK's providers: what an exporter receives.</summary>
public sealed class OpenTelemetryTests
{
    [Fact]
    public async Task The_tracer_provider_exports_the_client_spans_and_the_meter_provider_the_operation_duration()
    {
        await using var cluster = await GuardedCluster.StartAsync(1);
        await cluster.Cluster.ExecuteDdlAsync(IItemQueries.Table);
        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        using var root = new ActivitySource("Picopyn.Hosting.Tests");
        using (var tracing = Sdk.CreateTracerProviderBuilder().AddSource(root.Name).AddPicopynInstrumentation().AddInMemoryExporter(spans).Build())
        using (var meters = Sdk.CreateMeterProviderBuilder().AddPicopynInstrumentation().AddInMemoryExporter(metrics).Build())
        {
            await using var client = await PicoClient.ConnectAsync(cluster.Dsn(), new PicoClientOptions { Name = "exported" });
            var items = IItemQueries.Create(client);
            ActivityTraceId trace;
            using (var test = root.StartActivity("test")!)
            {
                trace = test.TraceId;
                await items.AddAsync(1, "one");
                await items.FindAsync(1);
            }

            tracing.ForceFlush();
            meters.ForceFlush();
            var ours = spans.Where(s => s.TraceId == trace && s.Source.Name == PicoDiagnostics.ActivitySourceName).ToList();
            Assert.Equal(["INSERT items", "SELECT items"], ours.Select(s => s.DisplayName));
            Assert.All(ours, s => Assert.Equal(cluster[0].Port, s.GetTagItem("server.port")));

            // The exporter's snapshots of this flush (other tests' clients publish on the same meter name).
            var duration = metrics.First(m => m.Name == "db.client.operation.duration");
            Assert.Equal("s", duration.Unit);
            Assert.Equal(MetricType.Histogram, duration.MetricType);
            var summaries = new List<string>();
            foreach (var point in duration.MetricPoints)
            {
                var tags = new Dictionary<string, object?>();
                foreach (var tag in point.Tags)
                {
                    tags[tag.Key] = tag.Value;
                }

                if ((string?)tags.GetValueOrDefault("picopyn.client") == "exported")
                {
                    Assert.Equal(1, point.GetHistogramCount());
                    summaries.Add((string)tags["db.query.summary"]!);
                }
            }

            Assert.Equal(["INSERT items", "SELECT items"], summaries.Order());
        }
    }
}
