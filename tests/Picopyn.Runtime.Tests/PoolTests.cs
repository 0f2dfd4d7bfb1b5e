using Npgsql;

namespace Picopyn.Runtime.Tests;

public sealed class PoolTests
{
    [Fact]
    public async Task Ten_thousand_operations_from_200_callers_never_hold_more_than_4_server_connections()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        // Rotation off: a moved connection's server session can take a moment to end after the
        // client closed it, and this test samples the servers throughout (PoolSpreadTests samples
        // them while statements run, with the rotation stepped between batches).
        await using var client = await PicoClient.ConnectAsync(
            cluster.Dsn(cluster[0]),
            new PicoClientOptions { MaxConnections = 4, AcquireTimeout = TimeSpan.FromMinutes(1), RebalanceInterval = Timeout.InfiniteTimeSpan });
        using var stopSampling = new CancellationTokenSource();
        var sampler = ServerSessions.SampleMaxAsync(cluster, stopSampling.Token);
        var clientMax = 0;

        var callers = Enumerable.Range(0, 200).Select(async caller =>
        {
            var correct = 0;
            for (var op = 0; op < 50; op++)
            {
                var value = (long)(caller * 1000 + op);
                if (await client.FetchValueAsync<long>("SELECT $1::bigint", [value]) == value)
                {
                    correct++;
                }

                ServerSessions.InterlockedMax(ref clientMax, client.OpenConnections);
            }

            return correct;
        }).ToList();
        var correctPerCaller = await Task.WhenAll(callers);
        await stopSampling.CancelAsync();
        var serverMax = await sampler;

