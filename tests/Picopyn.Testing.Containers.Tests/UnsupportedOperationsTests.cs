namespace Picopyn.Testing.Containers.Tests;

/// <summary>
/// What only the emulation can do is refused by the container cluster in words that say why and what to use instead,
/// before anything reaches Docker (the cluster here is built, never started).
/// </summary>
public sealed class UnsupportedOperationsTests
{
    private static readonly Dictionary<string, (Func<PicodataContainerCluster, Task> Call, string Instead)> Operations = new()
    {
        ["latency"] = (c => c.SetLatencyAsync("picodata-1", TimeSpan.FromSeconds(1)), "EmulatedPicodataCluster puts it at the instance's front"),
        ["dropped connections"] = (c => c.DropConnectionsAsync("picodata-1"), "DisconnectInstanceAsync"),
        ["refused connections"] = (c => c.SetRefusingConnectionsAsync("picodata-1", true), "StopInstanceAsync"),
        ["instance state"] = (c => c.SetInstanceStateAsync("picodata-1", InstanceState.Offline), "Picodata's governor decides it"),
        ["instance rows"] = (c => c.RemoveInstanceRowsAsync("picodata-1"), "when it expels the instance"),
        ["advertised address"] = (c => c.SetAdvertisedAddressAsync("picodata-1", "elsewhere:4327"), "PICODATA_PG_ADVERTISE"),
        ["buckets"] = (c => c.MoveBucketsAsync(1, 10, Guid.Empty.ToString()), "Picodata's rebalancer"),
        ["sessions"] = (c => c.CountSessionsAsync("picodata-1"), "Picodata shows no sessions"),
        ["statement log"] = (c => c.ReadStatementLogAsync("picodata-1"), "EmulatedPicodataCluster does"),
        ["routing counts"] = (c => c.ReadRoutingCountsAsync(), "EmulatedPicodataCluster counts them"),
    };

    public static TheoryData<string> OperationNames => new(Operations.Keys);

    [Theory]
    [MemberData(nameof(OperationNames))]
    public async Task An_emulation_only_operation_is_refused_saying_what_to_use_instead(string operation)
    {
        await using var cluster = new PicodataClusterBuilder().WithUser("app", "Contract1Password").Build();

        var refusal = await Assert.ThrowsAsync<NotSupportedException>(() => Operations[operation].Call(cluster));

        Assert.StartsWith("A Picodata container cluster cannot ", refusal.Message, StringComparison.Ordinal);
        Assert.Contains(Operations[operation].Instead, refusal.Message, StringComparison.Ordinal);
        Assert.Empty(cluster.Instances);
    }
}
