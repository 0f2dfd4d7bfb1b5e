using Npgsql;

namespace Picopyn.Testing.Emulation;

/// <summary>How the emulation shares a tier's buckets out: evenly over the replicasets, in the order given, the first ones taking the remainder.</summary>
internal static class BucketSplit
{
    /// <summary>Ranges <c>1..bucketCount</c> cut into one contiguous range per owner.</summary>
    public static IReadOnlyList<(long First, long Last, string Owner)> Even(int bucketCount, IReadOnlyList<string> ownerReplicasetUuids)
    {
        var ranges = new List<(long First, long Last, string Owner)>(ownerReplicasetUuids.Count);
        var start = 1L;
        for (var i = 0; i < ownerReplicasetUuids.Count; i++)
        {
            var size = (bucketCount / ownerReplicasetUuids.Count) + (i < bucketCount % ownerReplicasetUuids.Count ? 1 : 0);
            ranges.Add((start, start + size - 1, ownerReplicasetUuids[i]));
            start += size;
        }

        return ranges;
    }

    /// <summary>
    /// Replaces the tier's bucket ranges on the storage (<paramref name="storage"/>) in one transaction: a client reading
    /// <c>_pico_bucket</c> meanwhile sees the old map or the new.
    /// </summary>
    public static async Task WriteAsync(
        NpgsqlConnection storage, string tier, IEnumerable<(long First, long Last, string Owner)> ranges, CancellationToken cancellationToken)
    {
        using var batch = new NpgsqlBatch(storage);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(StorageSchema.DeleteBucketRanges) { Parameters = { new() { Value = tier } } });
        foreach (var (first, last, owner) in ranges.OrderBy(r => r.First))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(StorageSchema.InsertBucketRange)
            {
                Parameters = { new() { Value = tier }, new() { Value = first }, new() { Value = last }, new() { Value = owner } },
            });
        }

        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
