namespace Picopyn.Testing.Tests;

/// <summary>The <see cref="IPicodataCluster"/> contract on the in-process emulated cluster; the container cluster runs the same suite.</summary>
public sealed class EmulatedClusterContractTests(SharedClusterFixture fixture) : PicodataClusterContract, IClassFixture<SharedClusterFixture>
{
    protected override IPicodataCluster Cluster => fixture.Cluster;
}
