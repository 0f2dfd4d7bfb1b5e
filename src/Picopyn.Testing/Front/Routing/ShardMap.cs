using System.Collections.Concurrent;
using Picopyn.Generators.Schema;
using Picopyn.Generators.Sql;
using Picopyn.Generators.Sql.Routing;

namespace Picopyn.Testing.Front.Routing;

/// <summary>
/// What an emulated router knows to send a statement where its rows live: the cluster's tables as
/// <c>_pico_table</c> records them, and which instance owns each bucket range of the tier
/// (<c>_pico_bucket</c>). Immutable: the cluster makes a new one after DDL, a bucket move or a join,
/// and each statement text is read once per map, as the schema it is read against cannot change under it.
/// </summary>
internal sealed class ShardMap
{
    private const int RememberedTexts = 10_000;
    private readonly Dictionary<string, SchemaTable> _tables;
    private readonly BucketOwner[] _owners;
    private readonly ConcurrentDictionary<string, SqlRouting> _routings = new(StringComparer.Ordinal);

    /// <param name="tables">The user tables.</param>
    /// <param name="tier">The tier the cluster has (every emulated instance is in it).</param>
    /// <param name="bucketCount">The tier's bucket count.</param>
    /// <param name="owners">Its bucket ranges and the raft id of the instance owning each.</param>
    public ShardMap(IEnumerable<SchemaTable> tables, string tier, int bucketCount, IEnumerable<BucketOwner> owners)
    {
        _tables = tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        Tier = tier;
        BucketCount = bucketCount;
        _owners = [.. owners.OrderBy(o => o.First)];
    }

    /// <summary>A map with no tables: nothing is routed.</summary>
    public static ShardMap Empty { get; } = new([], "default", 1, []);

    public string Tier { get; }

    public int BucketCount { get; }

    /// <summary>The tier's bucket ranges in bucket order, each with its owner.</summary>
    public IReadOnlyList<BucketOwner> Owners => _owners;

    /// <summary>Where <paramref name="sql"/>'s rows live, read once per text.</summary>
    public SqlRouting RoutingOf(string sql)
    {
        if (_routings.TryGetValue(sql, out var routing))
        {
            return routing;
        }

        routing = SqlRouteReader.Read(SqlParser.Parse(sql), name => _tables.GetValueOrDefault(name));
        if (_routings.Count >= RememberedTexts)
        {
            _routings.Clear();
        }

        _routings[sql] = routing;
        return routing;
    }

    /// <summary>The raft id of the instance that owns <paramref name="bucket"/> of <paramref name="tier"/> (null: the cluster's), or null when none does.</summary>
    public long? OwnerOf(string? tier, int bucket)
    {
        if ((tier ?? Tier) != Tier)
        {
            return null;
        }

        int low = 0, high = _owners.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var range = _owners[middle];
            if (bucket < range.First)
            {
                high = middle - 1;
            }
            else if (bucket > range.Last)
            {
                low = middle + 1;
            }
            else
            {
                return range.RaftId;
            }
        }

        return null;
    }
}

/// <summary>A range of buckets, <paramref name="First"/> to <paramref name="Last"/> inclusive, and the raft id of the instance that owns it.</summary>
internal readonly record struct BucketOwner(long First, long Last, long RaftId);
