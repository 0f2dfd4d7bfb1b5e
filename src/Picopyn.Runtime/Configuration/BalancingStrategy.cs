namespace Picopyn;

/// <summary>How the client picks the instance for each statement.</summary>
public enum BalancingStrategy
{
    /// <summary>Each live instance in turn (the default).</summary>
    RoundRobin,

    /// <summary>A live instance at random.</summary>
    Random,

    /// <summary>The live instance with the fewest statements running; ties go round-robin.</summary>
    LeastInFlight,
}
