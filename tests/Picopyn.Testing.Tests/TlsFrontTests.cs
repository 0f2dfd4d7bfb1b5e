using System.Security.Authentication;
using Npgsql;

namespace Picopyn.Testing.Tests;

/// <summary>
/// The emulated cluster with TLS on, as Picodata with TLS on: every instance accepts an SSL request with a certificate
/// its own authority issued, and refuses a plaintext startup with 28000 (Picodata's src/pgproto/client/startup.rs).
/// </summary>
public sealed class TlsFrontTests
{
    [Fact]
    public async Task Verify_full_against_the_clusters_authority_runs_encrypted_on_every_instance()
    {
        await using var cluster = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { Tls = true });

        Assert.True(File.Exists(cluster.CertificateAuthorityPath));
        Assert.Contains("sslmode=verify-full", cluster.BuildDsn(), StringComparison.Ordinal);
        foreach (var instance in cluster.Instances)
        {
            Assert.Equal(instance.Uuid, await Db.ScalarAsync<string>(instance, "SELECT pico_instance_uuid()"));
            var sessions = cluster.SessionsOf(instance.Name);
            Assert.NotEmpty(sessions);
            Assert.All(sessions, s => Assert.True(s.Encrypted, $"{instance.Name}: {s}"));
        }
    }

    [Fact]
    public async Task A_plaintext_startup_is_refused_with_28000_in_Picodatas_words()
    {
        await using var cluster = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { Tls = true, InstanceCount = 1 });
        var instance = cluster.Instances[0];
        var plaintext = new NpgsqlConnectionStringBuilder(instance.ConnectionString) { SslMode = SslMode.Disable, Pooling = false };

        await using var connection = new NpgsqlConnection(plaintext.ConnectionString);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());

        Assert.Equal("28000", refused.SqlState);
        Assert.Equal("this server requires the client to use ssl", refused.MessageText);
        var session = Assert.Single(cluster.SessionsOf(instance.Name));
        Assert.Equal(new InstanceSession(cluster.User, Encrypted: false, RefusedForPlaintext: true), session);
    }

    [Fact]
    public async Task A_certificate_from_another_authority_is_not_trusted()
    {
        await using var cluster = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { Tls = true, InstanceCount = 1 });
        await using var other = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { Tls = true, InstanceCount = 1 });
        var wrongRoot = new NpgsqlConnectionStringBuilder(cluster.Instances[0].ConnectionString)
        {
            RootCertificate = other.CertificateAuthorityPath,
            Pooling = false,
        };

        await using var connection = new NpgsqlConnection(wrongRoot.ConnectionString);
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => connection.OpenAsync());

        Assert.True(Chain(failure).Any(e => e is AuthenticationException), failure.ToString());
        Assert.DoesNotContain(cluster.SessionsOf(cluster.Instances[0].Name), s => s.Encrypted || !s.RefusedForPlaintext);
    }

    [Fact]
    public async Task Without_tls_an_ssl_request_is_declined_and_sessions_run_in_the_clear()
    {
        await using var cluster = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { InstanceCount = 1 });
        var instance = cluster.Instances[0];
        var required = new NpgsqlConnectionStringBuilder(instance.ConnectionString) { SslMode = SslMode.Require, Pooling = false };

        await using (var connection = new NpgsqlConnection(required.ConnectionString))
        {
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => connection.OpenAsync());
        }

        Assert.Null(cluster.CertificateAuthorityPath);
        Assert.Equal(instance.Uuid, await Db.ScalarAsync<string>(instance, "SELECT pico_instance_uuid()"));
        Assert.Contains(cluster.SessionsOf(instance.Name), s => !s.Encrypted && !s.RefusedForPlaintext);
    }

    [Fact]
    public async Task The_authority_goes_with_the_cluster()
    {
        string path;
        await using (var cluster = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { Tls = true, InstanceCount = 1 }))
        {
            path = cluster.CertificateAuthorityPath!;
            Assert.True(File.Exists(path));
        }

        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Certificate_names_and_client_certificates_need_tls()
    {
        Assert.Throws<ArgumentException>(() => new EmulatedPicodataCluster(new EmulatedClusterOptions { TlsCertificateNames = _ => ["x"] }));
        Assert.Throws<ArgumentException>(() => new EmulatedPicodataCluster(new EmulatedClusterOptions { TlsClientCertificates = true }));
    }

    [Fact]
    public async Task With_client_certificates_required_the_instances_connection_strings_carry_one_and_a_bare_handshake_fails()
    {
        await using var cluster = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { Tls = true, TlsClientCertificates = true, InstanceCount = 1 });
        var instance = cluster.Instances[0];

        Assert.Equal(instance.Uuid, await Db.ScalarAsync<string>(instance, "SELECT pico_instance_uuid()"));
        Assert.Equal($"CN={cluster.User}", Assert.Single(cluster.SessionsOf(instance.Name)).ClientCertificate);

        var bare = new NpgsqlConnectionStringBuilder(instance.ConnectionString) { SslCertificate = null, SslKey = null, Pooling = false };
        await using var connection = new NpgsqlConnection(bare.ConnectionString);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => connection.OpenAsync());
        Assert.Single(cluster.SessionsOf(instance.Name));
    }

    private static IEnumerable<Exception> Chain(Exception failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
