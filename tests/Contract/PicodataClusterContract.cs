using System.Security.Cryptography;
using Npgsql;

namespace Picopyn.Tests.Contract;

/// <summary>
/// What every <see cref="IPicodataCluster"/> must do, whatever runs it: one suite, compiled into the emulated
/// cluster's tests (<c>EmulatedClusterContractTests</c>) and the container cluster's
/// (<c>ContainerClusterContractTests</c>). A derived class gives the started cluster, which the tests share
/// and leave as they found it (every instance running, the system tables readable).
/// </summary>
/// <remarks>
/// Only what both implementations do is here: identities, shared data, DDL, stop / kill / start / restart,
/// freeze / thaw, the system tables' access, discovery by a client. What only the in-process emulation does
/// (latency, statement logs, writing the system tables) is tested with it alone.
/// </remarks>
public abstract class PicodataClusterContract
{
    /// <summary>The started cluster of (at least) three instances; skips the test, with the reason, where it cannot run.</summary>
    protected abstract IPicodataCluster Cluster { get; }

    /// <summary>The client options a client of this cluster needs (an address translator for containers).</summary>
    protected virtual PicoClientOptions ClientOptions() => new();

    [SkippableFact]
    public async Task Every_instance_is_Online_with_its_own_identity_and_says_so_itself()
    {
        var cluster = Cluster;
        var instances = cluster.Instances.Take(3).ToList();
        Assert.Equal(3, instances.Count);
        Assert.Equal(3, instances.Select(i => i.Name).Distinct().Count());
        Assert.Equal(3, instances.Select(i => i.Uuid).Distinct().Count());
        Assert.Equal(3, instances.Select(i => i.RaftId).Distinct().Count());
        Assert.All(instances, i => Assert.Equal(InstanceState.Online, i.State));
        Assert.All(instances, i => Assert.Equal(InstanceProcessState.Running, i.ProcessState));

        foreach (var instance in instances)
        {
            Assert.Equal(instance.Uuid, await Db.ScalarAsync<string>(instance, "SELECT pico_instance_uuid()"));
        }

        // What the system tables say, read by the application user through one instance.
        var rows = await Db.QueryAsync(instances[0], "SELECT name, uuid, raft_id, current_state FROM _pico_instance");
        foreach (var instance in instances)
        {
            var row = Assert.Single(rows, r => (string)r[0] == instance.Name);
            Assert.Equal(instance.Uuid, row[1]);
            Assert.Equal(instance.RaftId, Convert.ToInt64(row[2], System.Globalization.CultureInfo.InvariantCulture));
            Assert.StartsWith("[\"Online\",", Convert.ToString(row[3], System.Globalization.CultureInfo.InvariantCulture));
        }

        var addresses = await Db.QueryAsync(instances[0], "SELECT raft_id, address FROM _pico_peer_address WHERE connection_type = 'pgproto'");
        foreach (var instance in instances)
        {
            Assert.Contains(addresses, a => Convert.ToInt64(a[0], System.Globalization.CultureInfo.InvariantCulture) == instance.RaftId && (string)a[1] == instance.PgprotoAddress);
        }
    }

    [SkippableFact]
    public async Task A_row_written_through_one_instance_is_read_through_every_other()
    {
        var cluster = Cluster;
        var table = NewTableName();
        await cluster.ExecuteDdlAsync($"CREATE TABLE {table} (id INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY (id)) DISTRIBUTED BY (id)");
        var instances = cluster.Instances.Take(3).ToList();
        await Db.ExecuteAsync(instances[0], $"INSERT INTO {table} VALUES (1, 'one'), (2, 'two')");

        foreach (var instance in instances)
        {
            var rows = await Db.QueryAsync(instance, $"SELECT id, name FROM {table} ORDER BY id");
            Assert.Equal(["one", "two"], rows.Select(r => (string)r[1]));
        }
    }

    [SkippableFact]
    public async Task Ddl_a_client_sends_to_one_instance_reaches_every_instance()
    {
        var cluster = Cluster;
        var table = NewTableName();
        var instances = cluster.Instances.Take(3).ToList();
        await Db.ExecuteAsync(instances[1], $"CREATE TABLE {table} (id INTEGER NOT NULL, PRIMARY KEY (id)) DISTRIBUTED BY (id)");

        Assert.Single(await Db.QueryAsync(instances[0], "SELECT name FROM _pico_table WHERE name = $1", table));
        await Db.ExecuteAsync(instances[2], $"INSERT INTO {table} VALUES (7)");
        Assert.Equal(7L, Convert.ToInt64(Assert.Single(await Db.QueryAsync(instances[0], $"SELECT id FROM {table}"))[0], System.Globalization.CultureInfo.InvariantCulture));
    }

    [SkippableFact]
    public async Task A_stopped_instance_refuses_connections_is_Offline_and_comes_back_Online_with_a_higher_incarnation()
    {
        var cluster = Cluster;
        var victim = cluster.Instances[2];
        var incarnation = victim.Incarnation;

        await cluster.StopInstanceAsync(victim.Name);
        Assert.Equal(InstanceProcessState.Stopped, victim.ProcessState);
        Assert.Equal(InstanceState.Offline, victim.State);
        AssertRefused(await Assert.ThrowsAnyAsync<NpgsqlException>(() => Db.OpenAsync(victim, timeoutSeconds: 5)));
        Assert.Equal("[\"Offline\"", StateVariant(await Db.StateOfAsync(cluster.Instances[0], victim.Name)));

        await cluster.StartInstanceAsync(victim.Name);
        Assert.Equal(InstanceState.Online, victim.State);
        Assert.True(victim.Incarnation > incarnation, $"incarnation {victim.Incarnation} after the restart, {incarnation} before");
        Assert.Equal(victim.Uuid, await Db.ScalarAsync<string>(victim, "SELECT pico_instance_uuid()"));
    }

