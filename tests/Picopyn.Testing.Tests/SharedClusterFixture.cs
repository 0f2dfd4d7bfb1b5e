namespace Picopyn.Testing.Tests;

/// <summary>One default cluster (3 instances, catalogs hidden) for tests that do not change its topology.</summary>
public sealed class SharedClusterFixture : IAsyncLifetime
{
    private EmulatedPicodataCluster? _cluster;

    public EmulatedPicodataCluster Cluster => _cluster ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync() => _cluster = await EmulatedPicodataCluster.StartNewAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
