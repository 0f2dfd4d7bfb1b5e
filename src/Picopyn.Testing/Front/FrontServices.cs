using Npgsql;
using Picopyn.Testing.Front.Routing;

namespace Picopyn.Testing.Front;

/// <summary>What a <see cref="PicodataFront"/> needs of its cluster and instance.</summary>
/// <param name="Database">The instance's one database, which every session is given.</param>
/// <param name="ApplicationUser">The role the application logins belong to, granted what the front creates for them (block functions).</param>
/// <param name="RunDdl">Runs Picodata DDL on the cluster; throws <see cref="Emulation.PicodataDdlRefusedException"/> when Picodata would refuse it.</param>
/// <param name="OpenInstanceConnection">A superuser connection to the instance's PostgreSQL, for what the front prepares there (describing a block).</param>
/// <param name="RaftId">The instance's raft id: the owner of the buckets it serves itself.</param>
/// <param name="Shards">The cluster's current tables and bucket owners.</param>
/// <param name="IsRunning">Whether the instance of a raft id runs (a statement is forwarded only to one that does).</param>
/// <param name="Counters">The instance's count of statements served where their bucket lives and forwarded.</param>
/// <param name="Tls">The instance's TLS: with it, the front speaks TLS and refuses plaintext, as Picodata with TLS on.</param>
/// <param name="SessionStarted">Told of every session's startup: who, and whether it was encrypted or refused.</param>
/// <param name="CaptureClientBytes">Whether each session keeps the bytes its client sent (<see cref="InstanceSession.ReceivedFromClient"/>).</param>
internal sealed record FrontServices(
    string Database,
    string ApplicationUser,
    Func<string, CancellationToken, Task> RunDdl,
    Func<CancellationToken, Task<NpgsqlConnection>> OpenInstanceConnection,
    long RaftId,
    Func<ShardMap> Shards,
    Func<long, bool> IsRunning,
    RoutingCounters Counters,
    FrontTls? Tls = null,
    Action<InstanceSession>? SessionStarted = null,
    bool CaptureClientBytes = false);
