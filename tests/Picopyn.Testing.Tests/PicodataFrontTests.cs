using Npgsql;

namespace Picopyn.Testing.Tests;

/// <summary>One emulated instance behind its Picodata front.</summary>
public sealed class FrontClusterFixture : IAsyncLifetime
{
    public EmulatedPicodataCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Cluster = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { InstanceCount = 1, PicodataFront = true });

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

/// <summary>
/// The Picodata front on an instance's pgproto address (issue 18, first part): what Picodata's grammar
/// refuses fails with Picodata's error; no cancel key; SSL declined. (Npgsql itself drops a connection
/// after any class-XX error — on Picodata too — so "still usable" is shown with the next connection.)
/// </summary>
public sealed class PicodataFrontTests(FrontClusterFixture fixture) : IClassFixture<FrontClusterFixture>
{
    private IPicodataInstance Instance => fixture.Cluster.Instances[0];

    [Theory]
    [InlineData("select 1 -- one", "Comments are syntax errors")]
    [InlineData("select /* x */ 1", "Comments are syntax errors")]
    [InlineData("select 1 limit 1 offset 1", "no OFFSET")]
    [InlineData("discard all", "found 'discard'")]
    [InlineData("select typname from pg_type", "no PostgreSQL catalogs")]
    [InlineData("select 1 from _pico_instance where", "a condition after WHERE")]
    public async Task A_statement_Picodata_refuses_fails_with_XX000_in_Picodatas_words(string sql, string message)
    {
        await using (var connection = new NpgsqlConnection(Instance.ConnectionString))
        {
            await connection.OpenAsync();

            var error = await Assert.ThrowsAsync<PostgresException>(async () =>
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteScalarAsync();
            });

            Assert.Equal("XX000", error.SqlState);
            Assert.Equal("ERROR", error.Severity);
            Assert.Contains(message, error.MessageText, StringComparison.Ordinal);
        }

        Assert.Equal(42L, await ScalarAsync("select 41 + 1"));
    }

    [Fact]
    public async Task A_postgres_error_passes_and_the_connection_stays_usable()
    {
        await using var connection = new NpgsqlConnection(Instance.ConnectionString);
        await connection.OpenAsync();
        await using var failing = new NpgsqlCommand("select 1 / 0", connection);
        await Assert.ThrowsAsync<PostgresException>(async () => await failing.ExecuteScalarAsync());
        await using var next = new NpgsqlCommand("select 2", connection);
        Assert.Equal(2, await next.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_refused_statement_with_parameters_fails_at_its_place_in_the_extended_protocol()
    {
        await using var connection = new NpgsqlConnection(Instance.ConnectionString);
        await connection.OpenAsync();
        await using var refused = new NpgsqlCommand("select $1 limit $2", connection);
        refused.Parameters.Add(new NpgsqlParameter<long> { TypedValue = 7 });
        refused.Parameters.Add(new NpgsqlParameter<long> { TypedValue = 1 });

        var error = await Assert.ThrowsAsync<PostgresException>(async () => await refused.ExecuteScalarAsync());

        Assert.Equal("XX000", error.SqlState);
        Assert.Contains("LIMIT takes only an unsigned number", error.MessageText, StringComparison.Ordinal);
        Assert.Equal(42L, await ScalarAsync("select 41 + 1"));
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Instance.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is int number ? (long)number : value;
    }

    [Fact]
    public async Task The_front_sends_no_cancel_key_and_declines_ssl()
    {
        var builder = new NpgsqlConnectionStringBuilder(Instance.ConnectionString) { SslMode = SslMode.Prefer };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();

        // Npgsql reports the BackendKeyData's process id; Picodata sends none.
        Assert.Equal(0, connection.ProcessID);
        await using var command = new NpgsqlCommand("select name from _pico_instance", connection);
        Assert.Equal(Instance.Name, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Instances_address_is_the_fronts_and_what_passes_reaches_the_instance()
    {
        var marker = $"front_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(Instance.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select '{marker}' as marker", connection);
        await command.ExecuteScalarAsync();

        Assert.Contains(await fixture.Cluster.ReadStatementLogAsync(Instance.Name), e => e.Text.Contains(marker, StringComparison.Ordinal));
        Assert.EndsWith(":" + Instance.Port, Instance.PgprotoAddress, StringComparison.Ordinal);
    }
}
