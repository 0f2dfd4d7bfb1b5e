namespace Picopyn.Routing;

/// <summary>One tier's buckets: how many, and which replicaset owns each range.</summary>
/// <param name="BucketCount">The tier's <c>bucket_count</c>: buckets are numbered 1 to it.</param>
/// <param name="Ranges">Sorted by <see cref="BucketRange.Start"/>, inclusive, as <c>_pico_bucket(tier)</c> gives them.</param>
internal sealed record TierBuckets(int BucketCount, BucketRange[] Ranges)
{
    /// <summary>The uuid of the replicaset that owns <paramref name="bucket"/>, or <see langword="null"/> when no range holds it.</summary>
    public string? ReplicasetOf(int bucket)
    {
        int low = 0, high = Ranges.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var range = Ranges[middle];
            if (bucket < range.Start)
            {
                high = middle - 1;
            }
            else if (bucket > range.End)
            {
                low = middle + 1;
            }
            else
            {
                return range.ReplicasetUuid;
            }
        }

        return null;
    }
}

/// <summary>An inclusive range of buckets and the replicaset that owns it now.</summary>
internal readonly record struct BucketRange(long Start, long End, string ReplicasetUuid);

/// <summary>
/// Where each bucket lives, as the system tables said at the last discovery: per tier its
/// <c>bucket_count</c> (<c>_pico_tier</c>) and ranges (<c>_pico_bucket(tier)</c>), and per replicaset its current
/// master (<c>_pico_replicaset.current_master_name</c>) — the instance a routed statement goes to.
/// </summary>
internal sealed class BucketMap(IReadOnlyDictionary<string, TierBuckets> tiers, IReadOnlyDictionary<string, string> masters)
{
    public IReadOnlyDictionary<string, TierBuckets> Tiers { get; } = tiers;

    /// <summary>Replicaset uuid → the name of its current master instance.</summary>
    public IReadOnlyDictionary<string, string> Masters { get; } = masters;

    /// <summary>The name of the instance that masters <paramref name="bucket"/> of <paramref name="tier"/>, or <see langword="null"/> when the map does not say.</summary>
    public string? MasterOf(string tier, int bucket) =>
        Tiers.TryGetValue(tier, out var buckets) && buckets.ReplicasetOf(bucket) is { } replicaset && Masters.TryGetValue(replicaset, out var master)
            ? master
            : null;
}
