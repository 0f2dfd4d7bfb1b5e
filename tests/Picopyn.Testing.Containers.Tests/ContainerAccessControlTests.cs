using Npgsql;
using Picopyn.Tests.Contract;

namespace Picopyn.Testing.Containers.Tests;

/// <summary>
/// Access control as the emulated image runs it: users made over pgproto by the admin log in by Picodata's rules.
/// On the contract's cluster, whose other tests never see these users.
/// </summary>
[Collection(SharedContainerCluster.Name)]
public sealed class ContainerAccessControlTests(ContainerClusterFixture fixture)
{
    private const string Password = "Secr3tPass";

    [SkippableFact]
    public async Task A_chap_sha1_user_is_refused_over_pgproto_where_an_md5_user_with_the_same_password_logs_in()
    {
        var cluster = fixture.Cluster;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var chap = $"chap_{suffix}";
        var md5 = $"md5_{suffix}";
        await cluster.ExecuteDdlAsync($"CREATE USER \"{chap}\" WITH PASSWORD '{Password}' USING chap-sha1");
        await cluster.ExecuteDdlAsync($"CREATE USER \"{md5}\" WITH PASSWORD '{Password}' USING md5");
        var instance = cluster.Instances[^1];

        // The users reach every instance's logins in the order they were made: once the md5 user logs in, the
        // chap-sha1 user made before it is there too, and is refused for its method, not for being unknown.
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                await using var connection = await Db.OpenAsAsync(instance, md5, Password);
                return true;
            }
            catch (PostgresException e) when (e.SqlState == "28P01")
            {
                return false;
            }
        }, $"the md5 user {md5} logs in on {instance.Name}");
        var refused = await Assert.ThrowsAsync<PostgresException>(async () => await (await Db.OpenAsAsync(instance, chap, Password)).DisposeAsync());

        Assert.Equal("28P01", refused.SqlState);
        Assert.DoesNotContain(Password, refused.Message, StringComparison.Ordinal);
    }
}
