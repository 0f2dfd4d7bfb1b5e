namespace Picopyn.Runtime.Tests;

/// <summary>
/// An emulated cluster (catalogs hidden, as for every runtime test) that, when disposed, fails the
/// test if the application user sent any instance a statement Picodata refuses: DISCARD, BEGIN,
/// SET, catalog queries, comments (reference/picodata.md §6).
/// </summary>
public sealed class GuardedCluster : IAsyncDisposable
{
    public const string Password = "S3cret-Pa55-Never-Shown";

    private GuardedCluster(EmulatedPicodataCluster cluster) => Cluster = cluster;

    public EmulatedPicodataCluster Cluster { get; }

    public IReadOnlyList<IPicodataInstance> Instances => Cluster.Instances;

    public IPicodataInstance this[int index] => Cluster.Instances[index];

    public static async Task<GuardedCluster> StartAsync(int instances = 3, Action<EmulatedClusterOptions>? configure = null)
    {
        var options = new EmulatedClusterOptions { InstanceCount = instances, HideCatalogs = true, Password = Password };
        configure?.Invoke(options);
        return new GuardedCluster(await EmulatedPicodataCluster.StartNewAsync(options));
    }

    /// <summary>A DSN naming the given seeds (all instances when none).</summary>
    public string Dsn(params IPicodataInstance[] seeds) => Cluster.BuildDsn(seeds.Length == 0 ? null : seeds);

    /// <summary>Client options that send every statement to <paramref name="preferred"/> while it is in rotation.</summary>
    public static PicoClientOptions PreferInstance(IPicodataInstance preferred) => new()
    {
        InstanceSelector = candidates => candidates.FirstOrDefault(c => c.Uuid == preferred.Uuid) ?? candidates[0],
        CommandTimeout = TimeSpan.FromMinutes(2),
    };

    /// <summary>Waits until a statement containing <paramref name="marker"/> reaches <paramref name="victim"/>, then kills it mid-statement.</summary>
    public async Task KillOnceRunningAsync(IPicodataInstance victim, string marker)
    {
        await Eventually.HoldsAsync(
            async () => (await Cluster.ReadStatementLogAsync(victim.Name)).Any(e => e.Text.Contains(marker, StringComparison.Ordinal)),
            "the statement reaches the victim");
        await Cluster.KillInstanceAsync(victim.Name);
    }

    public async ValueTask DisposeAsync()
    {
        var refused = new List<RefusedStatement>();
        foreach (var instance in Cluster.Instances)
        {
            var sent = (await Cluster.ReadStatementLogAsync(instance.Name)).Where(e => e.User == Cluster.User);
            refused.AddRange(PicodataRefusals.Find(sent));
        }

        await Cluster.DisposeAsync();
        Assert.True(refused.Count == 0, "The runtime sent what Picodata refuses:\n" + string.Join("\n", refused));
    }
}
