// The Native AOT smoke app (.ci/run publishes it with PublishAot and runs it):
//
//   Picopyn.AotSmoke <dsn>
//
// Registers a client with AddPicopyn, its generated queries, a start-up connect and the health check, traces
// with the OpenTelemetry SDK, runs the queries and prints what it saw; exits 1 when anything differs from what
// it expects, so the CI step fails on behaviour as well as on IL warnings.
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Picopyn;
using Picopyn.AotSmoke;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Picopyn.AotSmoke <dsn>");
    return 2;
}

var spans = new List<Activity>();
using var tracing = Sdk.CreateTracerProviderBuilder().AddPicopynInstrumentation().AddInMemoryExporter(spans).Build();

var builder = Host.CreateApplicationBuilder();
builder.Services.AddPicopyn(args[0], (_, options) => options.Name = "aot-smoke")
    .AddQueries(ISmokeQueries.Create)
    .ConnectOnStartup();
builder.Services.AddHealthChecks().AddPicopyn();
using var host = builder.Build();
await host.StartAsync();

var client = host.Services.GetRequiredService<PicoClient>();
var queries = host.Services.GetRequiredService<ISmokeQueries>();
await client.ExecuteAsync(ISmokeQueries.Table);
await queries.AddAsync(1, "one", null);
await queries.AddAsync(2, "two", "second");
var found = await queries.FindAsync(2);
var all = new List<SmokeItem>();
await foreach (var item in queries.AllAsync())
{
    all.Add(item);
}

var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
tracing.ForceFlush();
var names = spans.Where(s => s.Source.Name == PicoDiagnostics.ActivitySourceName).Select(s => s.DisplayName).ToList();
await host.StopAsync();

Console.WriteLine($"instances: {client.Instances.Count}");
Console.WriteLine($"found: {found}");
Console.WriteLine($"rows: {all.Count}");
Console.WriteLine($"health: {health.Status} ({health.Entries["picopyn"].Description})");
Console.WriteLine($"spans: {string.Join(", ", names)}");

var expected = new[] { "CREATE", "INSERT aot_items", "INSERT aot_items", "SELECT aot_items", "SELECT aot_items" };
var ok = found == new SmokeItem(2, "two", "second") && all.Count == 2 && health.Status == HealthStatus.Healthy && names.SequenceEqual(expected);
Console.WriteLine(ok ? "aot smoke: ok" : $"aot smoke: FAILED (expected spans {string.Join(", ", expected)})");
return ok ? 0 : 1;
