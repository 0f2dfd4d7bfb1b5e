namespace Picopyn.Testing.Containers.Tests;

/// <summary>The builder refuses what Picodata would refuse when the cluster is described, and a cluster that cannot start leaves nothing behind.</summary>
public sealed class PicodataClusterBuilderTests
{
    [Fact]
    public void A_weak_password_fails_when_it_is_given_in_Picodatas_words_without_the_password()
    {
        var failure = Assert.Throws<ArgumentException>(() => new PicodataClusterBuilder().WithUser("app", "short1"));

        Assert.Contains("invalid password: too short (expected at least 8 characters, got 6); missing uppercase letter", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("short1", failure.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new PicodataClusterBuilder().WithAdminPassword("alllowercase1"));
    }

    [Fact]
    public void Counts_and_names_no_cluster_can_have_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PicodataClusterBuilder().WithInstances(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PicodataClusterBuilder().WithReplicationFactor(0));
        Assert.Throws<ArgumentException>(() => new PicodataClusterBuilder().WithImage(" "));
        Assert.Throws<ArgumentException>(() => new PicodataClusterBuilder().WithNamePrefix(""));
    }

    [Fact]
    public void Each_step_returns_a_new_builder_and_building_starts_nothing()
    {
        var first = new PicodataClusterBuilder();
        var second = first.WithInstances(5).WithImage("example/picodata:1");

        var cluster = first.Build();

        Assert.NotSame(first, second);
        Assert.Equal(PicodataImage.Default, cluster.Image);
        Assert.Equal("example/picodata:1", second.Build().Image);
        Assert.Empty(cluster.Instances);
        Assert.Throws<PicodataContainerException>(() => cluster.GetInstance("picodata-1"));
        Assert.DoesNotContain(cluster.Password, cluster.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operation_before_the_start_says_to_start_first()
    {
        await using var cluster = new PicodataClusterBuilder().Build();

        var failure = await Assert.ThrowsAsync<PicodataContainerException>(() => cluster.ExecuteDdlAsync("CREATE TABLE t (id INTEGER PRIMARY KEY)"));
        Assert.Contains("call StartAsync first", failure.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_image_the_engine_cannot_get_fails_the_start_naming_it_and_leaves_no_container_or_network()
    {
        Skip.If(DockerEngine.WhyUnavailable is not null, DockerEngine.WhyUnavailable);
        var prefix = "picodata-missing-" + Guid.NewGuid().ToString("N")[..6];
        var cluster = new PicodataClusterBuilder().WithImage("picopyn/no-such-image:none").WithNamePrefix(prefix).Build();

        var failure = await Assert.ThrowsAsync<PicodataContainerException>(() => cluster.StartAsync());

        Assert.Contains("picopyn/no-such-image:none", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(cluster.Password, failure.ToString(), StringComparison.Ordinal);
        var left = await DockerEngine.NamedAsync(prefix);
        Assert.Empty(left);
        await Assert.ThrowsAsync<PicodataContainerException>(() => cluster.StartAsync()); // a failed cluster is done
        await cluster.DisposeAsync();
    }
}
