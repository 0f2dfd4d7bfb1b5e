using System;
using System.Collections.Generic;
using System.Linq;
using Picopyn.Generators.Model;

namespace Picopyn.Generators.Schema;

/// <summary>A table of the schema, as its <c>CREATE TABLE</c> declares it.</summary>
/// <param name="Name">Its name (unquoted names folded to lower case).</param>
/// <param name="Columns">Its columns in order, the hidden <c>bucket_id</c> of a sharded table last.</param>
/// <param name="PrimaryKey">The primary-key columns, in key order.</param>
/// <param name="IsGlobal"><c>DISTRIBUTED GLOBALLY</c>: every instance holds all rows, and there is no <c>bucket_id</c>.</param>
/// <param name="ShardingKey">For a sharded table: the <c>DISTRIBUTED BY</c> columns (the primary key when none is given).</param>
internal sealed record SchemaTable(
    string Name, EquatableArray<SchemaColumn> Columns, EquatableArray<string> PrimaryKey, bool IsGlobal, EquatableArray<string> ShardingKey)
{
    /// <summary>The name of the column Picodata adds to every sharded table.</summary>
    public const string BucketId = "bucket_id";

    /// <summary>
    /// A table as Picodata makes it from its declared columns: primary-key columns NOT NULL whatever
    /// they say, a sharded table sharded by its primary key unless <paramref name="shardingKey"/> says
    /// otherwise and given the hidden <c>bucket_id</c> last. The schema file's reader and the live
    /// cluster's reader both build tables here, so the two compare equal.
    /// </summary>
    public static SchemaTable Create(
        string name, IEnumerable<SchemaColumn> declared, IReadOnlyList<string> primaryKey, bool isGlobal, IReadOnlyList<string> shardingKey)
    {
        var columns = declared.Select(c => primaryKey.Contains(c.Name) ? c with { IsNullable = false } : c).ToList();
        if (!isGlobal)
        {
            columns.Add(new SchemaColumn(BucketId, PicoType.Unsigned, IsNullable: false, IsHidden: true));
        }

        var key = isGlobal ? [] : shardingKey.Count > 0 ? shardingKey.ToArray() : primaryKey.ToArray();
        return new SchemaTable(name, new(columns.ToArray()), new(primaryKey.ToArray()), isGlobal, new(key));
    }

    /// <summary>The tier a sharded table lives in (<c>IN TIER</c>); <see langword="null"/> for the cluster's default tier.</summary>
    public string? Tier { get; init; }

    /// <summary>The column of this name (the hidden <c>bucket_id</c> too), or <see langword="null"/>.</summary>
    public SchemaColumn? Column(string name) => Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));

    /// <summary>What <c>*</c> returns: every column but the hidden one.</summary>
    public EquatableArray<SchemaColumn> Visible => new(Columns.Where(c => !c.IsHidden).ToArray());

    public bool IsPrimaryKey(string column) => PrimaryKey.Contains(column);
}
