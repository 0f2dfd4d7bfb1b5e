namespace Picopyn.Discovery;

/// <summary>One row of the discovery query: an instance and its advertised pgproto address.</summary>
internal sealed record DiscoveredInstance(
    string Name, string Uuid, string ReplicasetName, string Tier, string CurrentState, string Address);
