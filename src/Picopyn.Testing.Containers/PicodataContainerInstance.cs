using DotNet.Testcontainers.Containers;

namespace Picopyn.Testing.Containers;

/// <summary>One instance of a <see cref="PicodataContainerCluster"/>: its container, its published ports and what the system tables say of it.</summary>
/// <remarks>The object is live: identity, state and incarnation are read again from <c>_pico_instance</c> after each cluster operation.</remarks>
public sealed class PicodataContainerInstance : IPicodataInstance
{
    private readonly Func<string, int, string> _connectionStringFor;

    internal PicodataContainerInstance(
        PicodataInstanceRecipe recipe, IContainer container, int pgprotoHostPort, int httpHostPort, Func<string, int, string> connectionStringFor)
    {
        Recipe = recipe;
        Container = container;
        Port = pgprotoHostPort;
        HttpPort = httpHostPort;
        _connectionStringFor = connectionStringFor;
    }

    /// <inheritdoc />
    public string Name => Recipe.Name;

    /// <inheritdoc />
    public string Uuid { get; internal set; } = string.Empty;

    /// <inheritdoc />
    public long RaftId { get; internal set; }

    /// <inheritdoc />
    public string ReplicasetName { get; internal set; } = string.Empty;

    /// <inheritdoc />
    public string ReplicasetUuid { get; internal set; } = string.Empty;

    /// <inheritdoc />
    public string Tier { get; internal set; } = string.Empty;

    /// <summary>Loopback: the instance's pgproto port is published there.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The host port the container's pgproto port (4327) is published on; it stays across restarts and partitions.</summary>
    public int Port { get; }

    /// <summary>The host port of the instance's HTTP API (health).</summary>
    public int HttpPort { get; }

    /// <summary>The advertised pgproto address, <c>{name}:4327</c>: what discovery returns, which only the translator turns into <see cref="Host"/>:<see cref="Port"/>.</summary>
    public string PgprotoAddress => Recipe.AdvertisedPgproto.ToString();

    /// <inheritdoc />
    public string ConnectionString => _connectionStringFor(Host, Port);

    /// <inheritdoc />
    public InstanceState State { get; internal set; } = InstanceState.Offline;

    /// <inheritdoc />
    public long Incarnation { get; internal set; }

    /// <inheritdoc />
    public InstanceProcessState ProcessState { get; internal set; } = InstanceProcessState.Stopped;

    /// <summary>Whether the container is paused (<see cref="PicodataContainerCluster.FreezeInstanceAsync"/>).</summary>
    public bool IsPaused { get; internal set; }

    /// <summary>Whether the container is off the clients' network (<see cref="PicodataContainerCluster.DisconnectInstanceAsync"/>).</summary>
    public bool IsDisconnected { get; internal set; }

    /// <summary>The Docker container id.</summary>
    public string ContainerId => Container.Id;

    internal PicodataInstanceRecipe Recipe { get; }

    internal IContainer Container { get; }

    /// <summary>Whether the cluster can talk to it now: running, not paused, on the clients' network.</summary>
    internal bool IsReachable => ProcessState == InstanceProcessState.Running && !IsPaused && !IsDisconnected;

    /// <inheritdoc />
    public override string ToString() => $"{Name} (127.0.0.1:{Port}, {State}, {ProcessState}{(IsPaused ? ", paused" : string.Empty)}{(IsDisconnected ? ", disconnected" : string.Empty)})";
}
