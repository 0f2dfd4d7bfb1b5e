using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Picopyn;
using Picopyn.Testing;

// Typed queries through the packed Picopyn packages — registered with Picopyn.DependencyInjection, checked by its
// health check, traced through Picopyn.OpenTelemetry — against an emulated cluster.
await using var cluster = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { InstanceCount = 2, HideCatalogs = true });
await cluster.ExecuteDdlAsync("CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL, email text)");

var spans = new List<string>();
using var tracing = Sdk.CreateTracerProviderBuilder().AddPicopynInstrumentation()
    .AddProcessor(new SpanNames(spans)).Build();
var services = new ServiceCollection().AddLogging();
services.AddPicopyn(cluster.BuildDsn()).AddQueries(IUserQueries.Create);
services.AddHealthChecks().AddPicopyn();
await using var provider = services.BuildServiceProvider();

var users = provider.GetRequiredService<IUserQueries>();
await users.InsertAsync(42, "Ann", null);
var user = await users.FindAsync(42);
var health = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
Console.WriteLine($"found: {user}; health: {health.Status}; spans: {string.Join(", ", spans)}");
return user == new User(42, "Ann", null) && health.Status == HealthStatus.Healthy && spans.SequenceEqual(["INSERT users", "SELECT users"]) ? 0 : 1;

internal sealed class SpanNames(List<string> names) : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data) => names.Add(data.DisplayName);
}

public sealed record User(long Id, string Name, string? Email);

public partial interface IUserQueries
{
    [PicoQuery("select id, name, email from users where id = $1")]
    Task<User?> FindAsync(long id, CancellationToken ct = default);

    [PicoQuery("insert into users (id, name, email) values ($1, $2, $3)")]
    Task<int> InsertAsync(long id, string name, string? email, CancellationToken ct = default);
}
