namespace Picopyn.Testing;

/// <summary>One instance of a (real or emulated) Picodata cluster, as a test sees it.</summary>
/// <remarks>The object is live: its state and incarnation follow the operations on the cluster.</remarks>
public interface IPicodataInstance
{
    /// <summary>The instance name, as in <c>_pico_instance.name</c> (e.g. <c>default_1_1</c>).</summary>
    string Name { get; }

    /// <summary>The instance uuid: what <c>pico_instance_uuid()</c> returns when this instance answers.</summary>
    string Uuid { get; }

    /// <summary>The instance's raft id, the join key between <c>_pico_instance</c> and <c>_pico_peer_address</c>.</summary>
    long RaftId { get; }

    /// <summary>The replicaset the instance belongs to.</summary>
    string ReplicasetName { get; }

    /// <summary>The uuid of its replicaset, by which <c>_pico_replicaset</c> and the bucket map (<c>_pico_bucket</c>) name it.</summary>
    string ReplicasetUuid { get; }

    /// <summary>The tier the instance belongs to.</summary>
    string Tier { get; }

    /// <summary>The host clients connect to for pgproto.</summary>
    string Host { get; }

    /// <summary>The pgproto port.</summary>
    int Port { get; }

    /// <summary>The pgproto address as <c>_pico_peer_address</c> advertises it: <c>host:port</c>.</summary>
    string PgprotoAddress { get; }

    /// <summary>
    /// An Npgsql connection string for the cluster's application user on this instance, with
    /// the settings Picodata requires.
    /// </summary>
    string ConnectionString { get; }

    /// <summary>The state variant the system tables currently hold for this instance.</summary>
    InstanceState State { get; }

    /// <summary>The incarnation the system tables hold: it grows each time the instance comes back Online.</summary>
    long Incarnation { get; }

    /// <summary>Whether the instance's process runs.</summary>
    InstanceProcessState ProcessState { get; }
}
