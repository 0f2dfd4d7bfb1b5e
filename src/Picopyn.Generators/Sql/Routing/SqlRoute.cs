using System.Linq;
using Picopyn.Generators.Model;

namespace Picopyn.Generators.Sql.Routing;

/// <summary>
/// Where a statement's rows live: one bucket of one sharded table's tier, fixed by the values of its
/// sharding key, each part given by a parameter or a literal. Plain, equatable data.
/// </summary>
/// <param name="Table">The sharded table the statement reads or writes.</param>
/// <param name="Tier">The table's tier; <see langword="null"/> for the cluster's default tier.</param>
/// <param name="Parts">The sharding key's parts, in sharding-key order (the order they are hashed in).</param>
internal sealed record SqlRoute(string Table, string? Tier, EquatableArray<SqlRoutePart> Parts)
{
    /// <summary>What the plan comment says: <c>users.id = $1</c>, parts joined by <c>and</c>.</summary>
    public string Describe() => string.Join(" and ", Parts.Select(p => $"{Table}.{p.Column} = {p.Source}"));

    /// <summary>Whether <paramref name="other"/> lands in the same bucket: the same tier and the same key values, hashed the same way.</summary>
    public bool SharesBucketWith(SqlRoute other) =>
        Tier == other.Tier && Parts.Count == other.Parts.Count && Parts.Zip(other.Parts, static (a, b) =>
            a.Type == b.Type && a.Parameter == b.Parameter && a.LiteralKind == b.LiteralKind && a.LiteralValue == b.LiteralValue).All(same => same);
}
