namespace Picopyn.Runtime.Tests;

public sealed class ErrorTests
{
    [Fact]
    public async Task A_Picodata_style_XX000_error_fails_the_statement_without_ejecting_the_instance()
    {
        // With system tables hidden, reading one fails with XX000, as nearly every Picodata error
        // does; Npgsql breaks the connection after any class-XX error.
        await using var cluster = await GuardedCluster.StartAsync(2, o => o.HideSystemTables = true);
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(), new PicoClientOptions { MaxConnections = 2 });

        var error = await Assert.ThrowsAsync<PicoQueryException>(() => client.FetchAsync("SELECT name FROM _pico_tier"));

        Assert.Equal("XX000", error.SqlState);
        Assert.False(error.MayHaveRun);
        Assert.False(error.ConnectionLost);
        Assert.Equal("SELECT name FROM _pico_tier", error.Sql);
        Assert.Contains(cluster[0].Host, error.Instance, StringComparison.Ordinal);
        Assert.All(client.Instances, i => Assert.True(i.IsAvailable));
        Assert.Equal(0, client.ConnectionsInUse);
        // The broken connection's replacement opens off the request path; then both serve again.
        await Eventually.HoldsAsync(async () => (await Reads.ServingUuidsAsync(client, 4)).Count == 2, "both instances serve reads");
    }

    [Fact]
    public async Task A_server_error_outside_class_XX_keeps_its_sqlstate_and_the_connection_goes_back_to_the_pool()
    {
        await using var cluster = await GuardedCluster.StartAsync(1);
        cluster.ExpectRefusal("inet parameters");
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn(), new PicoClientOptions { MaxConnections = 1 });

        // One of Picodata's few codes of its own: a parameter type it lacks (inet) is 0A000, and Npgsql keeps the connection.
        var error = await Assert.ThrowsAsync<PicoQueryException>(
            () => client.FetchValueAsync<string>("SELECT $1", [System.Net.IPAddress.Loopback]));

        Assert.Equal("0A000", error.SqlState);
        Assert.Contains("feature is not supported: inet parameters", error.Message, StringComparison.Ordinal);
        Assert.Contains(cluster[0].Name, error.Message, StringComparison.Ordinal);
        Assert.Contains("did not run", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, client.OpenConnections);
        Assert.Equal(2L, await client.FetchValueAsync<long>("SELECT 2"));
    }

    [Fact]
    public async Task A_wrong_password_is_a_connection_error_with_the_servers_sqlstate()
    {
        await using var cluster = await GuardedCluster.StartAsync(1);
        var dsn = $"postgresql://{cluster.Cluster.User}:Wrong-Pa55word@{cluster[0].PgprotoAddress}/picodata";

        var error = await Assert.ThrowsAsync<PicoConnectionException>(() => PicoClient.ConnectAsync(dsn));

        Assert.Equal("28P01", error.SqlState);
        Assert.Contains("password authentication failed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Wrong-Pa55word", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_database_fails_at_once_without_trying_the_other_seeds()
    {
        // Picodata ignores the database name, and so does the emulation's front; PostgreSQL behind no front refuses an
        // unknown one (3D000), as it would on every instance alike.
        await using var cluster = await GuardedCluster.StartAsync(configure: o => o.PicodataFront = false);
        var dsn = cluster.Dsn().Replace($"/{cluster.Cluster.Database}", "/no_such_database", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<PicoConnectionException>(() => PicoClient.ConnectAsync(dsn));

        Assert.Equal("3D000", error.SqlState);
        Assert.Contains("no_such_database", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(GuardedCluster.Password, error.ToString(), StringComparison.Ordinal);
        // One login was tried, and no other seed was: each refusal is a FATAL line in its server's log.
        var refusals = Directory.GetFiles(cluster.Cluster.RootDirectory!, "postgres.log", SearchOption.AllDirectories)
            .Sum(log => File.ReadLines(log).Count(line => line.Contains("FATAL:  database \"no_such_database\" does not exist", StringComparison.Ordinal)));
        Assert.Equal(1, refusals);
    }

    [Fact]
    public async Task Unreachable_seeds_are_named_in_the_connection_error()
    {
        await using var cluster = await GuardedCluster.StartAsync(1);
        var port = cluster[0].Port;
        await cluster.Cluster.KillInstanceAsync(cluster[0].Name);

        var error = await Assert.ThrowsAsync<PicoConnectionException>(
            () => PicoClient.ConnectAsync(cluster.Dsn(cluster[0])));

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionRefused", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.5f)]
    [InlineData(new byte[] { 1 })]
    public async Task A_parameter_Picodata_refuses_is_rejected_before_anything_is_sent(object value)
    {
        await using var cluster = await GuardedCluster.StartAsync(1);
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn());

        var error = await Assert.ThrowsAsync<PicoParameterException>(() => client.FetchValueAsync<string>("SELECT $1::text", [value]));

        Assert.Contains("$1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(await cluster.Cluster.ReadStatementLogAsync(cluster[0].Name), e => e.Text == "SELECT $1::text");
    }

    [Fact]
    public async Task A_local_DateTime_parameter_is_rejected_and_a_UTC_one_binds()
    {
        await using var cluster = await GuardedCluster.StartAsync(1);
        await using var client = await PicoClient.ConnectAsync(cluster.Dsn());
        var utc = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

        await Assert.ThrowsAsync<PicoParameterException>(
            () => client.FetchValueAsync<DateTime>("SELECT $1", [DateTime.SpecifyKind(utc, DateTimeKind.Unspecified)]));

        Assert.Equal(utc, await client.FetchValueAsync<DateTime>("SELECT $1", [utc]));
    }
}