        Assert.Equal(10_000, correctPerCaller.Sum());
        Assert.InRange(serverMax, 1, 4);
        Assert.InRange(clientMax, 1, 4);
        Assert.Equal(0, client.ConnectionsInUse);
        Assert.InRange(await ServerSessions.CountAsync(cluster), 1, 4);
    }

    [Fact]
    public async Task When_a_third_of_the_callers_cancel_mid_flight_the_pool_returns_to_idle_and_stays_capped()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        await using var client = await PicoClient.ConnectAsync(
            cluster.Dsn(cluster[0]), new PicoClientOptions { MaxConnections = 4, AcquireTimeout = TimeSpan.FromMinutes(1) });
        var cancelled = 0;
        var clientMax = 0;

        var callers = Enumerable.Range(0, 60).Select(async caller =>
        {
            var completed = 0;
            for (var op = 0; op < 50; op++)
            {
                using var cancellation = new CancellationTokenSource();
                var value = (long)op;
                var call = client.FetchValueAsync<long>("SELECT $1::bigint", [value], cancellation.Token);
                if (caller % 3 == 0 && op % 2 == 0)
                {
                    // Cancel while the call waits for a connection or runs its statement.
                    await cancellation.CancelAsync();
                }

                try
                {
                    Assert.Equal(value, await call);
                    completed++;
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref cancelled);
                }

                ServerSessions.InterlockedMax(ref clientMax, client.OpenConnections);
            }

            return completed;
        }).ToList();
        var completedPerCaller = await Task.WhenAll(callers);

        Assert.True(cancelled > 0, "some calls should have been cancelled");
        Assert.Equal(3000 - cancelled, completedPerCaller.Sum());
        Assert.InRange(clientMax, 1, 4);
        Assert.Equal(0, client.ConnectionsInUse);
        Assert.InRange(client.OpenConnections, 0, 4);
        Assert.Equal(7L, await client.FetchValueAsync<long>("SELECT 7"));
        // Closed sessions end on the server a moment after the client closes them.
        await Eventually.HoldsAsync(async () => await ServerSessions.CountAsync(cluster) <= client.OpenConnections, "server sessions settle to the client's count");
    }

    [Fact]
    public async Task A_cancelled_statement_discards_its_connection_as_Picodata_cannot_cancel_in_place()
    {
        await using var cluster = await GuardedCluster.StartAsync(1);
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(), new PicoClientOptions { MaxConnections = 2 });
        using var cancellation = new CancellationTokenSource();
        var marker = $"slow_{Guid.NewGuid():N}";

        await cluster.CreateNumbersAsync(client);
        var slow = client.FetchValueAsync<long>($"SELECT {GuardedCluster.SlowCount} AS {marker}", cancellationToken: cancellation.Token);
        await Eventually.HoldsAsync(
            async () => (await cluster.Cluster.ReadStatementLogAsync(cluster[0].Name)).Any(e => e.Text.Contains(marker, StringComparison.Ordinal)),
            "the slow statement reaches the server");

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slow);
        Assert.Equal(0, client.ConnectionsInUse);
        Assert.True(client.Instances[0].IsAvailable);
        var after = $"after_{Guid.NewGuid():N}";
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(1L, await client.FetchValueAsync<long>($"SELECT 1 AS {after}"));
        }

        // No later statement ran on the cancelled statement's server session: it was closed, not pooled.
        var log = await cluster.Cluster.ReadStatementLogAsync(cluster[0].Name);
        var cancelledSession = log.First(e => e.Text.Contains(marker, StringComparison.Ordinal) && e.Kind != StatementLogKind.Failed).ProcessId;
        Assert.DoesNotContain(log, e => e.Text.Contains(after, StringComparison.Ordinal) && e.ProcessId == cancelledSession);
        Assert.InRange(client.OpenConnections, 1, 2);
    }

    [Fact]
    public async Task Waiting_longer_than_the_acquire_timeout_fails_with_a_pool_timeout()
    {
        await using var cluster = await GuardedCluster.StartAsync(1);
        await using var client = await PicoClient.ConnectAsync(
            cluster.Dsn(), new PicoClientOptions { MaxConnections = 1, AcquireTimeout = TimeSpan.FromMilliseconds(200) });
        await using var lease = await client.AcquireAsync();

        var error = await Assert.ThrowsAsync<PicoPoolTimeoutException>(() => client.FetchValueAsync<long>("SELECT 1"));

        Assert.Contains("all 1 are in use", error.Message, StringComparison.Ordinal);
        Assert.Equal("SELECT 1", error.Sql);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task Disposing_the_client_fails_waiting_callers_at_once()
    {
        await using var cluster = await GuardedCluster.StartAsync(1);
        var client = await PicoClient.ConnectAsync(
            cluster.Dsn(), new PicoClientOptions { MaxConnections = 1, AcquireTimeout = TimeSpan.FromMinutes(5) });
        var lease = await client.AcquireAsync();
        var waiting = client.FetchValueAsync<long>("SELECT 1");
        Assert.False(waiting.IsCompleted);

        await client.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting);
        await lease.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.FetchValueAsync<long>("SELECT 1"));
        await Eventually.HoldsAsync(async () => await ServerSessions.CountAsync(cluster) == 0, "every server session ends after disposal");
    }

    [Fact]
    public async Task A_lease_runs_several_statements_on_one_instance_and_gives_the_connection_back()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        await cluster.Cluster.ExecuteDdlAsync("CREATE TABLE leased (id bigint PRIMARY KEY, name text)");
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(cluster[0]));

        await using (var lease = await client.AcquireAsync())
        {
            Assert.Equal(1, client.ConnectionsInUse);
            await lease.ExecuteAsync("INSERT INTO leased VALUES ($1, $2)", [1L, "one"]);
            var uuids = new HashSet<string>();
            for (var i = 0; i < 5; i++)
            {
                uuids.Add((await lease.FetchValueAsync<string>("SELECT pico_instance_uuid()"))!);
            }

            Assert.Equal(lease.Instance.Uuid, Assert.Single(uuids));
            Assert.Equal("one", (await lease.FetchRowAsync("SELECT name FROM leased WHERE id = $1", [1L]))!["name"]);
        }

        Assert.Equal(0, client.ConnectionsInUse);
    }

    [Fact]
    public async Task A_stream_abandoned_early_or_a_mapper_that_throws_gives_the_connection_back()
    {
        await using var cluster = await GuardedCluster.StartAsync(1);
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(), new PicoClientOptions { MaxConnections = 1 });

        await cluster.CreateNumbersAsync(client, 10000);
        var seen = 0;
        await foreach (var row in client.StreamAsync("SELECT n FROM numbers"))
        {
            if (++seen == 10)
            {
                break;
            }
        }

        var mapperError = await Assert.ThrowsAsync<FormatException>(() => client.QueryAsync<int, long>(
            PicoStatement.Infer("SELECT 1"), 0, bind: null, static (_, _, _) => throw new FormatException("mapper bug")));

        Assert.Equal(10, seen);
        Assert.Equal("mapper bug", mapperError.Message);
        Assert.Equal(0, client.ConnectionsInUse);
        Assert.Equal(1, client.OpenConnections);
        var all = new List<long>();
        await foreach (var row in client.StreamAsync("SELECT n FROM numbers WHERE n <= 2500 ORDER BY n"))
        {
            all.Add(row.Get<long>(0));
        }

        Assert.Equal(Enumerable.Range(1, 2500).Select(i => (long)i), all);
    }

    [Fact]
    public async Task Typed_parameters_and_readers_run_without_boxing_through_the_low_level_surface()
    {
        await using var cluster = await GuardedCluster.StartAsync(1);
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn());
        await cluster.CreateNumbersAsync(client, 3);
        var statement = new PicoStatement("SELECT $1::bigint + 1, $2::text || '!'", PicoStatementKind.Read);

        var result = await client.QueryAsync(
            statement,
            (Id: 41L, Name: "hi"),
            static (parameters, args) =>
            {
                parameters.Add(new NpgsqlParameter<long> { TypedValue = args.Id });
                parameters.Add(new NpgsqlParameter<string> { TypedValue = args.Name });
            },
            static async (reader, _, ct) =>
            {
                await reader.ReadAsync(ct);
                return (reader.GetInt64(0), reader.GetString(1));
            });
        var streamed = new List<long>();
        await foreach (var value in client.StreamAsync(
            new PicoStatement("SELECT n FROM numbers WHERE n <= $1::bigint ORDER BY n", PicoStatementKind.Read), 3L,
            static (parameters, n) => parameters.Add(new NpgsqlParameter<long> { TypedValue = n }), static reader => reader.GetInt64(0)))
        {
            streamed.Add(value);
        }

        Assert.Equal((42L, "hi!"), result);
        Assert.Equal([1L, 2L, 3L], streamed);
    }

    [Fact]
    public async Task Callers_waiting_for_a_connection_are_served_first_come_first_served()
    {
        await using var cluster = await GuardedCluster.StartAsync(1);
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(), new PicoClientOptions { MaxConnections = 1 });
        var marker = Guid.NewGuid().ToString("N")[..8];
        var lease = await client.AcquireAsync();

        // Each call queues for the one connection before the next call is made; each sends its own text.
        var waiting = Enumerable.Range(0, 5).Select(i => client.FetchValueAsync<string>($"SELECT 'fifo-{marker}-{i}'")).ToList();
        Assert.All(waiting, w => Assert.False(w.IsCompleted));
        await lease.DisposeAsync();
        await Task.WhenAll(waiting);

        // The order the instance received them in: one connection runs one statement at a time.
        var received = (await cluster.Cluster.ReadStatementLogAsync(cluster[0].Name))
            .Select(e => e.Text)
            .Where(t => t.Contains($"fifo-{marker}-", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"SELECT 'fifo-{marker}-{i}'"), received);
    }
}
