using System.Globalization;
using Picopyn.Testing.Front;
using Picopyn.Testing.Front.Routing;
using Picopyn.Testing.Postgres;

namespace Picopyn.Testing.Emulation;

/// <summary>An emulated Picodata instance: its identity in the system tables and the server that plays it.</summary>
internal sealed class EmulatedInstance : IPicodataInstance
{
    private readonly Func<string, int, string> _connectionStringFor;

    public EmulatedInstance(long raftId, string tier, PostgresServer server, Func<string, int, string> connectionStringFor, Func<EmulatedInstance, FrontServices>? front)
    {
        RaftId = raftId;
        Tier = tier;
        // Picodata's names: tier_replicaset_instance; here every replicaset holds one instance.
        ReplicasetName = string.Create(CultureInfo.InvariantCulture, $"{tier}_{raftId}");
        Name = ReplicasetName + "_1";
        Uuid = Guid.NewGuid().ToString("D");
        ReplicasetUuid = Guid.NewGuid().ToString("D");
        Server = server;
        _connectionStringFor = connectionStringFor;
        Front = front is null ? null : PicodataFront.Start(() => server.Port, front(this));
    }

    public string Name { get; }

    public string Uuid { get; }

    public long RaftId { get; }

    public string ReplicasetName { get; }

    public string ReplicasetUuid { get; }

    public string Tier { get; }

    public string Host => "127.0.0.1";

    /// <summary>The pgproto port clients use: the Picodata front's when there is one, else the PostgreSQL server's own.</summary>
    public int Port => Front?.Port ?? Server.Port;

    public string PgprotoAddress => string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");

    /// <summary>The iproto address written to <c>_pico_peer_address</c>; nothing listens there.</summary>
    public string IprotoAddress => string.Create(CultureInfo.InvariantCulture, $"{Host}:{3300 + RaftId}");

    /// <summary>The http address written to <c>_pico_peer_address</c>; nothing listens there.</summary>
    public string HttpAddress => string.Create(CultureInfo.InvariantCulture, $"{Host}:{8080 + RaftId}");

    public string ConnectionString => _connectionStringFor(Host, Port);

    public InstanceState State { get; set; } = InstanceState.Offline;

    public long Incarnation { get; set; }

    public InstanceProcessState ProcessState { get; set; } = InstanceProcessState.Stopped;

    public PostgresServer Server { get; }

    /// <summary>The client sessions its front served (<see cref="EmulatedPicodataCluster.SessionsOf"/>).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<InstanceSession> Sessions { get; } = new();

    /// <summary>The single-bucket statements this instance served itself and forwarded.</summary>
    public RoutingCounters Counters { get; } = new();

    /// <summary>The Picodata front before the server (<see cref="EmulatedClusterOptions.PicodataFront"/>), or none.</summary>
    public PicodataFront? Front { get; }

    public override string ToString() => $"{Name} ({PgprotoAddress}, {State}, {ProcessState})";
}
