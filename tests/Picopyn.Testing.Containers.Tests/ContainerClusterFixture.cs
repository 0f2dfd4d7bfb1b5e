namespace Picopyn.Testing.Containers.Tests;

/// <summary>The test classes that share one <see cref="ContainerClusterFixture"/>: a container cluster takes tens of seconds to start.</summary>
[CollectionDefinition(Name)]
public sealed class SharedContainerCluster : ICollectionFixture<ContainerClusterFixture>
{
    public const string Name = "Container cluster";
}

/// <summary>A started container cluster of three emulated instances, or the reason there is none here.</summary>
public sealed class ContainerClusterFixture : IAsyncLifetime
{
    private PicodataContainerCluster? _cluster;

    /// <summary>The cluster; skips the calling test when Docker or the image is missing.</summary>
    public PicodataContainerCluster Cluster
    {
        get
        {
            Skip.If(DockerEngine.WhyUnavailable is not null, DockerEngine.WhyUnavailable);
            return _cluster ?? throw new InvalidOperationException("The fixture has not started.");
        }
    }

    public async Task InitializeAsync()
    {
        if (DockerEngine.WhyUnavailable is null)
        {
            _cluster = await StartAsync(new PicodataClusterBuilder());
        }
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    /// <summary>Builds the emulated image's cluster from <paramref name="builder"/> and starts it; nothing is left behind when it fails.</summary>
    public static async Task<PicodataContainerCluster> StartAsync(PicodataClusterBuilder builder)
    {
        var cluster = builder.WithImage(DockerEngine.Image).WithUser("app", "Contract1Password").Build();
        try
        {
            await cluster.StartAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }
}
