using BenchmarkDotNet.Attributes;

namespace Picopyn.Benchmarks.Routing;

/// <summary>
/// The bucket of a sharding key (issue 19's target: at most 50 ns per integer key, nothing allocated),
/// for the key shapes routing computes on every routed call.
/// </summary>
public class BucketBenchmarks
{
    private readonly Guid _uuid = Guid.Parse("6f1c1a4e-2b1a-4c55-9e77-3d2f7c1b9a01");

    [Benchmark(Description = "integer key")]
    public int IntegerKey() => PicoBuckets.Of(3000, 9223372036854775807L);

    [Benchmark(Description = "text key (12 chars)")]
    public int TextKey() => PicoBuckets.Of(3000, "user@example");

    [Benchmark(Description = "uuid key")]
    public int UuidKey() => PicoBuckets.Of(3000, _uuid);

    [Benchmark(Description = "two-part key (text, integer)")]
    public int TwoPartKey() => new PicoBucketHasher().Add("lol").Add(42L).Bucket(3000);

    [Benchmark(Description = "decimal key")]
    public int DecimalKey() => new PicoBucketHasher().Add(-12.345m).Bucket(3000);
}
