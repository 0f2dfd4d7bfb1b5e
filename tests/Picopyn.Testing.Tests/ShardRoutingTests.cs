using Npgsql;
using NpgsqlTypes;

namespace Picopyn.Testing.Tests;

/// <summary>
/// The emulated router: a statement that touches one bucket is served by the instance that owns it, and
/// forwarded to that instance — a real second hop, to a second server — from any other; the instances count both.
/// The buckets are computed here with <see cref="PicoBuckets"/>, tested on Picodata's own hashes.
/// </summary>
public sealed class ShardRoutingTests(SharedClusterFixture fixture) : IClassFixture<SharedClusterFixture>, IAsyncLifetime
{
    private const int BucketCount = 3000;

    private EmulatedPicodataCluster Cluster => fixture.Cluster;

    public async Task InitializeAsync()
    {
        await Cluster.ExecuteDdlAsync("""
            CREATE TABLE IF NOT EXISTS routed_users (id integer PRIMARY KEY, name text NOT NULL);
            CREATE TABLE IF NOT EXISTS routed_tags (tag text NOT NULL, owner uuid NOT NULL, hits integer NOT NULL,
                PRIMARY KEY (tag, owner)) DISTRIBUTED BY (tag, owner);
            CREATE TABLE IF NOT EXISTS routed_settings (name text PRIMARY KEY, value text) DISTRIBUTED GLOBALLY
            """);
        await Db.ExecuteAsync(Cluster.Instances[0], "DELETE FROM routed_users");
        for (var id = 1; id <= 12; id++)
        {
            await Db.ExecuteAsync(Cluster.Instances[0], "INSERT INTO routed_users VALUES ($1, $2)", (long)id, $"user {id}");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_point_read_is_served_by_the_owner_of_its_bucket_and_forwarded_there_from_every_other_instance()
    {
        const long id = 7;
        var owner = await OwnerOfAsync(PicoBuckets.Of(BucketCount, id));
        foreach (var receiver in Cluster.Instances)
        {
            var before = await CountsAsync();

            var name = await Db.ScalarAsync<string>(receiver, "SELECT name FROM routed_users WHERE id = $1", id);

            Assert.Equal("user 7", name);
            var after = await CountsAsync();
            var local = receiver == owner ? 1 : 0;
            Assert.Equal((before[receiver.Name].ServedLocally + local, before[receiver.Name].Forwarded + 1 - local),
                (after[receiver.Name].ServedLocally, after[receiver.Name].Forwarded));
        }
    }

    [Fact]
    public async Task A_forwarded_statement_runs_on_the_owners_server()
    {
        const long id = 3;
        var owner = await OwnerOfAsync(PicoBuckets.Of(BucketCount, id));
        var receiver = Cluster.Instances.First(i => i != owner);
        var marker = $"fwd_marker_{Guid.NewGuid():N}";

        Assert.Equal(1, await Db.ExecuteAsync(receiver, $"UPDATE routed_users SET name = '{marker}' WHERE id = $1", id));

        // The owner's server received it from the receiver's (over the link, not from a client), and only it did.
        Assert.Contains(await Cluster.ReadStatementLogAsync(owner.Name),
            e => e.User != Cluster.User && e.Text.Contains(marker, StringComparison.Ordinal) && e.Text.Contains("routed_users", StringComparison.Ordinal));
        foreach (var other in Cluster.Instances.Where(i => i != owner && i != receiver))
        {
            Assert.DoesNotContain(await Cluster.ReadStatementLogAsync(other.Name), e => e.Text.Contains(marker, StringComparison.Ordinal));
        }

        Assert.Equal(marker, await Db.ScalarAsync<string>(owner, "SELECT name FROM routed_users WHERE id = $1", id));
    }

    [Fact]
    public async Task Prepared_statements_route_every_run_by_its_own_key()
    {
        var receiver = Cluster.Instances[0];
        var keys = Enumerable.Range(1, 12).Select(i => (long)i).ToList();
        var owned = 0;
        foreach (var key in keys)
        {
            owned += await OwnerOfAsync(PicoBuckets.Of(BucketCount, key)) == receiver ? 1 : 0;
        }

        var before = (await CountsAsync())[receiver.Name];
        await using (var connection = await Db.OpenAsync(receiver))
        {
            await using var command = new NpgsqlCommand("SELECT name FROM routed_users WHERE id = $1", connection);
            var parameter = command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint });
            await command.PrepareAsync();
            foreach (var key in keys)
            {
                parameter.Value = key;
                Assert.Equal($"user {key}", await command.ExecuteScalarAsync());
            }
        }

        var after = (await CountsAsync())[receiver.Name];
        Assert.InRange(owned, 1, keys.Count - 1); // both kinds of run are in the test
        Assert.Equal(before.ServedLocally + owned, after.ServedLocally);
        Assert.Equal(before.Forwarded + keys.Count - owned, after.Forwarded);
    }

