using System.Diagnostics;
using Npgsql;
using Picopyn.Diagnostics;
using Picopyn.Topology;

namespace Picopyn.Runtime.Tests;

/// <summary>Tests that read process-wide state no other test may change while they run: the tracing and metric listeners.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NoOtherListeners
{
    public const string Name = "No other listeners";
}

/// <summary>
/// docs/hosting.md's promise: a call with nobody listening allocates nothing for tracing. The span and duration
/// bookkeeping of a statement (start, the answering instance, stop) is counted in bytes allocated on this thread.
/// </summary>
[Collection(NoOtherListeners.Name)]
public sealed class TelemetryAllocationTests
{
    private static readonly PicoStatement Statement = new("select id from users where id = $1", PicoStatementKind.Read) { Summary = "SELECT users" };

    [Fact]
    public async Task Telemetry_around_a_statement_allocates_nothing_when_nobody_listens_and_something_when_a_tracer_does()
    {
        using var metrics = new PicoMetrics("allocation-test", null, static () => [], static _ => 0);
        // A data source that is never opened: the node only names the instance on the span.
        await using var dataSource = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1");
        var node = new InstanceNode(new PicoEndpoint("127.0.0.1", 1), "127.0.0.1", dataSource, tls: null);
        Bookkeeping(metrics, node); // JIT and static initialisation allocate once; the calls after them are what counts

        Assert.False(StatementTelemetry.Source.HasListeners(), "another listener is on the Picopyn source");
        var unlistened = AllocatedBy(() => Bookkeeping(metrics, node));

        using var tracer = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PicoDiagnostics.ActivitySourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(tracer);
        var listened = AllocatedBy(() => Bookkeeping(metrics, node));

        Assert.Equal(0, unlistened);
        Assert.True(listened > 0, "with a tracer listening the same calls allocate their spans: the count sees allocations");
    }

    private static long AllocatedBy(Action calls)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            calls();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static void Bookkeeping(PicoMetrics metrics, InstanceNode node)
    {
        var telemetry = StatementTelemetry.Start(metrics, "picodata", Statement);
        telemetry.Sending(node);
        telemetry.Stop();
    }
}
