namespace Picopyn.Runtime.Tests;

/// <summary>
/// The client on a cluster whose instances speak TLS only (<see cref="EmulatedClusterOptions.Tls"/>): what is encrypted
/// is read from the instances' own session records, never from the client's settings.
/// </summary>
public sealed class TlsTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Verify_full_encrypts_every_session_on_the_seed_and_on_every_discovered_instance()
    {
        await using var cluster = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { Tls = true });
        var seed = cluster.Instances[0];

        await using (var client = await PicoClient.ConnectAsync(cluster.BuildDsn([seed])))
        {
            var answered = await Reads.ServingUuidsAsync(client, 12);

            Assert.Equal(cluster.Instances.Select(i => i.Uuid).Order(), answered.Order());
        }

        foreach (var instance in cluster.Instances)
        {
            var sessions = cluster.SessionsOf(instance.Name);
            Assert.NotEmpty(sessions);
            Assert.All(sessions, s => Assert.True(s.Encrypted && !s.RefusedForPlaintext, $"{instance.Name}: {s}"));
        }
    }

    [Fact]
    public async Task Require_encrypts_without_verifying_the_certificate()
    {
        await using var cluster = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { Tls = true, InstanceCount = 2 });
        var dsn = $"postgresql://{cluster.User}:{Uri.EscapeDataString(cluster.Password)}@{cluster.Instances[0].PgprotoAddress}/{cluster.Database}?sslmode=require";

        await using (var client = await PicoClient.ConnectAsync(dsn))
        {
            Assert.NotNull(await client.FetchValueAsync<string>("SELECT pico_instance_uuid()"));
        }

        Assert.All(cluster.Instances.SelectMany(i => cluster.SessionsOf(i.Name)), s => Assert.True(s.Encrypted, s.ToString()));
    }

    [Fact]
    public async Task Disable_against_a_tls_only_cluster_fails_clearly_and_never_sends_the_password()
    {
        await using var cluster = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { Tls = true, InstanceCount = 1 });
        var dsn = $"postgresql://{cluster.User}:{Uri.EscapeDataString(cluster.Password)}@{cluster.Instances[0].PgprotoAddress}/{cluster.Database}?sslmode=disable";

        var failure = await Assert.ThrowsAsync<PicoConnectionException>(() => PicoClient.ConnectAsync(dsn));

        output.WriteLine(failure.Message);
        Assert.Contains("requires the client to use ssl", failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(cluster.Password, failure.ToString(), StringComparison.Ordinal);
        // Refused at the startup, before any authentication: the password never went out.
        Assert.All(cluster.SessionsOf(cluster.Instances[0].Name), s => Assert.True(s.RefusedForPlaintext, s.ToString()));
    }

    [Fact]
    public async Task A_root_that_did_not_issue_the_certificate_refuses_the_instance_and_never_falls_back_to_plaintext()
    {
        await using var cluster = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { Tls = true, InstanceCount = 1 });
        await using var other = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { Tls = true, InstanceCount = 1 });
        var dsn = $"postgresql://{cluster.User}:{Uri.EscapeDataString(cluster.Password)}@{cluster.Instances[0].PgprotoAddress}/{cluster.Database}" +
            $"?sslmode=verify-full&sslrootcert={Uri.EscapeDataString(other.CertificateAuthorityPath!)}";

        var failure = await Assert.ThrowsAsync<PicoConnectionException>(() => PicoClient.ConnectAsync(dsn));

        output.WriteLine(failure.Message);
        // In words: which authority the certificate came from and that sslrootcert's did not issue it.
        Assert.Contains("the TLS handshake failed: the instance's certificate (CN=default_1_1, issued by CN=Picopyn emulated cluster CA", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"is not accepted by the authority in sslrootcert '{other.CertificateAuthorityPath}'", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(cluster.Password, failure.ToString(), StringComparison.Ordinal);
        Assert.Contains(cluster.Instances[0].PgprotoAddress, failure.Message, StringComparison.Ordinal);
        // No session reached its startup: neither encrypted with a certificate the client did not trust nor in the clear.
        Assert.Empty(cluster.SessionsOf(cluster.Instances[0].Name));
    }
}
