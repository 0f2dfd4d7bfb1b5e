using Picopyn.Tests.Contract;

namespace Picopyn.Testing.Containers.Tests;

/// <summary>The <see cref="IPicodataCluster"/> contract on a cluster of emulated-image containers: the suite the in-process emulated cluster passes.</summary>
[Collection(SharedContainerCluster.Name)]
public sealed class ContainerClusterContractTests(ContainerClusterFixture fixture) : PicodataClusterContract
{
    protected override IPicodataCluster Cluster => fixture.Cluster;

    protected override PicoClientOptions ClientOptions() => new() { AddressTranslator = fixture.Cluster.AddressTranslator.AsOption() };
}
