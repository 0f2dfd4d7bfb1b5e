using Picopyn.Topology;

namespace Picopyn.Routing;

/// <summary>
/// Finds the instance a keyed statement goes to: the key's bucket in its tier, the replicaset that owns
/// the bucket, and that replicaset's master — or, for a read, the instance <see cref="PicoReadPreference"/>
/// allows — when it is in rotation and has not already failed this call. Anything else is balanced, as
/// Picodata forwards a statement to the owner from any instance: one hop more, never a wrong answer.
/// </summary>
internal sealed class StatementRouter(PicoReadPreference readPreference)
{
    /// <summary>The name of the tier a table created without <c>IN TIER</c> lives in, when the cluster has several.</summary>
    public const string DefaultTierName = "default";

    public RouteChoice Choose(PicoKey key, bool isRead, BucketMap? map, InstanceNode[] nodes, List<InstanceNode>? tried)
    {
        if (map is null)
        {
            return RouteChoice.Balanced("no_map");
        }

        if (TierOf(key, map) is not { } tier)
        {
            return RouteChoice.Balanced("tier_unknown");
        }

        var buckets = map.Tiers[tier];
        if (buckets.ReplicasetOf(key.BucketOf(buckets.BucketCount)) is not { } replicaset || !map.Masters.TryGetValue(replicaset, out var masterName))
        {
            return RouteChoice.Balanced("bucket_unmapped");
        }

        var master = Array.Find(nodes, n => n.Identity?.Name == masterName);
        if (master is null)
        {
            return RouteChoice.Balanced("owner_unknown");
        }

        if (isRead && readPreference != PicoReadPreference.Leader && ReplicaFor(master, nodes, tried) is { } replica)
        {
            return RouteChoice.To(replica);
        }

        return !master.IsEligible ? RouteChoice.Balanced("owner_down")
            : tried?.Contains(master) == true ? RouteChoice.Balanced("owner_failed")
            : RouteChoice.To(master);
    }

    /// <summary>The key's tier as the map names it — its own, or the default: the only tier, or the one named <c>default</c> — when the map has it.</summary>
    public static string? TierOf(PicoKey key, BucketMap map)
    {
        var tier = key.Tier ?? (map.Tiers.Count == 1 ? map.Tiers.Keys.First() : DefaultTierName);
        return map.Tiers.ContainsKey(tier) ? tier : null;
    }

    // Another instance of the master's replicaset for a read: a replica (Replica), or one with an idle connection (Any).
    private InstanceNode? ReplicaFor(InstanceNode master, InstanceNode[] nodes, List<InstanceNode>? tried)
    {
        InstanceNode? chosen = null;
        foreach (var node in nodes)
        {
            if (!node.IsEligible || node.Identity?.ReplicasetName != master.Identity!.ReplicasetName || tried?.Contains(node) == true)
            {
                continue;
            }

            var better = readPreference == PicoReadPreference.Replica
                ? node != master && (chosen is null || node.InFlight < chosen.InFlight)
                : chosen is null || (node.Idle.Count > 0 && chosen.Idle.Count == 0);
            chosen = better ? node : chosen;
        }

        return chosen;
    }
}
