using System.Diagnostics;

namespace Picopyn.Generators.EndToEndTests;

/// <summary>A generated method's span is named by the summary the generator read at build time, and carries the query text, never its values.</summary>
public sealed class TracingTests(UsersCluster cluster) : IClassFixture<UsersCluster>
{
    [Fact]
    public async Task A_generated_read_is_one_span_named_by_its_build_time_summary()
    {
        using var spans = new SpanRecorder();
        using (spans.Root())
        {
            Assert.Equal("bob", (await cluster.Users.FindAsync(2))!.Name);
            await cluster.Users.InsertAsync(1300, "traced", null, null, null, true, UsersCluster.Created, null, 0);
        }

        var recorded = spans.Recorded;
        Assert.Equal(["SELECT users", "INSERT users"], recorded.Select(a => a.DisplayName));
        var read = recorded[0];
        Assert.Equal("select id, name, email from users where id = $1", read.GetTagItem("db.query.text"));
        Assert.Equal("SELECT", read.GetTagItem("db.operation.name"));
        Assert.Equal(ActivityKind.Client, read.Kind);
        Assert.DoesNotContain(recorded[1].TagObjects, tag => $"{tag.Value}".Contains("traced", StringComparison.Ordinal));
    }
}
