using System.Net.Sockets;
using Npgsql;

namespace Picopyn.Testing.Tests;

/// <summary>Stopping, killing, restarting, re-stating and adding instances; each test owns its cluster.</summary>
public sealed class ClusterLifecycleTests
{
    private static Task<EmulatedPicodataCluster> StartAsync(int instances = 3) =>
        EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { InstanceCount = instances });

    [Fact]
    public async Task A_killed_instance_refuses_connections_breaks_sessions_and_still_looks_Online()
    {
        await using var cluster = await StartAsync();
        var victim = cluster.Instances[1];
        await using var session = await Db.OpenAsync(victim);

        await cluster.KillInstanceAsync(victim.Name);

        var refused = await Assert.ThrowsAnyAsync<NpgsqlException>(() => Db.OpenAsync(victim));
        Assert.Equal(SocketError.ConnectionRefused, Assert.IsType<SocketException>(refused.InnerException).SocketErrorCode);
        await using var command = new NpgsqlCommand("SELECT 1", session);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => command.ExecuteScalarAsync());
        // As on Picodata, a crashed instance stays Online in the tables until someone notices.
        Assert.Equal("""["Online",1]""", await Db.StateOfAsync(cluster.Instances[0], victim.Name));
        Assert.Equal(InstanceProcessState.Killed, victim.ProcessState);
    }

    [Fact]
    public async Task A_killed_instance_restarts_on_its_port_with_its_uuid_and_a_higher_incarnation()
    {
        await using var cluster = await StartAsync(2);
        var victim = cluster.Instances[1];
        var port = victim.Port;
        await cluster.ExecuteDdlAsync("CREATE TABLE survivors (id bigint PRIMARY KEY)");
        await Db.ExecuteAsync(cluster.Instances[0], "INSERT INTO survivors VALUES ($1)", 1L);

        await cluster.KillInstanceAsync(victim.Name);
        await cluster.StartInstanceAsync(victim.Name);

        Assert.Equal(port, victim.Port);
        Assert.Equal(victim.Uuid, await Db.ScalarAsync<string>(victim, "SELECT pico_instance_uuid()"));
        Assert.Equal("""["Online",2]""", await Db.StateOfAsync(cluster.Instances[0], victim.Name));
        Assert.Equal(2, victim.Incarnation);
        Assert.Equal(1L, await Db.ScalarAsync<long>(victim, "SELECT id FROM survivors"));
    }

    [Fact]
    public async Task A_stopped_instance_is_Offline_everywhere_and_refuses_connections()
    {
        await using var cluster = await StartAsync();
        var victim = cluster.Instances[2];
        await using var session = await RawSession.ConnectAsync(victim, cluster.User, cluster.Password, cluster.Database);

        await cluster.StopInstanceAsync(victim.Name);

        // The open session ends as PostgreSQL's fast shutdown ends it, through the front: a FATAL, then the close.
        var fatal = (await session.NextAsync()).Fields;
        Assert.Equal(("FATAL", "57P01"), (fatal['S'], fatal['C']));
        await Assert.ThrowsAnyAsync<IOException>(session.NextAsync);

        foreach (var survivor in cluster.Instances.Take(2))
        {
            Assert.Equal("""["Offline",1]""", await Db.StateOfAsync(survivor, victim.Name));
        }

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => Db.OpenAsync(victim));
        Assert.Equal(InstanceProcessState.Stopped, victim.ProcessState);
        Assert.Equal(InstanceState.Offline, victim.State);
    }

    [Fact]
    public async Task Restarting_a_running_instance_brings_it_back_with_the_next_incarnation()
    {
        await using var cluster = await StartAsync(2);
        var instance = cluster.Instances[0];

        await cluster.RestartInstanceAsync(instance.Name);

        Assert.Equal(instance.Uuid, await Db.ScalarAsync<string>(instance, "SELECT pico_instance_uuid()"));
        Assert.Equal("""["Online",2]""", await Db.StateOfAsync(cluster.Instances[1], instance.Name));
    }

    [Theory]
    [InlineData(InstanceState.Offline, """["Offline",1]""")]
    [InlineData(InstanceState.Expelled, """["Expelled",1]""")]
    public async Task A_state_change_is_seen_on_every_instance(InstanceState state, string expected)
    {
        await using var cluster = await StartAsync();
        var target = cluster.Instances[2];

        await cluster.SetInstanceStateAsync(target.Name, state);

        foreach (var instance in cluster.Instances)
        {
            Assert.Equal(expected, await Db.StateOfAsync(instance, target.Name));
            Assert.Equal(expected, await Db.ScalarAsync<string>(instance, "SELECT target_state FROM _pico_instance WHERE name = $1", target.Name));
        }

        // The process is not touched: an Expelled or Offline row does not stop the server.
        Assert.Equal(target.Uuid, await Db.ScalarAsync<string>(target, "SELECT pico_instance_uuid()"));
    }

    [Fact]
    public async Task Coming_back_Online_raises_the_incarnation()
    {
        await using var cluster = await StartAsync(2);
        var target = cluster.Instances[1];

        await cluster.SetInstanceStateAsync(target.Name, InstanceState.Offline);
        await cluster.SetInstanceStateAsync(target.Name, InstanceState.Online);

        Assert.Equal("""["Online",2]""", await Db.StateOfAsync(cluster.Instances[0], target.Name));
    }

    [Fact]
    public async Task Removing_an_instance_rows_makes_it_vanish_from_discovery()
    {
        await using var cluster = await StartAsync();
        var gone = cluster.Instances[1];

        await cluster.RemoveInstanceRowsAsync(gone.Name);

        var rows = await Db.DiscoverAsync(cluster.Instances[0]);
        Assert.Equal([cluster.Instances[0].Name, cluster.Instances[2].Name], rows.Select(r => r.Name));
        Assert.Empty(await Db.QueryAsync(cluster.Instances[2], "SELECT address FROM _pico_peer_address WHERE raft_id = $1", gone.RaftId));
    }

    [Fact]
    public async Task An_added_instance_joins_Offline_then_goes_Online()
    {
        await using var cluster = await StartAsync(2);
        await cluster.ExecuteDdlAsync("CREATE TABLE before_join (id bigint PRIMARY KEY)");
        await Db.ExecuteAsync(cluster.Instances[0], "INSERT INTO before_join VALUES ($1)", 42L);

        var added = await cluster.AddInstanceAsync(online: false);

        Assert.Equal("default_3_1", added.Name);
        Assert.Equal(3, cluster.Instances.Count);
        var joined = Assert.Single(await Db.DiscoverAsync(cluster.Instances[0]), r => r.Name == added.Name);
        Assert.Equal(("""["Offline",0]""", added.PgprotoAddress), (joined.State, joined.Address));
        Assert.Equal(added.Uuid, await Db.ScalarAsync<string>(added, "SELECT pico_instance_uuid()"));
        Assert.Equal(42L, await Db.ScalarAsync<long>(added, "SELECT id FROM before_join"));

        await cluster.SetInstanceStateAsync(added.Name, InstanceState.Online);

        Assert.Equal("""["Online",1]""", await Db.StateOfAsync(added, added.Name));
        // The buckets are split again over the three replicasets, the new one included.
        Assert.Equal(
            [(1L, 1000L, cluster.Instances[0].ReplicasetUuid), (1001L, 2000L, cluster.Instances[1].ReplicasetUuid), (2001L, 3000L, added.ReplicasetUuid)],
            await Db.BucketRangesAsync(added));
        Assert.Equal(3, (await Db.DiscoverAsync(cluster.Instances[1])).Count(r => r.State.StartsWith("""["Online""", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Ddl_run_while_an_instance_is_down_reaches_it_when_it_starts()
    {
        await using var cluster = await StartAsync(2);
        var sleeper = cluster.Instances[1];
        await cluster.StopInstanceAsync(sleeper.Name);

        await cluster.ExecuteDdlAsync("CREATE TABLE created_while_down (id bigint PRIMARY KEY, note text)");
        await Db.ExecuteAsync(cluster.Instances[0], "INSERT INTO created_while_down VALUES ($1, $2)", 1L, "hello");
        await cluster.StartInstanceAsync(sleeper.Name);

        Assert.Equal("hello", await Db.ScalarAsync<string>(sleeper, "SELECT note FROM created_while_down WHERE id = $1", 1L));
    }

    [Fact]
    public async Task Operations_that_do_not_fit_the_instance_fail_with_a_clear_message()
    {
        await using var cluster = await StartAsync(1);
        var only = cluster.Instances[0];

        var unknown = await Assert.ThrowsAsync<EmulatedClusterException>(() => cluster.StopInstanceAsync("default_9_1"));
        Assert.Contains("default_9_1", unknown.Message, StringComparison.Ordinal);
        Assert.Contains(only.Name, unknown.Message, StringComparison.Ordinal);

        await cluster.StopInstanceAsync(only.Name);
        var twice = await Assert.ThrowsAsync<EmulatedClusterException>(() => cluster.KillInstanceAsync(only.Name));
        Assert.Contains("stopped", twice.Message, StringComparison.Ordinal);

        await cluster.StartInstanceAsync(only.Name);
        var running = await Assert.ThrowsAsync<EmulatedClusterException>(() => cluster.StartInstanceAsync(only.Name));
        Assert.Contains("already runs", running.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ddl_the_storage_server_refuses_fails_with_the_server_message_and_the_statement()
    {
        await using var cluster = await StartAsync(1);
        await cluster.ExecuteDdlAsync("CREATE TABLE twice (id integer PRIMARY KEY)");

        var error = await Assert.ThrowsAsync<EmulatedClusterException>(() => cluster.ExecuteDdlAsync("CREATE TABLE twice (id integer PRIMARY KEY)"));

        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE twice", error.Message, StringComparison.Ordinal);
        Assert.IsType<PostgresException>(error.InnerException);
    }

    [Fact]
    public async Task An_advertised_address_can_be_changed_as_behind_NAT()
    {
        await using var cluster = await StartAsync(2);
        var target = cluster.Instances[1];

        await cluster.SetAdvertisedAddressAsync(target.Name, "0.0.0.0:4327");

        var row = Assert.Single(await Db.DiscoverAsync(cluster.Instances[0]), r => r.Name == target.Name);
        Assert.Equal("0.0.0.0:4327", row.Address);
        Assert.Equal(target.Uuid, await Db.ScalarAsync<string>(target, "SELECT pico_instance_uuid()"));
    }

    [Fact]
    public async Task Sessions_of_the_application_user_are_counted_by_the_server()
    {
        await using var cluster = await StartAsync(1);
        var instance = cluster.Instances[0];
        Assert.Equal(0, await cluster.CountSessionsAsync(instance.Name));

        await using (var first = await Db.OpenAsync(instance))
        await using (var second = await Db.OpenAsync(instance))
        {
            Assert.Equal(2, await cluster.CountSessionsAsync(instance.Name));
        }

        // A closed session ends on the server a moment after the client closes it.
        await Eventually.HoldsAsync(async () => await cluster.CountSessionsAsync(instance.Name) == 0, "closed sessions end on the server");
    }
}
