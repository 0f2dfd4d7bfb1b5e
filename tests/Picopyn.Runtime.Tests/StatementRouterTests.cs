using Npgsql;
using Picopyn.Routing;
using Picopyn.Topology;

namespace Picopyn.Runtime.Tests;

/// <summary>
/// Where the router sends a keyed statement, on a hand-made map and instances (no server: nothing is connected):
/// the owner's master, a replica for a read when the read preference allows, or balancing with the reason.
/// The emulated cluster has one instance per replicaset, so the read preferences are tested here.
/// </summary>
public sealed class StatementRouterTests : IDisposable
{
    // Key 42 is bucket 2426 of 3000 (docs/picodata.md, "Buckets and routing"): in the second range, replicaset "rs-b".
    private static readonly PicoKey Key = PicoKey.Of(42L);
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1");
    private readonly InstanceNode _a1;
    private readonly InstanceNode _b1;
    private readonly InstanceNode _b2;
    private readonly InstanceNode[] _nodes;
    private readonly BucketMap _map;

    public StatementRouterTests()
    {
        _a1 = Node("a1", "rs_a", 1);
        _b1 = Node("b1", "rs_b", 2);
        _b2 = Node("b2", "rs_b", 3);
        _nodes = [_a1, _b1, _b2];
        _map = new BucketMap(
            new Dictionary<string, TierBuckets> { ["default"] = new(3000, [new(1, 1500, "rs-a"), new(1501, 3000, "rs-b")]) },
            new Dictionary<string, string> { ["rs-a"] = "a1", ["rs-b"] = "b1" });
    }

    public void Dispose() => _source.Dispose();

    [Fact]
    public void A_keyed_write_goes_to_the_master_of_the_replicaset_owning_its_bucket()
    {
        Assert.Equal(2426, Key.BucketOf(3000));
        Assert.Equal(RouteChoice.To(_b1), Router(PicoReadPreference.Any).Choose(Key, isRead: false, _map, _nodes, null));
    }

    [Theory]
    [InlineData(PicoReadPreference.Leader, "b1")]
    [InlineData(PicoReadPreference.Replica, "b2")]
    public void A_read_goes_where_the_read_preference_says(PicoReadPreference preference, string expected) =>
        Assert.Equal(expected, Router(preference).Choose(Key, isRead: true, _map, _nodes, null).Owner!.Identity!.Name);

    [Fact]
    public void A_read_with_preference_replica_goes_to_the_master_when_no_replica_is_in_rotation()
    {
        _b2.MarkDown(TimeSpan.FromMinutes(1));

        Assert.Equal(RouteChoice.To(_b1), Router(PicoReadPreference.Replica).Choose(Key, isRead: true, _map, _nodes, null));
    }

    [Fact]
    public void A_read_with_preference_any_stays_in_the_owning_replicaset()
    {
        var owner = Router(PicoReadPreference.Any).Choose(Key, isRead: true, _map, _nodes, null).Owner;

        Assert.Equal("rs_b", owner!.Identity!.ReplicasetName);
    }

    [Fact]
    public void Without_a_map_or_with_an_unknown_tier_the_statement_is_balanced()
    {
        Assert.Equal(RouteChoice.Balanced("no_map"), Router().Choose(Key, false, null, _nodes, null));
        Assert.Equal(RouteChoice.Balanced("tier_unknown"), Router().Choose(PicoKey.InTier("cold", 42L), false, _map, _nodes, null));
    }

    [Fact]
    public void A_bucket_no_range_holds_or_a_master_the_client_does_not_know_is_balanced()
    {
        var gap = new BucketMap(
            new Dictionary<string, TierBuckets> { ["default"] = new(3000, [new(1, 1500, "rs-a")]) }, new Dictionary<string, string> { ["rs-a"] = "a1" });
        var stranger = new BucketMap(_map.Tiers, new Dictionary<string, string> { ["rs-a"] = "a1", ["rs-b"] = "b9" });

        Assert.Equal(RouteChoice.Balanced("bucket_unmapped"), Router().Choose(Key, false, gap, _nodes, null));
        Assert.Equal(RouteChoice.Balanced("owner_unknown"), Router().Choose(Key, false, stranger, _nodes, null));
    }

    [Fact]
    public void An_owner_out_of_rotation_or_already_tried_this_call_leaves_the_statement_balanced()
    {
        Assert.Equal(RouteChoice.Balanced("owner_failed"), Router().Choose(Key, false, _map, _nodes, [_b1]));

        _b1.MarkDown(TimeSpan.FromMinutes(1));

        Assert.Equal(RouteChoice.Balanced("owner_down"), Router().Choose(Key, false, _map, _nodes, null));
    }

    private static StatementRouter Router(PicoReadPreference preference = PicoReadPreference.Leader) => new(preference);

    private InstanceNode Node(string name, string replicaset, int port) =>
        new(new PicoEndpoint("127.0.0.1", port), "127.0.0.1", _source, tls: null) { Identity = new InstanceIdentity(name, name + "-uuid", "default", replicaset) };
}