    [SkippableFact]
    public async Task A_killed_instance_refuses_connections_and_a_restart_brings_it_back_with_its_identity()
    {
        var cluster = Cluster;
        var victim = cluster.Instances[1];
        var uuid = victim.Uuid;
        var incarnation = victim.Incarnation;

        await cluster.KillInstanceAsync(victim.Name);
        Assert.Equal(InstanceProcessState.Killed, victim.ProcessState);
        AssertRefused(await Assert.ThrowsAnyAsync<NpgsqlException>(() => Db.OpenAsync(victim, timeoutSeconds: 5)));

        await cluster.RestartInstanceAsync(victim.Name);
        Assert.Equal(InstanceProcessState.Running, victim.ProcessState);
        Assert.Equal(InstanceState.Online, victim.State);
        Assert.True(victim.Incarnation > incarnation);
        Assert.Equal(uuid, await Db.ScalarAsync<string>(victim, "SELECT pico_instance_uuid()"));
    }

    [SkippableFact]
    public async Task A_frozen_instance_takes_connections_answers_nothing_and_answers_again_after_the_thaw()
    {
        var cluster = Cluster;
        var victim = cluster.Instances[1];
        await using var open = await Db.OpenAsync(victim);

        await cluster.FreezeInstanceAsync(victim.Name);
        try
        {
            // Not refused: the address takes the connection, and nothing answers its startup.
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => Db.OpenAsync(victim, timeoutSeconds: 2));
            Assert.True(IsTimeout(failure), $"expected a timeout, got {failure}");
            Assert.Equal(InstanceState.Online, victim.State);
        }
        finally
        {
            await cluster.ThawInstanceAsync(victim.Name);
        }

        await using var command = new NpgsqlCommand("SELECT pico_instance_uuid()", open);
        Assert.Equal(victim.Uuid, await command.ExecuteScalarAsync());
        Assert.Equal(victim.Uuid, await Db.ScalarAsync<string>(victim, "SELECT pico_instance_uuid()"));
    }

    [SkippableFact]
    public async Task The_system_tables_are_readable_only_while_granted()
    {
        var cluster = Cluster;
        var instance = cluster.Instances[0];
        await cluster.SetSystemTablesReadableAsync(false);
        try
        {
            var denied = await Assert.ThrowsAsync<PostgresException>(() => Db.QueryAsync(instance, "SELECT name FROM _pico_instance"));
            Assert.Contains("Read access to space '_pico_instance' is denied", denied.MessageText, StringComparison.Ordinal);
        }
        finally
        {
            await cluster.SetSystemTablesReadableAsync(true);
        }

        Assert.Equal(cluster.Instances.Count, (await Db.QueryAsync(instance, "SELECT name FROM _pico_instance")).Count);
    }

    [SkippableFact]
    public async Task A_joining_instance_comes_Online_and_serves_the_rows_already_there()
    {
        var cluster = Cluster;
        var table = NewTableName();
        await cluster.ExecuteDdlAsync($"CREATE TABLE {table} (id INTEGER NOT NULL, PRIMARY KEY (id)) DISTRIBUTED BY (id)");
        await Db.ExecuteAsync(cluster.Instances[0], $"INSERT INTO {table} VALUES (41), (42)");
        var before = cluster.Instances.Select(i => i.RaftId).ToList();

        var joined = await cluster.AddInstanceAsync();

        Assert.Equal(InstanceState.Online, joined.State);
        Assert.DoesNotContain(joined.RaftId, before);
        Assert.Equal(joined.Uuid, await Db.ScalarAsync<string>(joined, "SELECT pico_instance_uuid()"));
        Assert.Equal(2, (await Db.QueryAsync(joined, $"SELECT id FROM {table}")).Count);
        Assert.Contains(await Db.QueryAsync(cluster.Instances[0], "SELECT name FROM _pico_instance"), r => (string)r[0] == joined.Name);
    }

    [SkippableFact]
    public async Task A_client_given_one_seed_discovers_every_instance_and_runs_on_each()
    {
        var cluster = Cluster;
        var instances = cluster.Instances.ToList();
        await using var client = await PicoClient.ConnectAsync(cluster.BuildDsn([instances[0]]), ClientOptions());

        var health = await client.CheckHealthAsync();
        Assert.Equal(instances.Select(i => i.Name).Order(), health.Instances.Select(i => i.Instance.Name!).Order());
        Assert.True(health.AllAnswered, string.Join("; ", health.Instances));

        var answered = new HashSet<string>();
        for (var i = 0; i < 4 * instances.Count; i++)
        {
            answered.Add((await client.FetchValueAsync<string>("SELECT pico_instance_uuid()"))!);
        }

        Assert.Equal(instances.Select(i => i.Uuid).Order(), answered.Order());
    }

    /// <summary>A table name no other test uses, in any cluster: these tests share theirs.</summary>
    protected static string NewTableName() => "contract_" + RandomNumberGenerator.GetHexString(8, lowercase: true);

    private static string StateVariant(string state) => state.Split(',')[0];

    private static void AssertRefused(NpgsqlException failure) =>
        Assert.True(
            Chain(failure).OfType<System.Net.Sockets.SocketException>().Any(s => s.SocketErrorCode == System.Net.Sockets.SocketError.ConnectionRefused)
            || Chain(failure).OfType<EndOfStreamException>().Any(),
            $"expected the connection to be refused, got {failure}");

    private static bool IsTimeout(Exception failure) => Chain(failure).Any(e => e is TimeoutException);

    private static IEnumerable<Exception> Chain(Exception failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
