namespace Picopyn.Testing;

/// <summary>
/// A Picodata cluster a test drives: start it, query it through any instance, and stop, kill,
/// restart, re-state, add and remove instances while clients run against it.
/// </summary>
/// <remarks>
/// <see cref="EmulatedPicodataCluster"/> implements it on PostgreSQL server processes, and
/// <c>Picopyn.Testing.Containers.PicodataContainerCluster</c> on Docker containers (Picodata's image or the
/// emulated one), so tests written against this interface run unchanged on either; one contract suite
/// (tests/Contract) checks both. What only an emulation can do (write the system tables, put faults on a wire,
/// read statement logs) a container cluster refuses with <see cref="NotSupportedException"/>. Instances are
/// named by <see cref="IPicodataInstance.Name"/>. Operations on one cluster are serialized; disposing stops
/// every process and removes every file.
/// </remarks>
public interface IPicodataCluster : IAsyncDisposable
{
    /// <summary>All instances the cluster has started, in raft-id order, including stopped ones.</summary>
    IReadOnlyList<IPicodataInstance> Instances { get; }

    /// <summary>The login applications use: an ordinary user, not a superuser.</summary>
    string User { get; }

    /// <summary>The password of <see cref="User"/>.</summary>
    string Password { get; }

    /// <summary>The database name clients put in the startup packet.</summary>
    string Database { get; }

    /// <summary>Returns the instance called <paramref name="name"/>.</summary>
    /// <exception cref="EmulatedClusterException">No instance has that name (a container cluster throws its own <c>PicodataContainerException</c>).</exception>
    IPicodataInstance GetInstance(string name);

    /// <summary>
    /// A <c>postgresql://user:password@host:port[,host:port...]/database</c> URI listing
    /// <paramref name="seeds"/> (all instances when <see langword="null"/>), for clients that take a DSN.
    /// </summary>
    string BuildDsn(IEnumerable<IPicodataInstance>? seeds = null);

    /// <summary>Starts every instance and fills the system tables. Called once.</summary>
    Task StartAsync(CancellationToken cancellationToken = default);

    /// <summary>Starts a stopped or killed instance on its old port with its old uuid; it comes back Online with a higher incarnation.</summary>
    Task StartInstanceAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Stops an instance gracefully; its sessions end and the system tables mark it Offline, as Picodata does.</summary>
    Task StopInstanceAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Kills an instance with SIGKILL: connections break, new ones are refused, and the system tables still say Online, as after a real crash.</summary>
    Task KillInstanceAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Stops the instance if it runs, then starts it again (same port and uuid, higher incarnation).</summary>
    Task RestartInstanceAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds <paramref name="latency"/> to every answer the instance sends (<see cref="TimeSpan.Zero"/> removes it):
    /// a slow network or a loaded machine. The instance keeps working and stays Online.
    /// </summary>
    Task SetLatencyAsync(string name, TimeSpan latency, CancellationToken cancellationToken = default);

    /// <summary>
    /// Freezes the instance, as a machine that stops without dying (a long GC pause, a paused VM): its address
    /// still takes connections and bytes, and answers nothing — no error, no reset — until <see cref="ThawInstanceAsync"/>,
    /// when what was held goes on in order. The system tables still say Online.
    /// </summary>
    Task FreezeInstanceAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Ends a freeze: the instance answers again, starting with what it held.</summary>
    Task ThawInstanceAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Resets every open connection to the instance (a network blip, a restarted proxy); the instance keeps running and takes new ones.</summary>
    Task DropConnectionsAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// While <paramref name="refusing"/>, new connections to the instance are refused and the open ones keep working
    /// (a full listen backlog, a firewall rule on new flows); <see langword="false"/> takes them again.
    /// </summary>
    Task SetRefusingConnectionsAsync(string name, bool refusing, CancellationToken cancellationToken = default);

    /// <summary>Writes <paramref name="state"/> as the instance's current and target state, as every instance sees it. The process is left as it is.</summary>
    Task SetInstanceStateAsync(string name, InstanceState state, CancellationToken cancellationToken = default);

    /// <summary>Deletes the instance's rows from <c>_pico_instance</c> and <c>_pico_peer_address</c>, as for an instance expelled and forgotten. The process is left as it is.</summary>
    Task RemoveInstanceRowsAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds an instance while the cluster runs: its rows appear first as Offline, then its process
    /// starts, then — when <paramref name="online"/> is set — it is marked Online.
    /// </summary>
    Task<IPicodataInstance> AddInstanceAsync(bool online = true, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs Picodata DDL (<c>CREATE</c>/<c>DROP TABLE</c>, <c>CREATE</c>/<c>DROP INDEX</c>, <c>ALTER TABLE</c>, <c>TRUNCATE</c>)
    /// so that the table is shared by every instance and listed in <c>_pico_table</c>, as the same DDL sent by a
    /// client to any instance does. Picodata's dialect: a primary key is required, types are
    /// Picodata's (<c>integer</c>, <c>double</c>, <c>datetime</c>...), <c>DISTRIBUTED BY</c> / <c>GLOBALLY</c> allowed.
    /// </summary>
    Task ExecuteDdlAsync(string ddl, CancellationToken cancellationToken = default);

    /// <summary>
    /// Grants or revokes the application user's read access to the <c>_pico_*</c> system tables
    /// (Picodata's <c>GRANT READ TABLE</c>). Without it, reading them fails as Picodata fails it.
    /// </summary>
    Task SetSystemTablesReadableAsync(bool readable, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets the pgproto address the instance advertises in <c>_pico_peer_address</c> (e.g.
    /// <c>0.0.0.0:4327</c> or a container name), as an instance behind NAT would. The process keeps
    /// listening where it did.
    /// </summary>
    Task SetAdvertisedAddressAsync(string name, string address, CancellationToken cancellationToken = default);

    /// <summary>How many sessions of <see cref="User"/> the instance holds open right now, counted by the server.</summary>
    Task<int> CountSessionsAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every statement the instance has received since the cluster started, in order.</summary>
    Task<IReadOnlyList<StatementLogEntry>> ReadStatementLogAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Per instance, the statements it received that touch one bucket of a sharded table: served there, where
    /// the bucket lives, or forwarded to the instance that owns it (one hop more, as Picodata's router forwards).
    /// Statements over several buckets, of global tables or of no table are in neither count.
    /// </summary>
    Task<IReadOnlyList<InstanceRoutingCounts>> ReadRoutingCountsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves buckets <paramref name="firstBucket"/> to <paramref name="lastBucket"/> of the cluster's tier to the
    /// replicaset <paramref name="replicasetUuid"/>, as Picodata's rebalancer does: <c>_pico_bucket</c> says so at
    /// once, and the instances route by it from then on. A client learns it when it next reads the map.
    /// </summary>
    Task MoveBucketsAsync(int firstBucket, int lastBucket, string replicasetUuid, CancellationToken cancellationToken = default);
}
