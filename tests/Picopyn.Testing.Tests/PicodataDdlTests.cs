using System.Text.Json;

namespace Picopyn.Testing.Tests;

/// <summary>The emulated cluster runs Picodata's DDL: translated for PostgreSQL, refused where Picodata refuses, and recorded in <c>_pico_table</c>.</summary>
public sealed class PicodataDdlTests(SharedClusterFixture fixture) : IClassFixture<SharedClusterFixture>
{
    private EmulatedPicodataCluster Cluster => fixture.Cluster;

    private IPicodataInstance First => Cluster.Instances[0];

    [Fact]
    public async Task A_sharded_table_is_created_in_picodata_types_and_recorded_in_pico_table()
    {
        await Cluster.ExecuteDdlAsync("""
            CREATE TABLE ddl_orders (
                id INTEGER NOT NULL, user_id INT NOT NULL, total DECIMAL NOT NULL, score DOUBLE, paid BOOLEAN NOT NULL,
                at DATETIME NOT NULL, ref UUID, note STRING, extra JSON, qty UNSIGNED NOT NULL,
                PRIMARY KEY (id)) USING memtx DISTRIBUTED BY (user_id) OPTION (TIMEOUT = 3.0);
            CREATE INDEX ddl_orders_user ON ddl_orders USING TREE (user_id);
            """);

        await Db.ExecuteAsync(Cluster.Instances[1], "INSERT INTO ddl_orders (id, user_id, total, paid, at, qty) VALUES (1, 7, 9.5, true, '2026-01-01T00:00:00Z', 3)");
        var row = Assert.Single(await Db.QueryAsync(Cluster.Instances[2], "SELECT id, user_id, total, qty FROM ddl_orders"));
        Assert.Equal([1L, 7L, 9.5m, 3L], row);

        var table = Assert.Single(await Db.QueryAsync(First, "SELECT id, distribution, format, engine FROM _pico_table WHERE name = 'ddl_orders'"));
        Assert.True((long)table[0] > 1024);
        Assert.Equal("""{"ShardedImplicitly":[["user_id"],"murmur3","default"]}""", (string)table[1]);
        var format = JsonDocument.Parse((string)table[2]).RootElement.EnumerateArray()
            .Select(f => (f.GetProperty("name").GetString(), f.GetProperty("field_type").GetString(), f.GetProperty("is_nullable").GetBoolean()))
            .ToList();
        Assert.Equal(
            [("id", "integer", false), ("user_id", "integer", false), ("total", "decimal", false), ("score", "double", true),
             ("paid", "boolean", false), ("at", "datetime", false), ("ref", "uuid", true), ("note", "string", true), ("extra", "json", true),
             ("qty", "unsigned", false), ("bucket_id", "unsigned", false)],
            format);
        Assert.Equal("memtx", table[3]);

        var indexes = await Db.QueryAsync(First, "SELECT i.id, i.name, i.parts FROM _pico_index AS i JOIN _pico_table AS t ON t.id = i.table_id WHERE t.name = 'ddl_orders' ORDER BY i.id");
        Assert.Equal([0L, "ddl_orders_pkey", """[["id","integer",null,false,null]]"""], indexes[0]);
        Assert.Equal("ddl_orders_user", indexes[1][1]);
    }

    [Fact]
    public async Task A_global_table_has_no_bucket_id_and_is_dropped_from_pico_table_with_the_table()
    {
        await Cluster.ExecuteDdlAsync("create table ddl_settings (key text primary key, value text) distributed globally");
        var row = Assert.Single(await Db.QueryAsync(First, "SELECT distribution, format FROM _pico_table WHERE name = 'ddl_settings'"));
        Assert.Equal("""{"Global":null}""", row[0]);
        Assert.DoesNotContain("bucket_id", (string)row[1], StringComparison.Ordinal);

        await Cluster.ExecuteDdlAsync("drop table ddl_settings");

        Assert.Empty(await Db.QueryAsync(First, "SELECT name FROM _pico_table WHERE name = 'ddl_settings'"));
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => Db.QueryAsync(First, "SELECT key FROM ddl_settings"));
    }

    [Theory]
    [InlineData("CREATE TABLE ddl_nokey (id integer, name text)", "no primary key")]
    [InlineData("CREATE TABLE ddl_float (id integer primary key, score float)", "'float' is not a Picodata column type")]
    [InlineData("CREATE TABLE ddl_default (id integer primary key, n integer default 0)", "no column defaults")]
    [InlineData("ALTER TABLE ddl_any ADD COLUMN x integer", "table ddl_any does not exist")]
    [InlineData("ALTER TABLE ddl_any DROP COLUMN x", "`ALTER TABLE _ DROP COLUMN` is not yet supported")]
    public async Task Ddl_picodata_refuses_is_refused_before_anything_runs(string ddl, string reason)
    {
        var error = await Assert.ThrowsAsync<EmulatedClusterException>(() => Cluster.ExecuteDdlAsync(ddl));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains(ddl, error.Message, StringComparison.Ordinal);
        Assert.Empty(await Db.QueryAsync(First, "SELECT name FROM _pico_table WHERE name LIKE 'ddl_no%' OR name LIKE 'ddl_f%' OR name LIKE 'ddl_d%'"));
    }
}
