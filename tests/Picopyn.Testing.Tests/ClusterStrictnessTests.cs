using Npgsql;

namespace Picopyn.Testing.Tests;

/// <summary>The options that make the emulation refuse what Picodata refuses.</summary>
public sealed class ClusterStrictnessTests
{
    [Fact]
    public async Task Hidden_system_tables_fail_discovery_as_Picodata_does_until_read_is_granted()
    {
        await using var cluster = await EmulatedPicodataCluster.StartNewAsync(
            new EmulatedClusterOptions { InstanceCount = 2, HideSystemTables = true });
        var instance = cluster.Instances[0];

        var denied = await Assert.ThrowsAsync<PostgresException>(() => Db.QueryAsync(instance, Db.DiscoveryQuery));
        Assert.Equal("XX000", denied.SqlState);
        var bucketsDenied = await Assert.ThrowsAsync<PostgresException>(() => Db.QueryAsync(instance, "SELECT _pico_bucket('default')"));
        Assert.StartsWith("Read access to space '_pico_bucket'", bucketsDenied.MessageText, StringComparison.Ordinal);
        Assert.StartsWith("Read access to space '_pico_", denied.MessageText, StringComparison.Ordinal);
        Assert.Contains($"denied for user '{cluster.User}'", denied.MessageText, StringComparison.Ordinal);
        // Everything else still works for the application.
        Assert.Equal(instance.Uuid, await Db.ScalarAsync<string>(instance, "SELECT pico_instance_uuid()"));

        await cluster.SetSystemTablesReadableAsync(true);

        Assert.Equal(2, (await Db.DiscoverAsync(instance)).Count);

        await cluster.SetSystemTablesReadableAsync(false);

        await Assert.ThrowsAsync<PostgresException>(() => Db.QueryAsync(cluster.Instances[1], "SELECT name FROM _pico_tier"));
    }

    [Fact]
    public async Task Catalogs_can_be_left_visible_for_experiments()
    {
        await using var cluster = await EmulatedPicodataCluster.StartNewAsync(
            new EmulatedClusterOptions { InstanceCount = 1, HideCatalogs = false, PicodataFront = false });

        Assert.True(await Db.ScalarAsync<long>(cluster.Instances[0], "SELECT count(*) FROM pg_type") > 0);
    }

    [Fact]
    public async Task A_legacy_server_has_only_the_deprecated_instance_uuid()
    {
        await using var cluster = await EmulatedPicodataCluster.StartNewAsync(
            new EmulatedClusterOptions { InstanceCount = 1, LegacyInstanceUuidOnly = true });
        var instance = cluster.Instances[0];

        var missing = await Assert.ThrowsAsync<PostgresException>(() => Db.QueryAsync(instance, "SELECT pico_instance_uuid()"));
        Assert.Equal("XX000", missing.SqlState); // PostgreSQL's 42883, as Picodata sends every such error
        Assert.Contains("pico_instance_uuid", missing.MessageText, StringComparison.Ordinal);
        Assert.Equal(instance.Uuid, await Db.ScalarAsync<string>(instance, "SELECT instance_uuid()"));
    }

    [Fact]
    public async Task Custom_user_password_database_and_tier_are_used()
    {
        await using var cluster = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions
        {
            InstanceCount = 1, User = "orders_service", Password = "s3cret-with:odd@chars", Database = "shop", Tier = "storage",
        });
        var instance = cluster.Instances[0];

        Assert.Equal("storage_1_1", instance.Name);
        Assert.Equal("orders_service", await Db.ScalarAsync<string>(instance, "SELECT current_user::text"));
        Assert.Equal("shop", await Db.ScalarAsync<string>(instance, "SELECT current_database()::text"));
        Assert.Equal("storage", await Db.ScalarAsync<string>(instance, "SELECT tier FROM _pico_instance"));
        Assert.Contains("s3cret-with%3Aodd%40chars@", cluster.BuildDsn(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "app", "InstanceCount")]
    [InlineData(3, "App User", "User")]
    [InlineData(3, "1app", "User")]
    public void Invalid_options_are_rejected_before_anything_starts(int instances, string user, string option)
    {
        var error = Assert.Throws<ArgumentException>(
            () => new EmulatedPicodataCluster(new EmulatedClusterOptions { InstanceCount = instances, User = user }));

        Assert.Equal(option, error.ParamName);
    }

    [Fact]
    public void Fewer_buckets_than_replicasets_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(
            () => new EmulatedPicodataCluster(new EmulatedClusterOptions { InstanceCount = 3, BucketCount = 2 }));

        Assert.Equal("BucketCount", error.ParamName);
    }
}
