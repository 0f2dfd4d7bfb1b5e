namespace Picopyn;

/// <summary>
/// A statement's sharding key, hashed: what routes it to the replicaset that owns its bucket
/// (docs/routing.md). Generated methods with a routing plan make one from their arguments; hand-written
/// calls name theirs with <see cref="Of"/> or <see cref="InTier"/>, giving the values in sharding-key
/// order as the column types hold them (an <c>integer</c> column's value as a <see cref="long"/>, a
/// <c>decimal</c> column's as a <see cref="decimal"/>).
/// </summary>
/// <remarks>The bucket is the hash modulo the tier's <c>bucket_count</c>, plus one; the count comes from the cluster, so the key holds only the hash.</remarks>
public readonly record struct PicoKey
{
    private PicoKey(uint hash, string? tier)
    {
        Hash = hash;
        Tier = tier;
    }

    /// <summary>The key's 32-bit hash, as Picodata computes it (<see cref="PicoBucketHasher"/>).</summary>
    public uint Hash { get; }

    /// <summary>The tier of the table; <see langword="null"/> for the cluster's default tier (its only one, or the one named <c>default</c>).</summary>
    public string? Tier { get; }

    /// <summary>The key whose parts <paramref name="hasher"/> was given, in <paramref name="tier"/>.</summary>
    public static PicoKey From(PicoBucketHasher hasher, string? tier = null) => new(hasher.Hash(), tier);

    /// <summary>The key of <paramref name="values"/> (sharding-key order) in the default tier.</summary>
    /// <exception cref="ArgumentException">A value of a type Picodata keys are not hashed from (see <see cref="PicoBuckets.Of(int, object?[])"/>).</exception>
    public static PicoKey Of(params object?[] values) => new(PicoBuckets.Hash(values), null);

    /// <summary>The key of <paramref name="values"/> (sharding-key order) of a table in <paramref name="tier"/>.</summary>
    /// <exception cref="ArgumentException">A value of a type Picodata keys are not hashed from.</exception>
    public static PicoKey InTier(string tier, params object?[] values)
    {
        ArgumentException.ThrowIfNullOrEmpty(tier);
        return new(PicoBuckets.Hash(values), tier);
    }

    /// <summary>The key's bucket among <paramref name="bucketCount"/>: <c>hash % bucketCount + 1</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bucketCount"/> is not positive.</exception>
    public int BucketOf(int bucketCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bucketCount);
        return (int)(Hash % (uint)bucketCount) + 1;
    }
}
