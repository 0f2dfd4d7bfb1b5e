namespace Picopyn;

/// <summary>An instance as the client sees it at one moment: identity, address, health and load.</summary>
public sealed class PicoInstanceInfo
{
    internal PicoInstanceInfo(
        string? name, string? uuid, string? tier, string? replicasetName, PicoEndpoint endpoint, bool isAvailable, int inFlight, int openConnections, string? lastFailure = null)
    {
        LastFailure = isAvailable ? null : lastFailure;
        Name = name;
        Uuid = uuid;
        Tier = tier;
        ReplicasetName = replicasetName;
        Endpoint = endpoint;
        IsAvailable = isAvailable;
        InFlight = inFlight;
        OpenConnections = openConnections;
    }

    /// <summary>The instance name from <c>_pico_instance</c>; <see langword="null"/> for a seed host not (yet) discovered.</summary>
    public string? Name { get; }

    /// <summary>The instance uuid; <see langword="null"/> when unknown.</summary>
    public string? Uuid { get; }

    /// <summary>The tier; <see langword="null"/> when unknown.</summary>
    public string? Tier { get; }

    /// <summary>The replicaset; <see langword="null"/> when unknown.</summary>
    public string? ReplicasetName { get; }

    /// <summary>The address the client connects to (after address translation).</summary>
    public PicoEndpoint Endpoint { get; }

    /// <summary>Whether the instance is in rotation: not known to be down.</summary>
    public bool IsAvailable { get; }

    /// <summary>
    /// Why the instance is out of rotation (its connection refused, timed out, its certificate not accepted — in
    /// words, never the password); <see langword="null"/> while it is available.
    /// </summary>
    public string? LastFailure { get; }

    /// <summary>Statements running on the instance right now.</summary>
    public int InFlight { get; }

    /// <summary>Connections the pool holds open to the instance, busy or idle.</summary>
    public int OpenConnections { get; }

    /// <inheritdoc />
    public override string ToString() => Name is null ? Endpoint.ToString() : $"{Name} ({Endpoint})";
}
