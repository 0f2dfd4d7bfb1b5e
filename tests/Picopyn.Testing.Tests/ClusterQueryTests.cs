using Npgsql;

namespace Picopyn.Testing.Tests;

/// <summary>What a client sees when it queries a running cluster: system tables, uuids, shared data.</summary>
public sealed class ClusterQueryTests(SharedClusterFixture fixture) : IClassFixture<SharedClusterFixture>
{
    private EmulatedPicodataCluster Cluster => fixture.Cluster;

    private IPicodataInstance Instance(int index) => Cluster.Instances[index - 1];

    [Fact]
    public async Task The_tiers_buckets_are_split_evenly_over_the_replicasets_as_pico_bucket_returns_them()
    {
        Assert.Equal(3000L, await Db.ScalarAsync<long>(Instance(2), "SELECT bucket_count FROM _pico_tier WHERE name = 'default'"));

        var ranges = await Db.BucketRangesAsync(Instance(2));

        Assert.Equal(
            [(1L, 1000L, Instance(1).ReplicasetUuid), (1001L, 2000L, Instance(2).ReplicasetUuid), (2001L, 3000L, Instance(3).ReplicasetUuid)],
            ranges);
        // Every owner is a replicaset whose master the system tables name.
        foreach (var (_, _, replicaset) in ranges)
        {
            Assert.Equal(1L, await Db.ScalarAsync<long>(Instance(1), "SELECT count(*) FROM _pico_replicaset WHERE uuid = $1", replicaset));
        }
    }

    [Fact]
    public void Three_instances_run_on_distinct_loopback_ports()
    {
        Assert.Equal(3, Cluster.Instances.Count);
        Assert.All(Cluster.Instances, i => Assert.Equal(InstanceProcessState.Running, i.ProcessState));
        Assert.All(Cluster.Instances, i => Assert.Equal("127.0.0.1", i.Host));
        Assert.Equal(3, Cluster.Instances.Select(i => i.Port).Distinct().Count());
        Assert.Equal(["default_1_1", "default_2_1", "default_3_1"], Cluster.Instances.Select(i => i.Name));
    }

    [Fact]
    public async Task Discovery_query_through_instance_1_returns_every_pgproto_address()
    {
        var rows = await Db.DiscoverAsync(Instance(1));

        Assert.Equal(Cluster.Instances.Select(i => i.Name), rows.Select(r => r.Name));
        Assert.Equal(Cluster.Instances.Select(i => i.PgprotoAddress), rows.Select(r => r.Address));
        Assert.All(rows, r => Assert.Equal("""["Online",1]""", r.State));
    }

    [Fact]
    public async Task Pico_instance_uuid_names_the_instance_that_answers()
    {
        foreach (var instance in Cluster.Instances)
        {
            Assert.Equal(instance.Uuid, await Db.ScalarAsync<string>(instance, "SELECT pico_instance_uuid()"));
            Assert.Equal(instance.Uuid, await Db.ScalarAsync<string>(instance, "SELECT instance_uuid()"));
        }

        Assert.Equal(3, Cluster.Instances.Select(i => i.Uuid).Distinct().Count());
    }

    [Fact]
    public async Task The_uuid_in_pico_instance_matches_the_answering_instance()
    {
        var rows = await Db.QueryAsync(
            Instance(2), "SELECT name FROM _pico_instance WHERE uuid = pico_instance_uuid()");

        Assert.Equal("default_2_1", Assert.Single(rows)[0]);
    }

    [Fact]
    public async Task System_tables_arrive_in_Picodata_wire_types()
    {
        await using var connection = await Db.OpenAsync(Instance(1));
        await using var command = new NpgsqlCommand(
            "SELECT name, uuid, raft_id, replicaset_name, replicaset_uuid, current_state, target_state, failure_domain, tier, picodata_version FROM _pico_instance",
            connection);
        await using var reader = await command.ExecuteReaderAsync();

        const uint text = 25, int8 = 20, json = 114;
        uint[] expected = [text, text, int8, text, text, json, json, json, text, text];
        Assert.Equal(expected, Enumerable.Range(0, reader.FieldCount).Select(reader.GetDataTypeOID));
    }

    [Fact]
    public async Task Peer_addresses_hold_iproto_pgproto_and_http_for_every_instance()
    {
        var rows = await Db.QueryAsync(Instance(3), "SELECT raft_id, connection_type, address FROM _pico_peer_address");

        foreach (var instance in Cluster.Instances)
        {
            var types = rows.Where(r => (long)r[0] == instance.RaftId).Select(r => (string)r[1]).Order(StringComparer.Ordinal);
            Assert.Equal(["http", "iproto", "pgproto"], types);
        }

        Assert.Equal(9, rows.Count);
    }