    [Fact]
    public async Task A_composite_text_and_uuid_key_routes_by_both_parts_in_sharding_key_order()
    {
        var owner = Guid.Parse("6f2e1d3c-8b4a-4c5d-9e7f-0a1b2c3d4e5f");
        var bucket = PicoBuckets.Of(BucketCount, "blue", owner);
        var server = await OwnerOfAsync(bucket);
        var receiver = Cluster.Instances.First(i => i != server);
        var before = await CountsAsync();

        await Db.ExecuteAsync(receiver, "DELETE FROM routed_tags WHERE tag = $1 AND owner = $2", "blue", owner);
        await Db.ExecuteAsync(receiver, "INSERT INTO routed_tags (hits, owner, tag) VALUES (1, $1, $2)", owner, "blue");
        var hits = await Db.ScalarAsync<long>(server, "SELECT hits FROM routed_tags WHERE owner = $2 AND tag = $1", "blue", owner);

        Assert.Equal(1, hits);
        var after = await CountsAsync();
        Assert.Equal(before[receiver.Name].Forwarded + 2, after[receiver.Name].Forwarded);
        Assert.Equal(before[server.Name].ServedLocally + 1, after[server.Name].ServedLocally);
    }

    [Fact]
    public async Task A_literal_key_routes_as_a_bound_one()
    {
        var owner = await OwnerOfAsync(PicoBuckets.Of(BucketCount, 5L));
        var before = (await CountsAsync())[owner.Name];

        Assert.Equal("user 5", await Db.ScalarAsync<string>(owner, "SELECT name FROM routed_users WHERE id = 5"));

        Assert.Equal(before.ServedLocally + 1, (await CountsAsync())[owner.Name].ServedLocally);
    }

