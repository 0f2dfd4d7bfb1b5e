// Picopyn in an ASP.NET Core minimal API: AddPicopyn, generated queries injected into endpoints, /health from
// the Picopyn health check, traces and metrics to the console through OpenTelemetry.
//
//   dotnet run --project samples/Picopyn.Samples.WebApi                       # an embedded emulated cluster
//   dotnet run --project samples/Picopyn.Samples.WebApi -- --dsn postgresql://app:secret@node1:4327/db
//
// then: curl -X POST localhost:5000/users -H 'content-type: application/json' -d '{"id":1,"name":"ann"}'
//       curl localhost:5000/users/1 ; curl localhost:5000/health
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Picopyn;
using Picopyn.Samples.WebApi;
using Picopyn.Testing;

var builder = WebApplication.CreateSlimBuilder(args);

// Without --dsn, an emulated 3-instance Picodata cluster on local PostgreSQL servers, for as long as the app runs.
EmulatedPicodataCluster? embedded = null;
var dsn = builder.Configuration["dsn"];
if (string.IsNullOrEmpty(dsn))
{
    Console.WriteLine("No --dsn given: starting an emulated 3-instance Picodata cluster on local PostgreSQL servers...");
    embedded = await EmulatedPicodataCluster.StartNewAsync();
    dsn = embedded.BuildDsn([embedded.Instances[0]]);
}

builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, SampleJson.Default));
builder.Services.AddPicopyn(dsn, (_, options) => options.Name = "webapi")
    .AddQueries(IUserQueries.Create)
    .ConnectOnStartup();
builder.Services.AddHealthChecks().AddPicopyn();
builder.Services.AddOpenTelemetry()
    // ASP.NET Core's own request spans (its ActivitySource), so the client's spans have a sampled parent:
    // under the default parent-based sampler a span below an unsampled request is dropped.
    .WithTracing(tracing => tracing.AddSource("Microsoft.AspNetCore").AddPicopynInstrumentation().AddConsoleExporter())
    .WithMetrics(metrics => metrics.AddPicopynInstrumentation().AddConsoleExporter());

var app = builder.Build();

app.MapGet("/users/{id:long}", async (long id, IUserQueries users, CancellationToken ct) =>
    await users.FindAsync(id, ct) is { } user ? Results.Ok(user) : Results.NotFound());
app.MapPost("/users", async (User user, IUserQueries users, CancellationToken ct) =>
{
    await users.AddAsync(user.Id, user.Name, user.Email, ct);
    return Results.Created($"/users/{user.Id}", user);
});
app.MapDelete("/users/{id:long}", async (long id, IUserQueries users, CancellationToken ct) =>
    await users.RemoveAsync(id, ct) > 0 ? Results.NoContent() : Results.NotFound());
app.MapHealthChecks("/health");

// The table, on first start (Picodata's IF NOT EXISTS keeps a restart harmless). Picodata's grammar has no
// comments, so the schema file's are left out of what is sent.
var client = app.Services.GetRequiredService<PicoClient>();
var ddl = (await File.ReadAllLinesAsync(Path.Combine(AppContext.BaseDirectory, "schema.sql")))
    .Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal));
await client.ExecuteAsync(string.Join('\n', ddl).Replace("create table", "create table if not exists", StringComparison.Ordinal));

try
{
    await app.RunAsync();
}
finally
{
    if (embedded is not null)
    {
        await app.DisposeAsync();
        await embedded.DisposeAsync();
    }
}
