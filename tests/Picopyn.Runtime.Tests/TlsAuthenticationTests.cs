using System.Text;
using System.Text.RegularExpressions;

namespace Picopyn.Runtime.Tests;

/// <summary>
/// Logging in over TLS: Picodata's password methods through the front, what crosses the wire (read from the bytes
/// the instances received, below TLS), and client certificates (mTLS) on every discovered instance.
/// </summary>
public sealed partial class TlsAuthenticationTests(Xunit.Abstractions.ITestOutputHelper output)
{
    // Long enough that ciphertext cannot hold it by chance.
    private const string Login = "application_login";
    private static readonly byte[] SslRequest = [0, 0, 0, 8, 0x04, 0xD2, 0x16, 0x2F];

    [Theory]
    [InlineData(PicodataAuthMethod.Md5)]
    [InlineData(PicodataAuthMethod.ScramSha256)]
    [InlineData(PicodataAuthMethod.Ldap)]
    public async Task Over_tls_every_method_logs_in_and_no_session_carries_the_login_readable(PicodataAuthMethod method)
    {
        await using var cluster = await EmulatedPicodataCluster.StartNewAsync(
            new EmulatedClusterOptions { Tls = true, AuthMethod = method, CaptureClientBytes = true, User = Login, InstanceCount = 2 });

        await using (var client = await PicoClient.ConnectAsync(cluster.BuildDsn([cluster.Instances[0]])))
        {
            for (var i = 0; i < 4; i++)
            {
                Assert.NotNull(await client.FetchValueAsync<string>("SELECT pico_instance_uuid()"));
            }
        }

        var sessions = cluster.Instances.SelectMany(i => cluster.SessionsOf(i.Name)).ToList();
        Assert.All(cluster.Instances, i => Assert.NotEmpty(cluster.SessionsOf(i.Name)));
        foreach (var session in sessions)
        {
            var received = session.ReceivedFromClient.ToArray();
            Assert.True(session.Encrypted, session.ToString());
            // The SSL request, then nothing but TLS records: the first is the handshake (content type 22).
            Assert.Equal(SslRequest, received[..8]);
            Assert.Equal(0x16, received[8]);
            var text = Encoding.Latin1.GetString(received);
            Assert.DoesNotContain(Login, text, StringComparison.Ordinal);
            Assert.DoesNotContain(cluster.Password, text, StringComparison.Ordinal);
            Assert.DoesNotContain("SCRAM-SHA-256", text, StringComparison.Ordinal);
            Assert.DoesNotMatch(Md5Response(), text);
        }
    }

    [Theory]
    [InlineData(PicodataAuthMethod.Md5)]
    [InlineData(PicodataAuthMethod.ScramSha256)]
    [InlineData(PicodataAuthMethod.Ldap)]
    public async Task Without_tls_the_capture_reads_what_each_method_sends_in_the_clear(PicodataAuthMethod method)
    {
        await using var cluster = await EmulatedPicodataCluster.StartNewAsync(
            new EmulatedClusterOptions { AuthMethod = method, CaptureClientBytes = true, User = Login, InstanceCount = 1 });

        await using (var client = await PicoClient.ConnectAsync(cluster.BuildDsn(), new PicoClientOptions { MaxConnections = 1 }))
        {
            Assert.Equal(cluster.Instances[0].Uuid, await client.FetchValueAsync<string>("SELECT pico_instance_uuid()"));
        }

        var text = Encoding.Latin1.GetString(Assert.Single(cluster.SessionsOf(cluster.Instances[0].Name)).ReceivedFromClient.Span);
        // The capture reads plaintext when there is plaintext: the startup names the login.
        Assert.Contains(Login, text, StringComparison.Ordinal);
        switch (method)
        {
            case PicodataAuthMethod.Md5:
                Assert.Matches(Md5Response(), text); // a salted digest, not the password
                Assert.DoesNotContain(cluster.Password, text, StringComparison.Ordinal);
                break;
            case PicodataAuthMethod.ScramSha256:
                Assert.Contains("SCRAM-SHA-256", text, StringComparison.Ordinal); // the mechanism Picodata offers, without -PLUS
                Assert.DoesNotContain("SCRAM-SHA-256-PLUS", text, StringComparison.Ordinal);
                Assert.DoesNotContain(cluster.Password, text, StringComparison.Ordinal);
                break;
            case PicodataAuthMethod.Ldap:
                // Picodata asks an LDAP user for the password in the clear: without TLS anyone on the path reads it.
                Assert.Contains(cluster.Password, text, StringComparison.Ordinal);
                break;
        }
    }

