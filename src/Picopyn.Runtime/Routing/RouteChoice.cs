using Picopyn.Topology;

namespace Picopyn.Routing;

/// <summary>Where a keyed statement goes: the owner's instance, or — with the reason, a metric tag — wherever balancing picks.</summary>
/// <param name="Owner">The instance of the replicaset that owns the key's bucket, or <see langword="null"/> to balance.</param>
/// <param name="FallBack">Why the statement is balanced: <c>no_map</c>, <c>tier_unknown</c>, <c>bucket_unmapped</c>, <c>owner_unknown</c>, <c>owner_down</c>, <c>owner_failed</c>.</param>
internal readonly record struct RouteChoice(InstanceNode? Owner, string? FallBack)
{
    public static RouteChoice To(InstanceNode owner) => new(owner, null);

    public static RouteChoice Balanced(string reason) => new(null, reason);
}
