namespace Picopyn.Testing;

/// <summary>What one instance did with the single-bucket statements it received (<see cref="IPicodataCluster.ReadRoutingCountsAsync"/>).</summary>
/// <param name="Instance">The instance's name.</param>
/// <param name="ServedLocally">Statements whose bucket the instance's replicaset owns: served there.</param>
/// <param name="Forwarded">Statements whose bucket another replicaset owns: forwarded to it.</param>
public sealed record InstanceRoutingCounts(string Instance, long ServedLocally, long Forwarded);