    [Fact]
    public async Task A_client_certificate_is_presented_to_the_seed_and_to_every_discovered_instance()
    {
        await using var cluster = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { Tls = true, TlsClientCertificates = true });
        Assert.Contains("sslcert=", cluster.BuildDsn(), StringComparison.Ordinal);

        await using (var client = await PicoClient.ConnectAsync(cluster.BuildDsn([cluster.Instances[0]])))
        {
            var answered = await Reads.ServingUuidsAsync(client, 12);

            Assert.Equal(cluster.Instances.Select(i => i.Uuid).Order(), answered.Order());
        }

        foreach (var instance in cluster.Instances)
        {
            var sessions = cluster.SessionsOf(instance.Name);
            Assert.NotEmpty(sessions);
            Assert.All(sessions, s => Assert.Equal($"CN={cluster.User}", s.ClientCertificate));
        }
    }

    [Fact]
    public async Task Without_a_client_certificate_an_mtls_instance_refuses_the_handshake()
    {
        await using var cluster = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { Tls = true, TlsClientCertificates = true, InstanceCount = 1 });
        var dsn = $"postgresql://{cluster.User}:{Uri.EscapeDataString(cluster.Password)}@{cluster.Instances[0].PgprotoAddress}/{cluster.Database}" +
            $"?sslmode=verify-full&sslrootcert={Uri.EscapeDataString(cluster.CertificateAuthorityPath!)}";

        var failure = await Assert.ThrowsAsync<PicoConnectionException>(() => PicoClient.ConnectAsync(dsn));

        output.WriteLine(failure.Message);
        Assert.Contains(cluster.Instances[0].PgprotoAddress, failure.Message, StringComparison.Ordinal);
        Assert.Contains("client certificate", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(cluster.Password, failure.ToString(), StringComparison.Ordinal);
        Assert.Empty(cluster.SessionsOf(cluster.Instances[0].Name));
    }

    [Fact]
    public async Task A_client_certificate_from_another_authority_is_refused_in_words()
    {
        await using var cluster = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { Tls = true, TlsClientCertificates = true, InstanceCount = 1 });
        await using var other = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { Tls = true, InstanceCount = 1 });
        var foreign = other.IssueClientCertificate(cluster.User);
        var dsn = $"postgresql://{cluster.User}:{Uri.EscapeDataString(cluster.Password)}@{cluster.Instances[0].PgprotoAddress}/{cluster.Database}" +
            $"?sslmode=verify-full&sslrootcert={Uri.EscapeDataString(cluster.CertificateAuthorityPath!)}" +
            $"&sslcert={Uri.EscapeDataString(foreign.CertificatePath)}&sslkey={Uri.EscapeDataString(foreign.KeyPath)}";

        var failure = await Assert.ThrowsAsync<PicoConnectionException>(() => PicoClient.ConnectAsync(dsn));

        output.WriteLine(failure.Message);
        Assert.Contains($"ended the connection after the one in sslcert '{foreign.CertificatePath}' (CN={cluster.User}, issued by CN=Picopyn emulated cluster CA", failure.Message, StringComparison.Ordinal);
        Assert.Empty(cluster.SessionsOf(cluster.Instances[0].Name));
    }

    // What an md5 login sends: "md5" and the hex of md5(md5(password + user) + salt).
    [GeneratedRegex("md5[0-9a-f]{32}")]
    private static partial Regex Md5Response();
}
