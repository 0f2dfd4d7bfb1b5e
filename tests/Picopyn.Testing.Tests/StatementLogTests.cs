using Npgsql;

namespace Picopyn.Testing.Tests;

/// <summary>The statement log of a running instance, and the guard that reads it.</summary>
public sealed class StatementLogTests(SharedClusterFixture fixture) : IClassFixture<SharedClusterFixture>
{
    private EmulatedPicodataCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task The_instance_that_received_a_statement_logs_it_and_no_other_does()
    {
        var marker = $"marker-{Guid.NewGuid():N}";
        var receiver = Cluster.Instances[1];

        await Db.QueryAsync(receiver, $"SELECT '{marker}' AS marker");

        var received = (await Cluster.ReadStatementLogAsync(receiver.Name)).Where(e => e.Text.Contains(marker, StringComparison.Ordinal));
        var entry = Assert.Single(received);
        Assert.Equal(Cluster.User, entry.User);
        Assert.Equal(Cluster.Database, entry.Database);
        Assert.Equal(StatementLogKind.Extended, entry.Kind);
        Assert.Equal($"SELECT '{marker}' AS marker", entry.Text);
        foreach (var other in Cluster.Instances.Where(i => i != receiver))
        {
            Assert.DoesNotContain(await Cluster.ReadStatementLogAsync(other.Name), e => e.Text.Contains(marker, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_multi_line_statement_is_logged_whole()
    {
        var marker = Guid.NewGuid().ToString("N");
        var sql = $"SELECT 1 AS one,\n       '{marker}' AS two\nFROM _pico_tier";

        await Db.QueryAsync(Cluster.Instances[0], sql);

        var log = await Cluster.ReadStatementLogAsync(Cluster.Instances[0].Name);
        Assert.Contains(log, e => e.Text == sql);
    }

    [Fact]
    public async Task A_statement_the_server_rejects_is_logged_as_failed()
    {
        var marker = Guid.NewGuid().ToString("N");

        // Picodata's grammar takes it (the front lets it through); PostgreSQL cannot make a number of it.
        await Assert.ThrowsAsync<PostgresException>(() => Db.QueryAsync(Cluster.Instances[2], $"SELECT CAST('{marker}' AS integer)"));

        var log = await Cluster.ReadStatementLogAsync(Cluster.Instances[2].Name);
        var entry = Assert.Single(log, e => e.Text.Contains(marker, StringComparison.Ordinal));
        Assert.Equal(StatementLogKind.Failed, entry.Kind);
        Assert.Equal(Cluster.User, entry.User);
    }

    [Fact]
    public async Task A_client_that_resets_pooled_connections_with_DISCARD_fails_as_on_Picodata()
    {
        // Npgsql's default (No Reset On Close = false) resets a reused pooled connection with DISCARD ALL.
        var builder = new NpgsqlConnectionStringBuilder(Cluster.Instances[0].ConnectionString) { NoResetOnClose = false };
        await using var dataSource = NpgsqlDataSource.Create(builder);
        await using (var first = await dataSource.OpenConnectionAsync())
        {
            await using var command = new NpgsqlCommand("SELECT 1", first);
            await command.ExecuteScalarAsync();
        }

        await using var reused = await dataSource.OpenConnectionAsync();
        await using var next = new NpgsqlCommand("SELECT 1", reused);
        var error = await Assert.ThrowsAsync<PostgresException>(() => next.ExecuteScalarAsync());

        Assert.Equal("XX000", error.SqlState);
        Assert.Contains("found 'DISCARD'", error.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_front_the_guard_catches_a_client_that_resets_pooled_connections_with_DISCARD()
    {
        // The statement log is the second line: it sees what reached PostgreSQL, here with no front before it.
        await using var bare = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { InstanceCount = 1, PicodataFront = false });
        var instance = bare.Instances[0];
        var builder = new NpgsqlConnectionStringBuilder(instance.ConnectionString)
        {
            NoResetOnClose = false,
            ApplicationName = $"discarding-{Guid.NewGuid():N}",
        };
        await using (var dataSource = NpgsqlDataSource.Create(builder))
        {
            for (var round = 0; round < 2; round++)
            {
                await using var connection = await dataSource.OpenConnectionAsync();
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync();
            }
        }

        var refused = PicodataRefusals.Find(
            (await bare.ReadStatementLogAsync(instance.Name)).Where(e => e.User == bare.User));

        Assert.Contains(refused, r => r.Entry.Text.StartsWith("DISCARD", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_guard_finds_nothing_in_what_a_Picodata_configured_client_sends()
    {
        var instance = Cluster.Instances[2];
        var marker = Guid.NewGuid().ToString("N");
        await using (var dataSource = PicodataNpgsqlSettings.CreateDataSourceBuilder(instance.ConnectionString).Build())
        {
            // Three rounds on a pooled connection: a reused connection is where a driver resets it (DISCARD), and its
            // first open is where it loads types from the catalogs.
            for (var round = 0; round < 3; round++)
            {
                await using var connection = await dataSource.OpenConnectionAsync();
                await using var command = new NpgsqlCommand($"SELECT name FROM _pico_instance WHERE name <> '{marker}'", connection);
                await command.ExecuteScalarAsync();
            }
        }

        // Everything the client's connections sent, not only the statements the test wrote: a backend serves one
        // connection, so the backends that logged the marker are the client's, and all they logged came from it.
        var log = await Cluster.ReadStatementLogAsync(instance.Name);
        var clientBackends = log.Where(e => e.Text.Contains(marker, StringComparison.Ordinal)).Select(e => e.ProcessId).ToHashSet();
        var sent = log.Where(e => clientBackends.Contains(e.ProcessId)).ToList();

        Assert.NotEmpty(clientBackends);
        Assert.All(sent, e => Assert.Equal(Cluster.User, e.User));
        Assert.Equal(3, sent.Count);
        Assert.All(sent, e => Assert.Contains(marker, e.Text, StringComparison.Ordinal));
        Assert.Empty(PicodataRefusals.Find(sent));
    }
}
