namespace Picopyn;

/// <summary>
/// The bucket of a sharding key, exactly as Picodata computes it (reference: Tarantool's key_def hash,
/// MurmurHash3 x86 32-bit with seed 13 over the key parts' encodings in sharding-key order;
/// <c>hash % bucket_count + 1</c>). <c>bucket_count</c> is the tier's (<c>_pico_tier.bucket_count</c>,
/// 3000 by default).
/// </summary>
/// <remarks>
/// Key parts by CLR type: <see cref="long"/>, <see cref="int"/>, <see cref="short"/>, <see cref="sbyte"/>,
/// <see cref="byte"/>, <see cref="ushort"/>, <see cref="uint"/>, <see cref="ulong"/> → integer;
/// <see cref="string"/> → text; <see cref="bool"/>; <see cref="Guid"/> → uuid; <see cref="decimal"/> → decimal,
/// its scale included (<c>1m</c> and <c>1.0m</c> differ); <see langword="null"/> or <see cref="DBNull"/> → NULL.
/// <see cref="double"/> and date/time parts are refused: how Picodata hashes them is not verified against a
/// server, and a wrong bucket would route every such statement to the wrong instance. The
/// <see cref="PicoBucketHasher"/> form allocates nothing; this one boxes its arguments.
/// </remarks>
public static class PicoBuckets
{
    /// <summary>The bucket (1..<paramref name="bucketCount"/>) of the sharding key whose parts are <paramref name="key"/>, in key order.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bucketCount"/> is not positive.</exception>
    /// <exception cref="ArgumentException">No part, or a part of a type Picodata's buckets are not known for.</exception>
    public static int Of(int bucketCount, params object?[] key) => Hasher(key).Bucket(bucketCount);

    /// <summary>The 32-bit hash of the sharding key <paramref name="key"/> (before the modulo).</summary>
    /// <exception cref="ArgumentException">No part, or a part of a type Picodata's buckets are not known for.</exception>
    public static uint Hash(params object?[] key) => Hasher(key).Hash();

    /// <summary>The bucket of a one-part integer key, without allocating.</summary>
    public static int Of(int bucketCount, long key) => new PicoBucketHasher().Add(key).Bucket(bucketCount);

    /// <summary>The bucket of a one-part text key, without allocating.</summary>
    public static int Of(int bucketCount, string key) => new PicoBucketHasher().Add(key).Bucket(bucketCount);

    /// <summary>The bucket of a one-part uuid key, without allocating.</summary>
    public static int Of(int bucketCount, Guid key) => new PicoBucketHasher().Add(key).Bucket(bucketCount);

    private static PicoBucketHasher Hasher(object?[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
        {
            throw new ArgumentException("A sharding key has at least one part.", nameof(key));
        }

        var hasher = new PicoBucketHasher();
        for (var i = 0; i < key.Length; i++)
        {
            hasher = key[i] switch
            {
                null or DBNull => hasher.AddNull(),
                long v => hasher.Add(v),
                int v => hasher.Add(v),
                short v => hasher.Add(v),
                sbyte v => hasher.Add(v),
                byte v => hasher.Add(v),
                ushort v => hasher.Add(v),
                uint v => hasher.Add(v),
                ulong v => hasher.Add(v),
                string v => hasher.Add(v),
                bool v => hasher.Add(v),
                Guid v => hasher.Add(v),
                decimal v => hasher.Add(v),
                var other => throw new ArgumentException(
                    $"Key part {i + 1} is a {other.GetType().Name}; Picodata's buckets are known for integers, text, booleans, uuids, decimals and NULL" +
                    (other is double or float or DateTime or DateTimeOffset ? " (double and datetime parts are not verified against a server, so they are not routed)." : "."),
                    nameof(key)),
            };
        }

        return hasher;
    }
}
