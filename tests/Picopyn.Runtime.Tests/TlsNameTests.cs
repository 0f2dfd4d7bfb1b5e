namespace Picopyn.Runtime.Tests;

/// <summary>
/// Which name an instance's certificate is verified against under <c>verify-full</c>: the host reached, or — behind an
/// <see cref="PicoClientOptions.AddressTranslator"/> — the advertised one (<see cref="PicoClientOptions.TlsVerificationName"/>).
/// A certificate without the name is refused, in words, and its instance stays out of rotation; the others serve.
/// </summary>
public sealed class TlsNameTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Domain = ".picodata.test";

    [Fact]
    public async Task A_certificate_without_the_advertised_name_keeps_its_instance_out_of_rotation_with_the_reason_in_words()
    {
        string? unnamed = null;
        await using var cluster = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions
        {
            Tls = true,
            // The second instance's certificate is for its DNS name only, while it advertises 127.0.0.1.
            TlsCertificateNames = name => name.EndsWith("_2_1", StringComparison.Ordinal) ? [DnsName(unnamed = name)] : ["127.0.0.1"],
        });
        var refused = cluster.GetInstance(unnamed!);

        await using var client = await PicoClient.ConnectAsync(cluster.BuildDsn([cluster.Instances[0]]));
        var answered = await Reads.ServingUuidsAsync(client, 12);

        Assert.Equal(cluster.Instances.Where(i => i != refused).Select(i => i.Uuid).Order(), answered.Order());
        var info = Assert.Single(client.Instances, i => i.Name == refused.Name);
        output.WriteLine(info.LastFailure);
        Assert.False(info.IsAvailable);
        Assert.Contains($"is issued for {DnsName(refused.Name)}, not for '127.0.0.1'", info.LastFailure, StringComparison.Ordinal);
        Assert.DoesNotContain(cluster.Password, info.LastFailure!, StringComparison.Ordinal);
        // The health check (what a host's /health reports) names it with the same words.
        var health = await client.CheckHealthAsync();
        var outOfRotation = Assert.Single(health.OutOfRotation);
        Assert.Equal(refused.Name, outOfRotation.Instance.Name);
        Assert.Contains("is issued for", outOfRotation.Failure, StringComparison.Ordinal);
        // Refused at the handshake: no startup (so nothing of the login) reached it, encrypted or not.
        Assert.Empty(cluster.SessionsOf(refused.Name));
    }

    [Fact]
    public async Task Behind_a_translator_the_certificate_is_verified_against_the_advertised_name_by_default()
    {
        await using var cluster = await StartBehindNamesAsync();

        await using (var client = await PicoClient.ConnectAsync(cluster.BuildDsn([cluster.Instances[0]]), new PicoClientOptions { AddressTranslator = ToLoopback }))
        {
            var answered = await Reads.ServingUuidsAsync(client, 12);

            Assert.Equal(cluster.Instances.Select(i => i.Uuid).Order(), answered.Order());
            Assert.All(client.Instances, i => Assert.True(i.IsAvailable, $"{i}: {i.LastFailure}"));
        }

        Assert.All(cluster.Instances.SelectMany(i => cluster.SessionsOf(i.Name)), s => Assert.True(s.Encrypted, s.ToString()));
    }

    [Fact]
    public async Task With_the_translated_name_chosen_a_certificate_for_the_advertised_name_is_refused()
    {
        await using var cluster = await StartBehindNamesAsync();

        await using var client = await PicoClient.ConnectAsync(cluster.BuildDsn([cluster.Instances[0]]), new PicoClientOptions
        {
            AddressTranslator = ToLoopback,
            TlsVerificationName = PicoTlsVerificationName.TranslatedHost,
        });
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(cluster.Instances[0].Uuid, await client.FetchValueAsync<string>("SELECT pico_instance_uuid()"));
        }

        foreach (var instance in cluster.Instances.Skip(1))
        {
            var info = Assert.Single(client.Instances, i => i.Name == instance.Name);
            output.WriteLine(info.LastFailure);
            Assert.False(info.IsAvailable);
            Assert.Contains($"is issued for {DnsName(instance.Name)}, not for '127.0.0.1'", info.LastFailure, StringComparison.Ordinal);
            Assert.Empty(cluster.SessionsOf(instance.Name));
        }
    }

    // The first instance (the seed) has a certificate for 127.0.0.1, which the DSN names; the others for their DNS
    // names only, which they advertise and which do not resolve: only a translator reaches them.
    private static async Task<EmulatedPicodataCluster> StartBehindNamesAsync()
    {
        var cluster = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions
        {
            Tls = true,
            TlsCertificateNames = name => name.EndsWith("_1_1", StringComparison.Ordinal) ? ["127.0.0.1"] : [DnsName(name)],
        });
        foreach (var instance in cluster.Instances.Skip(1))
        {
            await cluster.SetAdvertisedAddressAsync(instance.Name, $"{DnsName(instance.Name)}:{PicoEndpoint.Parse(instance.PgprotoAddress).Port}");
        }

        return cluster;
    }

    private static PicoEndpoint ToLoopback(PicoEndpoint advertised) =>
        advertised.Host.EndsWith(Domain, StringComparison.Ordinal) ? advertised with { Host = "127.0.0.1" } : advertised;

    private static string DnsName(string instanceName) => instanceName.Replace('_', '-') + Domain;
}
