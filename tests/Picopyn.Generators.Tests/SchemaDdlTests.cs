using Picopyn.Generators.Schema;

namespace Picopyn.Generators.Tests;

/// <summary>The schema file's reader (every type synonym, keys, distribution, hidden bucket_id) and the writer that <c>schema pull</c> uses.</summary>
public sealed class SchemaDdlTests
{
    [Fact]
    public void Every_type_and_synonym_folds_to_a_picodata_type()
    {
        var file = SchemaDdlReader.Read("schema.sql", """
            create table t (
                a integer primary key, b int, c bigint, d smallint, e unsigned, f double, g int8,
                h decimal, i numeric(10, 2), j text, k string, l varchar(20), m boolean, n bool, o datetime, p uuid, q json)
            """);

        Assert.Empty(file.Diagnostics);
        var types = Assert.Single(file.Tables).Columns.Where(c => !c.IsHidden).Select(c => c.Type).ToArray();
        Assert.Equal(
            [PicoType.Integer, PicoType.Integer, PicoType.Integer, PicoType.Integer, PicoType.Unsigned, PicoType.Double, PicoType.Integer,
             PicoType.Decimal, PicoType.Decimal, PicoType.Text, PicoType.Text, PicoType.Text, PicoType.Boolean, PicoType.Boolean,
             PicoType.Datetime, PicoType.Uuid, PicoType.Json],
            types);
    }

    [Fact]
    public void Keys_nullability_distribution_and_the_hidden_bucket_id_are_read()
    {
        var file = SchemaDdlReader.Read("schema.sql", """
            CREATE TABLE IF NOT EXISTS "Orders" (Id INTEGER, user_id INTEGER NULL, note TEXT NOT NULL, PRIMARY KEY (Id, user_id))
                USING vinyl DISTRIBUTED BY (user_id) IN TIER hot OPTION (TIMEOUT = 1.5);
            create table settings (key text primary key, value text) distributed globally;
            create unique index orders_note on "Orders" using tree (note);
            """);

        Assert.Empty(file.Diagnostics);
        var orders = file.Tables[0];
        Assert.Equal("Orders", orders.Name);
        Assert.Equal(["id", "user_id"], orders.PrimaryKey);
        Assert.False(orders.Column("user_id")!.IsNullable); // a primary-key column is NOT NULL whatever it says
        Assert.False(orders.IsGlobal);
        Assert.Equal(["user_id"], orders.ShardingKey);
        Assert.True(orders.Column("bucket_id")!.IsHidden);
        Assert.DoesNotContain(orders.Visible, c => c.Name == "bucket_id");
        var settings = file.Tables[1];
        Assert.True(settings.IsGlobal);
        Assert.Null(settings.Column("bucket_id"));
        Assert.True(settings.Column("value")!.IsNullable);
    }

    [Fact]
    public void A_sharded_table_without_distributed_by_is_sharded_by_its_primary_key()
    {
        var table = Assert.Single(SchemaDdlReader.Read("s.sql", "create table t (id integer primary key, v text)").Tables);

        Assert.Equal(["id"], table.ShardingKey);
    }

    [Fact]
    public void What_the_writer_writes_reads_back_as_the_same_tables()
    {
        var original = SchemaDdlReader.Read("schema.sql", SchemaCheckTests.Schema + """

            create table "Odd Names" ("Key" text primary key, "select" integer not null, "text" text) distributed globally;
            """);
        Assert.Empty(original.Diagnostics);

        var written = SchemaDdlWriter.Write(original.Tables);
        var reread = SchemaDdlReader.Read("pulled.sql", written);

        Assert.Empty(reread.Diagnostics);
        Assert.Equal(original.Tables, reread.Tables);
        Assert.Contains("create table users (\n    id integer not null,", written, StringComparison.Ordinal);
        Assert.Contains(") distributed by (user_id);", written, StringComparison.Ordinal);
        Assert.DoesNotContain("bucket_id", written, StringComparison.Ordinal);
    }
}
