namespace Picopyn.Topology;

/// <summary>Who an instance is, as discovery read it from <c>_pico_instance</c>.</summary>
internal sealed record InstanceIdentity(string Name, string Uuid, string Tier, string ReplicasetName);
