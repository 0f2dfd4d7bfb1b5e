using System.Text.RegularExpressions;

namespace Picopyn.Samples.Tests;

/// <summary>samples/EmulatedCluster as README's "Start an emulated cluster by hand" runs it, and the quickstart on the DSN it prints.</summary>
public sealed partial class EmulatedClusterSampleTests
{
    [Fact]
    public async Task The_quickstart_runs_on_the_verify_full_dsn_a_tls_cluster_prints()
    {
        await using var cluster = await SampleProcess.StartAsync(
            "EmulatedClusterSample", PressCtrlC(), "--tls", "--client-certificates", "--auth", "ScramSha256", "--instances", "2");
        var dsn = DsnLine().Match(cluster.Output).Groups[1].Value;
        var authority = AuthorityLine().Match(cluster.Output).Groups[1].Value;
        Assert.Contains($"sslmode=verify-full&sslrootcert={Uri.EscapeDataString(authority)}&sslcert=", dsn, StringComparison.Ordinal);
        Assert.True(File.Exists(authority), cluster.Output);

        var (exitCode, output) = await SampleProcess.RunAsync("QuickstartSample", "--dsn", dsn);

        Assert.True(exitCode == 0, output);
        Assert.Contains("12 of 12 reads were served by the owner of their bucket.", output, StringComparison.Ordinal);
        Assert.Equal(0, await cluster.StopAsync());
        Assert.False(File.Exists(authority), "the cluster's files, its authority with them, go when it stops");
    }

    [GeneratedRegex(@"^Press Ctrl\+C", RegexOptions.Multiline)]
    private static partial Regex PressCtrlC();

    [GeneratedRegex(@"^DSN: (\S+)$", RegexOptions.Multiline)]
    private static partial Regex DsnLine();

    [GeneratedRegex(@"^CA certificate: (\S+)$", RegexOptions.Multiline)]
    private static partial Regex AuthorityLine();
}
