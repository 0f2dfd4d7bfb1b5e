using System.Globalization;
using System.Text;
using Npgsql;

namespace Picopyn.Testing.Tests;

/// <summary>Two emulated instances behind their Picodata fronts.</summary>
public sealed class FrontClusterFixture : IAsyncLifetime
{
    public EmulatedPicodataCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Sessions keep what their clients sent: a frozen instance's test sees that a query arrived and was held.
        Cluster = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { InstanceCount = 2, CaptureClientBytes = true });
        await Cluster.ExecuteDdlAsync("create table front_notes (id integer primary key, note text) distributed globally");
    }

    public async Task DisposeAsync()
    {
        // What went wrong in the front itself (not a peer leaving) fails the class: no test may have hit it.
        var faults = Cluster.Instances.SelectMany(i => ((Emulation.EmulatedInstance)i).Front!.Failures).ToList();
        await Cluster.DisposeAsync();
        Assert.True(faults.Count == 0, "The front faulted: " + string.Join(Environment.NewLine, faults));
    }
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
    public async Task A_postgres_error_arrives_as_Picodata_sends_errors_and_the_session_stays_usable()
    {
        await using var session = await ConnectRawAsync();

        var answer = await session.QueryAsync("select 1 / 0");

        var error = Assert.Single(answer, m => m.Type == 'E').Fields;
        Assert.Equal("XX000", error['C']);
        Assert.Equal("ERROR", error['S']);
        Assert.Equal("division by zero", error['M']);
        Assert.Equal(['C', 'M', 'S', 'V'], error.Keys.Order()); // no detail, hint, position or context
        var next = await session.QueryAsync("select 41 + 1");
        Assert.Equal("SELECT 1", Assert.Single(next, m => m.Type == 'C').Tag);
    }

    [Fact]
    public async Task A_refused_statement_has_no_position_and_the_session_stays_usable()
    {
        await using var session = await ConnectRawAsync();

        var simple = await session.QueryAsync("select 1 offset 1");
        var extended = await session.ExtendedAsync("select $1 limit $2", "7", "1");

        foreach (var answer in new[] { simple, extended })
        {
            var error = Assert.Single(answer, m => m.Type == 'E').Fields;
            Assert.Equal("XX000", error['C']);
            Assert.False(error.ContainsKey('P'), "Picodata sends no error position");
            Assert.False(error.ContainsKey('W'), "Picodata sends no error context");
        }

        Assert.Equal("SELECT 1", Assert.Single(await session.ExtendedAsync("select 1"), m => m.Type == 'C').Tag);
    }

    [Theory]
    [InlineData("begin", "BEGIN")]
    [InlineData("commit", "COMMIT")]
    [InlineData("rollback", "ROLLBACK")]
    [InlineData("end", "COMMIT")]
    [InlineData("set sql_motion_row_max = 10", "SET")]
    [InlineData("set transaction isolation level serializable", "SET")]
    public async Task Transaction_control_and_SET_complete_with_Picodatas_tag_and_do_nothing(string sql, string tag)
    {
        await using var session = await ConnectRawAsync();

        foreach (var answer in new[] { await session.QueryAsync(sql), await session.ExtendedAsync(sql) })
        {
            Assert.Equal(tag, Assert.Single(answer, m => m.Type == 'C').Tag);
            Assert.DoesNotContain(answer, m => m.Type is 'N' or 'E' or 'T' or 'D');
            Assert.Equal("I", Encoding.ASCII.GetString(answer[^1].Body));
        }
    }

    [Fact]
    public async Task Every_statement_commits_on_its_own_whatever_BEGIN_and_ROLLBACK_say()
    {
        var id = Random.Shared.NextInt64(1, long.MaxValue);
        await using var session = await ConnectRawAsync();

        await session.QueryAsync("begin");
        var insert = await session.QueryAsync($"insert into front_notes (id, note) values ({id}, 'kept')");
        await session.QueryAsync("rollback");

        Assert.Equal("INSERT 0 1", Assert.Single(insert, m => m.Type == 'C').Tag);
        Assert.All(insert.Where(m => m.Type == 'Z'), z => Assert.Equal("I", Encoding.ASCII.GetString(z.Body)));
        Assert.Equal("kept", await ScalarAsync($"select note from front_notes where id = {id}"));
    }

    [Fact]
    public async Task The_startup_takes_Picodata_options_and_any_database_name_and_sends_no_cancel_key()
    {
        var cluster = fixture.Cluster;
        await using var session = await RawSession.ConnectAsync(
            Instance, cluster.User, cluster.Password, "no_such_database", options: "read_preference=replica,sql_motion_row_max=100");

        Assert.DoesNotContain(session.Startup, m => m.Type is 'K' or 'E');
        Assert.Equal("I", Encoding.ASCII.GetString(session.Startup[^1].Body));
        var version = await session.QueryAsync("select version()");
        Assert.StartsWith("picodata ", Encoding.UTF8.GetString(Assert.Single(version, m => m.Type == 'D').Body[6..]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Picodata_DDL_sent_by_a_client_changes_the_cluster_for_every_instance()
    {
        var table = $"wire_{Guid.NewGuid():N}"[..16];
        var other = fixture.Cluster.Instances[1];

        await ExecuteAsync(Instance, $"create table {table} (id integer primary key, name text not null) distributed by (id) option (timeout = 3)");
        await ExecuteAsync(other, $"insert into {table} (id, name) values (1, 'one')");
        await ExecuteAsync(Instance, $"alter table {table} add column note text, rename column name to title");
        await ExecuteAsync(other, $"create index {table}_title on {table} (title)");

        Assert.Equal("one", await ScalarAsync($"select title from {table} where id = 1 and note is null"));
        var format = (string)(await ScalarAsync($"select format from _pico_table where name = '{table}'"))!;
        Assert.Equal(
            "[{name:id,field_type:integer,is_nullable:false},{name:title,field_type:string,is_nullable:false},"
                + "{name:bucket_id,field_type:unsigned,is_nullable:false},{name:note,field_type:string,is_nullable:true}]",
            format.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\"", string.Empty, StringComparison.Ordinal));
        Assert.Equal(2L, await ScalarAsync($"select count(*) from _pico_index where table_id = (select id from _pico_table where name = '{table}')"));

        await ExecuteAsync(Instance, $"drop index {table}_title");
        await ExecuteAsync(other, $"drop table {table}");

        Assert.Equal(0L, await ScalarAsync($"select count(*) from _pico_table where name = '{table}'"));
        Assert.Equal(0L, await ScalarAsync($"select count(*) from _pico_index where name = '{table}_title'"));
    }

    [Theory]
    [InlineData("create table front_notes (id integer primary key)", "table front_notes already exists")]
    [InlineData("create table wire_nokey (id integer, name text)", "no primary key")]
    [InlineData("alter table front_notes drop column note", "`ALTER TABLE _ DROP COLUMN` is not yet supported")]
    [InlineData("drop table wire_missing", "table wire_missing does not exist")]
    [InlineData("create user someone with password 'Secret12'", "does not run")]
    public async Task DDL_Picodata_refuses_fails_with_its_reason_on_the_wire(string ddl, string reason)
    {
        await using var session = await ConnectRawAsync();

        var answer = await session.ExtendedAsync(ddl);

        var error = Assert.Single(answer, m => m.Type == 'E').Fields;
        Assert.Equal("XX000", error['C']);
        Assert.Contains(reason, error['M'], StringComparison.Ordinal);
        Assert.Equal("SELECT 1", Assert.Single(await session.QueryAsync("select 1"), m => m.Type == 'C').Tag);
    }

    [Fact]
    public async Task DDL_on_the_wire_completes_with_Picodatas_tags()
    {
        var table = $"tags_{Guid.NewGuid():N}"[..16];
        await using var session = await ConnectRawAsync();

        var tags = new List<string>();
        foreach (var ddl in new[]
        {
            $"create table {table} (id integer primary key) distributed globally",
            $"create unique index {table}_id on {table} (id)",
            $"alter table {table} add column n integer",
            $"truncate {table}",
            $"drop index {table}_id",
            $"drop table {table}",
        })
        {
            tags.Add(Assert.Single(await session.QueryAsync(ddl), m => m.Type is 'C' or 'E').Tag);
        }

        Assert.Equal(["CREATE TABLE", "CREATE INDEX", "ALTER TABLE", "TRUNCATE TABLE", "DROP INDEX", "DROP TABLE"], tags);
    }

    [Fact]
    public async Task A_transactional_block_returns_the_rows_of_every_RETURN_QUERY_as_Picodatas_docs_show()
    {
        await using var session = await ConnectRawAsync();

        var answer = await session.QueryAsync("DO $$ BEGIN RETURN QUERY SELECT 'hello' as message; RETURN QUERY SELECT 'world'; END $$;");

        Assert.Equal("message", Encoding.UTF8.GetString(Assert.Single(answer, m => m.Type == 'T').Body[2..9]));
        Assert.Equal(["hello", "world"], answer.Where(m => m.Type == 'D').Select(m => Encoding.UTF8.GetString(m.Body[6..])));
        Assert.Equal("DO 2", Assert.Single(answer, m => m.Type == 'C').Tag);
        Assert.DoesNotContain(answer, m => m.Type is 'N' or 'E');
    }

    [Fact]
    public async Task A_block_binds_its_parameters_LET_IF_and_DML_as_in_Picodatas_docs()
    {
        // docs/reference/sql/transactions.md: the block reads n, returns it, and updates by its parity.
        await ExecuteAsync(Instance, "drop table if exists dataset");
        await ExecuteAsync(Instance, "create table dataset (id int primary key, n int)");
        await ExecuteAsync(Instance, "insert into dataset values (1, 354365), (2, 3123)");
        const string block = """
            DO $$ BEGIN
              LET cur = (SELECT n FROM dataset WHERE id = $1);

              RETURN QUERY SELECT $1 AS id, cur;

              IF cur % 2 != 0 THEN
                UPDATE dataset SET n = 3 * n + 1 WHERE id = $1;
              END IF;
              IF cur % 2 = 0 THEN
                UPDATE dataset SET n = n / 2 WHERE id = $1;
              END IF;
            END $$;
            """;

        var first = await BlockRowsAsync(block, 1L);
        var second = await BlockRowsAsync(block, 1L);

        Assert.Equal([(1L, 354365L)], first);
        Assert.Equal([(1L, 1063096L)], second);
        Assert.Equal(531548L, await ScalarAsync("select n from dataset where id = 1"));
        Assert.Equal(3123L, await ScalarAsync("select n from dataset where id = 2"));
    }

    [Fact]
    public async Task A_block_is_all_or_nothing()
    {
        await ExecuteAsync(Instance, "drop table if exists wallet");
        await ExecuteAsync(Instance, "create table wallet (client_id int primary key, balance decimal)");
        await ExecuteAsync(Instance, "insert into wallet values (1, 0)");

        // The second statement fails (a duplicate key): the first one's update must not stay.
        var error = await Assert.ThrowsAsync<PostgresException>(() => BlockRowsAsync(
            "DO $$ BEGIN UPDATE wallet SET balance = 100 WHERE client_id = $1; INSERT INTO wallet VALUES ($1, 5); END $$", 1L));

        Assert.Equal("XX000", error.SqlState);
        Assert.Equal(0m, await ScalarAsync("select balance from wallet where client_id = 1"));

        // LET, as the docs show: a decimal variable used in SET.
        await BlockRowsAsync("DO $$ BEGIN LET new_price = (SELECT 1000::decimal); UPDATE wallet SET balance = new_price WHERE client_id = $1; END $$", 1L);
        Assert.Equal(1000m, await ScalarAsync("select balance from wallet where client_id = 1"));
    }

    private async Task<List<(long, long)>> BlockRowsAsync(string block, long id)
    {
        await using var connection = new NpgsqlConnection(Instance.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(block, connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(long, long)>();
        while (await reader.ReadAsync())
        {
            rows.Add((Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    [Fact]
    public async Task What_a_frozen_instance_held_is_answered_in_order_after_the_thaw()
    {
        await using var session = await ConnectRawAsync();
        var query = $"select 40 + 2 as frozen_{Guid.NewGuid():N}";
        await fixture.Cluster.FreezeInstanceAsync(Instance.Name);
        Task<IReadOnlyList<ServerMessage>> held;
        try
        {
            held = session.QueryAsync(query);

            // The instance's front has the query's bytes, and its server has not run it: the freeze holds it. Meanwhile
            // the other instance serves five whole sessions, each many times what one answer would take.
            await Eventually.HoldsAsync(
                () => Task.FromResult(fixture.Cluster.SessionsOf(Instance.Name).Any(s => Encoding.UTF8.GetString(s.ReceivedFromClient.Span).Contains(query, StringComparison.Ordinal))),
                "the frozen instance receives the query");
            for (var i = 0; i < 5; i++)
            {
                await Db.QueryAsync(fixture.Cluster.Instances[1], "select 1");
            }

            Assert.DoesNotContain(await fixture.Cluster.ReadStatementLogAsync(Instance.Name), e => e.Text == query);
            Assert.False(held.IsCompleted, "the frozen instance answered");
        }
        finally
        {
            await fixture.Cluster.ThawInstanceAsync(Instance.Name);
        }

        var answer = await held;
        Assert.Equal("42", Encoding.UTF8.GetString(Assert.Single(answer, m => m.Type == 'D').Body[6..]));
        Assert.Contains(await fixture.Cluster.ReadStatementLogAsync(Instance.Name), e => e.Text == query);
        Assert.Equal("SELECT 1", Assert.Single(await session.QueryAsync("select 1"), m => m.Type == 'C').Tag);
    }

    [Fact]
    public async Task Dropped_connections_are_reset_and_new_ones_are_taken()
    {
        var session = await ConnectRawAsync();

        await fixture.Cluster.DropConnectionsAsync(Instance.Name);
        // Idle pooled connections of the other tests were reset too: they are no use to them now.
        NpgsqlConnection.ClearAllPools();

        await Assert.ThrowsAnyAsync<IOException>(() => session.QueryAsync("select 1"));
        await using var next = await ConnectRawAsync();
        Assert.Equal("SELECT 1", Assert.Single(await next.QueryAsync("select 1"), m => m.Type == 'C').Tag);
    }

    [Fact]
    public async Task Wire_faults_need_the_front()
    {
        await using var bare = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { InstanceCount = 1, PicodataFront = false });

        var error = await Assert.ThrowsAsync<EmulatedClusterException>(() => bare.FreezeInstanceAsync(bare.Instances[0].Name));

        Assert.Contains("without its Picodata front", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_raw_psql_session_gets_Picodatas_answers()
    {
        var installation = Postgres.PostgresInstallation.Locate(null);
        var table = $"psql_{Guid.NewGuid():N}"[..16];
        var script = Path.Combine(Path.GetTempPath(), $"{table}.sql");
        await File.WriteAllTextAsync(script, $"""
            select 1 -- one
            ;
            begin;
            create table {table} (id integer primary key, name text not null) distributed by (id);
            insert into {table} values (1, 'ann'), (2, 'bob');
            rollback;
            do $$ begin let n = (select count(*) from {table}); return query select id, name, n from {table} order by id; end $$;
            select version();
            """);
        try
        {
            var cluster = fixture.Cluster;
            var uri = $"postgresql://{cluster.User}:{Uri.EscapeDataString(cluster.Password)}@{Instance.Host}:{Instance.Port}/any_name";

            var result = await Os.CommandRunner.RunAsync(
                Path.Combine(installation.BinDirectory, "psql"), [uri, "-X", "-A", "-t", "-f", script], asPostgresUser: false, CancellationToken.None);

            Assert.Contains("ERROR:  Comments are syntax errors on Picodata", result.StandardError, StringComparison.Ordinal);
            Assert.Equal(
                ["BEGIN", "CREATE TABLE", "INSERT 0 2", "ROLLBACK", "1|ann|2", "2|bob|2", "picodata 26.1.0"],
                result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static async Task ExecuteAsync(IPicodataInstance instance, string sql)
    {
        await using var connection = new NpgsqlConnection(instance.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private Task<RawSession> ConnectRawAsync() =>
        RawSession.ConnectAsync(Instance, fixture.Cluster.User, fixture.Cluster.Password, fixture.Cluster.Database);

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
