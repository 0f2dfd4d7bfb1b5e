using Picopyn.Generators.Schema;

namespace Picopyn.Cli.Tests;

/// <summary><c>picopyn schema pull</c> and <c>schema diff</c> against an emulated cluster whose tables were made with Picodata DDL.</summary>
public sealed class SchemaCommandTests(CliCluster fixture) : IClassFixture<CliCluster>
{
    [Fact]
    public async Task Pull_writes_ddl_that_the_generator_reads_back_as_the_tables_the_cluster_was_given()
    {
        var (exitCode, output, error) = await Cli.RunAsync("schema", "pull", "--dsn", fixture.Dsn);

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, error);
        var pulled = SchemaDdlReader.Read("pulled.sql", output);
        Assert.Empty(pulled.Diagnostics);
        var created = SchemaDdlReader.Read("created.sql", CliCluster.Ddl);
        Assert.Equal(created.Tables, pulled.Tables);
        Assert.StartsWith("-- The tables of a Picodata cluster", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_to_a_file_writes_the_file_and_says_so_on_the_error_stream()
    {
        var path = Path.Combine(Path.GetTempPath(), $"picopyn-pull-{Guid.NewGuid():N}.sql");
        try
        {
            var (exitCode, output, error) = await Cli.RunAsync("schema", "pull", "--dsn", fixture.Dsn, "-o", path);

            Assert.Equal(0, exitCode);
            Assert.Equal(string.Empty, output);
            Assert.Contains("Wrote 3 table(s)", error, StringComparison.Ordinal);
            Assert.Equal(3, SchemaDdlReader.Read(path, await File.ReadAllTextAsync(path)).Tables.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Diff_of_the_pulled_schema_finds_nothing_and_exits_0()
    {
        var path = await WriteSchemaAsync(CliCluster.Ddl);

        var (exitCode, output, _) = await Cli.RunAsync("schema", "diff", "--dsn", fixture.Dsn, path);

        Assert.Equal(0, exitCode);
        Assert.Contains("matches the cluster (3 table(s))", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_finds_each_drift_and_exits_1()
    {
        var drifted = CliCluster.Ddl
            .Replace("price double,", "price decimal,", StringComparison.Ordinal)                 // type
            .Replace("name text not null,", "name text,", StringComparison.Ordinal)               // nullability
            .Replace(", ref uuid,", ",", StringComparison.Ordinal)                                // a column the file lacks
            .Replace("distributed globally", "distributed by (key)", StringComparison.Ordinal)   // distribution
            + "\ncreate table cli_missing (id integer primary key);";                           // a table the cluster lacks
        var path = await WriteSchemaAsync(drifted);

        var (exitCode, output, _) = await Cli.RunAsync("schema", "diff", "--dsn", fixture.Dsn, path);

        Assert.Equal(1, exitCode);
        var name = Path.GetFileName(path);
        Assert.Contains($"table 'cli_missing' is in {name} but not in the cluster", output, StringComparison.Ordinal);
        Assert.Contains($"table 'verify_items': column 'price' is decimal in {name} but double in the cluster", output, StringComparison.Ordinal);
        Assert.Contains($"table 'verify_items': column 'name' is nullable in {name} but NOT NULL in the cluster", output, StringComparison.Ordinal);
        Assert.Contains($"table 'verify_items': column 'ref' (uuid) is in the cluster but not in {name}", output, StringComparison.Ordinal);
        Assert.Contains($"table 'cli_settings': distributed by (key) in {name} but distributed globally in the cluster", output, StringComparison.Ordinal);
        Assert.Contains("5 difference(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_of_a_file_the_generator_cannot_read_says_where_and_exits_2()
    {
        var path = await WriteSchemaAsync("create table t (\n  id integer primary key,\n  score float)");

        var (exitCode, _, error) = await Cli.RunAsync("schema", "diff", "--dsn", fixture.Dsn, path);

        Assert.Equal(2, exitCode);
        Assert.Contains($"{Path.GetFileName(path)}(3,9): 'float' is not a Picodata column type", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_cluster_exits_2_naming_the_host_and_never_the_password()
    {
        var dsn = "postgresql://app:s3cret-Pa55@127.0.0.1:1/db";

        var (exitCode, output, error) = await Cli.RunAsync("schema", "pull", "--dsn", dsn);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Contains("127.0.0.1:1", error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-Pa55", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_dsn_the_tool_says_how_to_give_one_and_exits_2()
    {
        var previous = Environment.GetEnvironmentVariable(CliApplication.DsnVariable);
        Environment.SetEnvironmentVariable(CliApplication.DsnVariable, null);
        try
        {
            var (exitCode, _, error) = await Cli.RunAsync("schema", "pull");

            Assert.Equal(2, exitCode);
            Assert.Contains("--dsn", error, StringComparison.Ordinal);
            Assert.Contains(CliApplication.DsnVariable, error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(CliApplication.DsnVariable, previous);
        }
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("schema", "--help")]
    [InlineData("schema", "pull", "--help")]
    [InlineData("schema", "diff", "--help")]
    [InlineData("verify", "--help")]
    public async Task Every_command_has_help(params string[] args)
    {
        var (exitCode, output, _) = await Cli.RunAsync(args);

        Assert.Equal(0, exitCode);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_is_a_usage_error()
    {
        var (exitCode, _, error) = await Cli.RunAsync("schema", "pull", "--nope");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--nope", error, StringComparison.Ordinal);
    }

    private static async Task<string> WriteSchemaAsync(string ddl)
    {
        var path = Path.Combine(Path.GetTempPath(), $"picopyn-schema-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(path, ddl);
        return path;
    }
}
