using Picopyn.Cli.Tests.Queries;

namespace Picopyn.Cli.Tests;

/// <summary><c>picopyn verify</c>: generated queries described by the emulated cluster, nothing executed.</summary>
public sealed class VerifyCommandTests(CliCluster fixture) : IClassFixture<CliCluster>
{
    [Fact]
    public async Task Queries_that_match_the_cluster_pass_with_exit_code_0()
    {
        var (exitCode, output, error) = await Cli.RunAsync("verify", "--dsn", fixture.Dsn, typeof(IMatchingQueries).Assembly.Location);

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("All 4 queries match the cluster.", output, StringComparison.Ordinal);
        Assert.Contains("[4/4]", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_column_read_as_the_wrong_type_and_a_parameter_bound_as_the_wrong_type_are_reported_and_exit_1()
    {
        var (exitCode, output, _) = await Cli.RunAsync("verify", "--dsn", fixture.Dsn, typeof(IMismatchingQueries).Assembly.Location);

        Assert.Equal(1, exitCode);
        Assert.Contains("Picopyn.Cli.Tests.IMismatchingQueries.NameAsLongAsync: select name from verify_items where id = $1", output, StringComparison.Ordinal);
        Assert.Contains("column 'name' is text on the server, but the code reads it as long; make the member string", output, StringComparison.Ordinal);
        Assert.Contains("Picopyn.Cli.Tests.IMismatchingQueries.IdFromTextAsync", output, StringComparison.Ordinal);
        Assert.Contains("$1 is bigint on the server, but the code binds string; make the parameter long", output, StringComparison.Ordinal);
        Assert.DoesNotContain("IMismatchingQueries.NameAsync:", output, StringComparison.Ordinal);
        Assert.Contains("2 of 3 queries differ from the cluster.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verifying_executes_nothing_and_sends_nothing_picodata_refuses()
    {
        // A row the queries would change if they ran with any values a tool might bind: 0 is every number's default.
        await using (var client = await PicoClient.ConnectAsync(fixture.Dsn))
        {
            await client.ExecuteAsync(
                "insert into verify_items (id, name, price, active, created, ref, amount) values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing",
                [0L, "seeded", 1.5, true, DateTimeOffset.UnixEpoch, Guid.Empty, 1m]);
        }

        var before = await ReadItemsAsync();

        var (exitCode, output, error) = await Cli.RunAsync("verify", "--dsn", fixture.Dsn, typeof(IMatchingQueries).Assembly.Location);

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("0: seeded 1.5", before, StringComparison.Ordinal);
        Assert.Equal(before, await ReadItemsAsync());
        foreach (var instance in fixture.Cluster.Instances)
        {
            var log = await fixture.Cluster.ReadStatementLogAsync(instance.Name);
            Assert.DoesNotContain(log, entry => entry.Text.StartsWith("insert into verify_items", StringComparison.Ordinal) ||
                entry.Text.StartsWith("update verify_items", StringComparison.Ordinal));
            Assert.Empty(PicodataRefusals.Find(log.Where(entry => entry.User == fixture.Cluster.User)));
        }
    }

    [Fact]
    public async Task A_project_is_built_and_its_assembly_verified()
    {
        // Release, which the test run has already built: the build here finds everything up to date.
        var project = Path.Combine(RepositoryRoot(), "tests", "Picopyn.Cli.Tests.Queries", "Picopyn.Cli.Tests.Queries.csproj");

        var (exitCode, output, error) = await Cli.RunAsync("verify", "--dsn", fixture.Dsn, "-c", "Release", project);

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("Building", error, StringComparison.Ordinal);
        Assert.Contains("All 4 queries match the cluster.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Something_that_is_not_an_app_exits_2()
    {
        var (exitCode, _, error) = await Cli.RunAsync("verify", "--dsn", fixture.Dsn, "/nonexistent/app.dll");

        Assert.Equal(2, exitCode);
        Assert.Contains("neither an assembly", error, StringComparison.Ordinal);
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));

    // Every row's id, name and price, in id order: what an executed insert or update would change.
    private async Task<string> ReadItemsAsync()
    {
        await using var client = await PicoClient.ConnectAsync(fixture.Dsn);
        var rows = await client.FetchAsync("select id, name, price from verify_items order by id");
        return string.Join("\n", rows.Select(r => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{r.Get<long>(0)}: {r.Get<string>(1)} {r.Get<double?>(2)}")));
    }
}