    [Theory]
    [InlineData("SELECT count(*) FROM routed_users WHERE id IN (1, 2)")]
    [InlineData("SELECT count(*) FROM routed_users WHERE id = 1 OR id = 2")]
    [InlineData("SELECT count(*) FROM routed_users")]
    [InlineData("SELECT count(*) FROM routed_settings WHERE name = 'x'")]
    [InlineData("SELECT count(*) FROM routed_users WHERE id > 3")]
    public async Task A_statement_over_several_buckets_or_a_global_table_is_in_neither_count(string sql)
    {
        var before = await CountsAsync();

        await Db.QueryAsync(Cluster.Instances[1], sql);

        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_moved_bucket_range_is_served_by_its_new_owner()
    {
        const long id = 9;
        var bucket = PicoBuckets.Of(BucketCount, id);
        var oldOwner = await OwnerOfAsync(bucket);
        var newOwner = Cluster.Instances.First(i => i != oldOwner);
        var ranges = await Db.BucketRangesAsync(Cluster.Instances[0]);
        try
        {
            await Cluster.MoveBucketsAsync(bucket, bucket, newOwner.ReplicasetUuid);

            Assert.Equal(newOwner, await OwnerOfAsync(bucket));
            var moved = await Db.BucketRangesAsync(Cluster.Instances[0]);
            Assert.Contains(((long)bucket, (long)bucket, newOwner.ReplicasetUuid), moved);
            Assert.Equal(BucketCount, moved.Sum(r => r.End - r.Start + 1));
            var before = await CountsAsync();
            Assert.Equal("user 9", await Db.ScalarAsync<string>(newOwner, "SELECT name FROM routed_users WHERE id = $1", id));
            Assert.Equal("user 9", await Db.ScalarAsync<string>(oldOwner, "SELECT name FROM routed_users WHERE id = $1", id));
            var after = await CountsAsync();
            Assert.Equal(before[newOwner.Name].ServedLocally + 1, after[newOwner.Name].ServedLocally);
            Assert.Equal(before[oldOwner.Name].Forwarded + 1, after[oldOwner.Name].Forwarded);
        }
        finally
        {
            foreach (var (start, end, replicaset) in ranges)
            {
                await Cluster.MoveBucketsAsync((int)start, (int)end, replicaset);
            }
        }

        Assert.Equal(ranges, await Db.BucketRangesAsync(Cluster.Instances[0]));
    }

    [Fact]
    public async Task Rows_carry_the_bucket_the_client_computes_and_the_instances_do_not_show_it()
    {
        var owner = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        await Db.ExecuteAsync(Cluster.Instances[1], "DELETE FROM routed_tags WHERE tag = $1", "ünïcode");
        await Db.ExecuteAsync(Cluster.Instances[1], "INSERT INTO routed_tags VALUES ($1, $2, 3)", "ünïcode", owner);

        // Computed on the storage by its own PL/pgSQL MurmurHash3, and by PicoBuckets here: one rule, two readings.
        var users = await Cluster.QueryStorageAsync("SELECT id, bucket_id FROM routed_users ORDER BY id");
        Assert.Equal(12, users.Count);
        Assert.All(users, row => Assert.Equal((long)PicoBuckets.Of(BucketCount, (long)row[0]!), row[1]));
        var tag = Assert.Single(await Cluster.QueryStorageAsync("SELECT bucket_id FROM routed_tags WHERE tag = 'ünïcode'"));
        Assert.Equal((long)PicoBuckets.Of(BucketCount, "ünïcode", owner), tag[0]);
        // Key 42 is bucket 2426 (docs/picodata.md, "Buckets and routing").
        await Db.ExecuteAsync(Cluster.Instances[0], "INSERT INTO routed_users VALUES (42, 'forty-two')");
        Assert.Equal(2426L, Assert.Single(await Cluster.QueryStorageAsync("SELECT bucket_id FROM routed_users WHERE id = 42"))[0]);

        var columns = await Db.QueryAsync(Cluster.Instances[0], "SELECT * FROM routed_users WHERE id = 1");
        Assert.Equal(2, Assert.Single(columns).Length); // id, name: no bucket_id in *
    }

    [Fact]
    public async Task Moving_buckets_to_an_unknown_replicaset_is_refused_and_changes_nothing()
    {
        var ranges = await Db.BucketRangesAsync(Cluster.Instances[0]);

        var refused = await Assert.ThrowsAsync<EmulatedClusterException>(() => Cluster.MoveBucketsAsync(1, 10, "no-such-replicaset"));

        Assert.Contains("no-such-replicaset", refused.Message, StringComparison.Ordinal);
        Assert.Equal(ranges, await Db.BucketRangesAsync(Cluster.Instances[0]));
    }

    private async Task<IPicodataInstance> OwnerOfAsync(int bucket)
    {
        var (_, _, replicaset) = (await Db.BucketRangesAsync(Cluster.Instances[0])).Single(r => r.Start <= bucket && bucket <= r.End);
        return Cluster.Instances.Single(i => i.ReplicasetUuid == replicaset);
    }

    private async Task<Dictionary<string, InstanceRoutingCounts>> CountsAsync() =>
        (await Cluster.ReadRoutingCountsAsync()).ToDictionary(c => c.Instance);
}
