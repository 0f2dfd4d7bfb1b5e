using System.Diagnostics;
using Npgsql;

namespace Picopyn.Runtime.Tests;

/// <summary>
/// The client's spans and its <c>db.client.operation.duration</c>, as an OpenTelemetry backend would receive them:
/// one CLIENT span per logical call, named by its summary, with the database conventions' attributes, the instance
/// that answered, retries as events and the failure's SQLSTATE. Each test traces under its own root span and reads
/// only the spans of that trace, so tests running beside it do not count.
/// </summary>
public sealed class TracingTests
{
    private const string Table = "CREATE TABLE accounts (id integer PRIMARY KEY, balance integer NOT NULL)";

    [Fact]
    public async Task A_keyed_read_is_one_client_span_with_the_conventions_attributes_and_its_owner_as_server()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        await cluster.Cluster.ExecuteDdlAsync(Table);
        var dsn = cluster.Dsn(cluster[0]);
        await using var client = await PicoClient.ConnectAsync(dsn, new PicoClientOptions { MaxConnections = 6 });
        await client.ExecuteAsync("INSERT INTO accounts VALUES ($1, $2)", [424242L, 17L], PicoKey.Of(424242L));
        var owner = client.OwnerOf(PicoKey.Of(424242L))!.Value.Instance;

        using var spans = new SpanRecorder();
        using (spans.Root())
        {
            Assert.Equal(17L, await client.FetchValueAsync<long>("SELECT balance FROM accounts WHERE id = $1", [424242L], PicoKey.Of(424242L)));
        }

        var span = Assert.Single(spans.Recorded);
        Assert.Equal("SELECT accounts", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal("picodata", span.GetTagItem("db.system.name"));
        Assert.Equal(PicoConnectionSettings.Parse(dsn).Database, span.GetTagItem("db.namespace"));
        Assert.Equal("SELECT", span.GetTagItem("db.operation.name"));
        Assert.Equal("SELECT accounts", span.GetTagItem("db.query.summary"));
        Assert.Equal("SELECT balance FROM accounts WHERE id = $1", span.GetTagItem("db.query.text"));
        Assert.Equal(owner.Endpoint.Host, span.GetTagItem("server.address"));
        Assert.Equal(owner.Endpoint.Port, span.GetTagItem("server.port"));
        Assert.Equal("routed", span.GetTagItem("picopyn.route"));
        Assert.DoesNotContain(span.TagObjects, tag => $"{tag.Value}".Contains("424242", StringComparison.Ordinal));
        Assert.DoesNotContain(span.TagObjects, tag => $"{tag.Value}".Contains(GuardedCluster.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_statement_ends_its_span_in_error_with_the_sqlstate()
    {
        await using var cluster = await GuardedCluster.StartAsync(1);
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0]));

        using var spans = new SpanRecorder();
        PicoQueryException error;
        using (spans.Root())
        {
            error = await Assert.ThrowsAsync<PicoQueryException>(() => client.FetchAsync("SELECT id FROM no_such_table"));
        }

        var span = Assert.Single(spans.Recorded);
        var sqlState = Assert.IsType<PostgresException>(error.InnerException).SqlState;
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(sqlState, span.GetTagItem("error.type"));
        Assert.Equal(sqlState, span.GetTagItem("db.response.status_code"));
        Assert.Equal("SELECT no_such_table", span.DisplayName);
    }

    [Fact]
    public async Task A_read_retried_after_its_instance_died_records_the_retry_and_names_the_instance_that_answered()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        var victim = cluster[0];
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0], cluster[1]), GuardedCluster.PreferInstance(victim));
        await cluster.CreateNumbersAsync(client);
        var marker = $"read_{Guid.NewGuid():N}";

        using var spans = new SpanRecorder();
        using (spans.Root())
        {
            var read = client.FetchRowAsync(
                $"SELECT CASE WHEN pico_instance_uuid() = '{victim.Uuid}' THEN {GuardedCluster.SlowCount} ELSE 1 END AS {marker}");
            await cluster.KillOnceRunningAsync(victim, marker);
            Assert.NotNull(await read);
        }

        var span = Assert.Single(spans.Recorded);
        var retry = Assert.Single(span.Events, e => e.Name == "picopyn.retry");
        Assert.Contains(victim.Name, (string)retry.Tags.Single(t => t.Key == "picopyn.instance").Value!, StringComparison.Ordinal);
        Assert.Equal("statement", retry.Tags.Single(t => t.Key == "picopyn.phase").Value);
        Assert.NotEqual(victim.Port, span.GetTagItem("server.port"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Null(span.GetTagItem("error.type"));
    }

    [Fact]
    public async Task A_stream_is_one_span_and_each_statement_of_a_lease_is_one()
    {
        await using var cluster = await GuardedCluster.StartAsync(2);
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0]));
        await cluster.Cluster.ExecuteDdlAsync("CREATE TABLE items (id integer PRIMARY KEY)");
        await client.ExecuteAsync("INSERT INTO items VALUES (1), (2), (3)");

        using var spans = new SpanRecorder();
        int port;
        using (spans.Root())
        {
            var streamed = 0;
            await foreach (var _ in client.StreamAsync("SELECT id FROM items"))
            {
                streamed++;
            }

            Assert.Equal(3, streamed);
            await using var lease = await client.AcquireAsync();
            port = lease.Instance.Endpoint.Port;
            await lease.ExecuteAsync("UPDATE items SET id = id WHERE id = 1");
            await lease.FetchAsync("SELECT id FROM items WHERE id = 2");
        }

        Assert.Equal(["SELECT items", "UPDATE items", "SELECT items"], spans.Recorded.Select(s => s.DisplayName));
        Assert.All(spans.Recorded.Skip(1), s => Assert.Equal(port, s.GetTagItem("server.port")));
        Assert.Equal("UPDATE", spans.Recorded[1].GetTagItem("db.operation.name"));
    }

    [Fact]
    public async Task Each_call_records_its_duration_tagged_like_its_span()
    {
        await using var cluster = await GuardedCluster.StartAsync(2);
        var name = $"traced-{Guid.NewGuid():N}";
        using var durations = new MeasurementRecorder<double>("db.client.operation.duration", name);
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0]), new PicoClientOptions { Name = name });
        var ports = cluster.Instances.Select(i => (object?)i.Port).ToHashSet();

        for (var i = 0; i < 5; i++)
        {
            await client.FetchValueAsync<long>("SELECT 1");
        }

        await Assert.ThrowsAsync<PicoQueryException>(() => client.ExecuteAsync("DELETE FROM no_such_table"));

        var measured = durations.Recorded.ToList();
        Assert.Equal(6, measured.Count);
        Assert.All(measured, m => Assert.True(m.Value >= 0));
        Assert.All(measured, m => Assert.Contains(m.Tags["server.port"], ports));
        Assert.Equal(5, measured.Count(m => (string?)m.Tags["db.operation.name"] == "SELECT" && !m.Tags.ContainsKey("error.type")));
        var failed = Assert.Single(measured, m => m.Tags.ContainsKey("error.type"));
        Assert.Equal("DELETE no_such_table", failed.Tags["db.query.summary"]);
        Assert.Equal("picodata", failed.Tags["db.system.name"]);
    }
}