    [Fact]
    public async Task Tier_and_replicaset_tables_describe_the_cluster()
    {
        var tiers = await Db.QueryAsync(Instance(1), "SELECT name, replication_factor, is_default FROM _pico_tier");
        var replicasets = await Db.QueryAsync(Instance(1), "SELECT name, current_master_name, tier FROM _pico_replicaset ORDER BY name");

        Assert.Equal(["default", 1L, true], Assert.Single(tiers));
        Assert.Equal(
            Cluster.Instances.Select(i => new object[] { i.ReplicasetName, i.Name, "default" }),
            replicasets);
    }

    [Fact]
    public async Task A_row_written_through_instance_1_is_read_through_instance_3()
    {
        await Cluster.ExecuteDdlAsync("CREATE TABLE shared_rows (id bigint PRIMARY KEY, name text NOT NULL)");

        await Db.ExecuteAsync(Instance(1), "INSERT INTO shared_rows (id, name) VALUES ($1, $2)", 7L, "seven");
        var rows = await Db.QueryAsync(Instance(3), "SELECT id, name FROM shared_rows");

        Assert.Equal([7L, "seven"], Assert.Single(rows));
        Assert.Equal(1, await Db.ExecuteAsync(Instance(2), "DELETE FROM shared_rows WHERE id = $1", 7L));
        Assert.Empty(await Db.QueryAsync(Instance(1), "SELECT id FROM shared_rows"));
    }

    [Fact]
    public async Task The_application_user_is_not_a_superuser_and_its_DDL_is_Picodatas()
    {
        Assert.Equal("off", await Db.ScalarAsync<string>(Instance(1), "SELECT current_setting('is_superuser')"));
        Assert.Equal(Cluster.User, await Db.ScalarAsync<string>(Instance(1), "SELECT current_user::text"));

        // Not a table on this instance's PostgreSQL: Picodata DDL for the cluster, which wants a primary key.
        var error = await Assert.ThrowsAsync<PostgresException>(
            () => Db.ExecuteAsync(Instance(1), "CREATE TABLE local_only (id bigint)"));
        Assert.Equal("XX000", error.SqlState);
        Assert.Contains("no primary key", error.MessageText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT count(*) FROM pg_type")]
    [InlineData("SELECT count(*) FROM pg_catalog.pg_namespace")]
    [InlineData("SELECT count(*) FROM information_schema.tables")]
    public async Task Catalog_queries_fail_for_the_application_user(string sql)
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => Db.QueryAsync(Instance(1), sql));

        Assert.Equal("XX000", error.SqlState);
        Assert.Contains("no PostgreSQL catalogs", error.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_loads_types_from_the_catalogs_cannot_connect()
    {
        // Npgsql's default data source reads pg_type on its first open, which Picodata cannot serve.
        var builder = new NpgsqlDataSourceBuilder(Instance(1).ConnectionString);
        builder.ConfigureTypeLoading(t => t.EnableTypeLoading(true));
        builder.ConnectionStringBuilder.Pooling = false;
        await using var dataSource = builder.Build();

        await Assert.ThrowsAnyAsync<NpgsqlException>(async () => await dataSource.OpenConnectionAsync());
    }

    [Fact]
    public async Task A_data_source_with_Picodata_settings_connects_with_catalogs_hidden()
    {
        await using var dataSource = PicodataNpgsqlSettings.CreateDataSourceBuilder(Instance(2).ConnectionString).Build();
        await using var command = dataSource.CreateCommand("SELECT pico_instance_uuid()");

        Assert.Equal(Instance(2).Uuid, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Version_answers_as_Picodata()
    {
        Assert.Equal("picodata 26.1.0", await Db.ScalarAsync<string>(Instance(1), "SELECT version()"));
    }

    [Fact]
    public async Task The_dsn_lists_every_instance_with_user_and_database()
    {
        var expectedHosts = string.Join(',', Cluster.Instances.Select(i => i.PgprotoAddress));

        Assert.Equal(
            $"postgresql://{Cluster.User}:{Cluster.Password}@{expectedHosts}/{Cluster.Database}",
            Cluster.BuildDsn());
        Assert.Equal(
            $"postgresql://{Cluster.User}:{Cluster.Password}@{Instance(2).PgprotoAddress}/{Cluster.Database}",
            Cluster.BuildDsn([Instance(2)]));
    }
}
