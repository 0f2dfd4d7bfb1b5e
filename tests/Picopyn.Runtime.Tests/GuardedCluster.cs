namespace Picopyn.Runtime.Tests;

/// <summary>
/// An emulated cluster (catalogs hidden, as for every runtime test) that, when disposed, fails the
/// test if the application user sent any instance a statement Picodata refuses — whatever its grammar
/// does not parse (DISCARD, comments, table functions…), BEGIN, SET, catalog queries (see docs/picodata.md, "What the PostgreSQL emulation cannot show").
/// </summary>
public sealed class GuardedCluster : IAsyncDisposable
{
    public const string Password = "S3cret-Pa55-Never-Shown";

    private readonly List<string> _expectedRefusals = [];

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

    /// <summary>
    /// Part of a statement that runs for minutes: the count of the triple self-join of <see cref="CreateNumbersAsync"/>'s
    /// 2 000 rows (8e9). Picodata's grammar has no table functions to be slow with.
    /// </summary>
    public const string SlowCount = "(SELECT count(*) FROM numbers a JOIN numbers b ON true JOIN numbers c ON true)";

    /// <summary>Creates table <c>numbers (n)</c> holding 1..<paramref name="count"/>, written through <paramref name="client"/> in Picodata SQL.</summary>
    public async Task CreateNumbersAsync(PicoExecutor client, int count = 2000)
    {
        await Cluster.ExecuteDdlAsync("CREATE TABLE numbers (n bigint PRIMARY KEY)");
        for (var first = 1; first <= count; first += 500)
        {
            var rows = string.Join(", ", Enumerable.Range(first, Math.Min(500, count - first + 1)).Select(n => $"({n})"));
            await client.ExecuteAsync($"INSERT INTO numbers VALUES {rows}");
        }
    }

    /// <summary>Lets the guard pass a refusal whose reason holds <paramref name="reason"/>: a test that sends it on purpose.</summary>
    public void ExpectRefusal(string reason) => _expectedRefusals.Add(reason);

    /// <summary>
    /// The instances whose servers ran a statement containing <paramref name="marker"/>, one name per statement, from their
    /// logs (a killed instance's log too): where a statement went, and how often.
    /// </summary>
    public async Task<List<string>> RanOnAsync(string marker)
    {
        var ranOn = new List<string>();
        foreach (var instance in Cluster.Instances)
        {
            ranOn.AddRange((await Cluster.ReadStatementLogAsync(instance.Name))
                .Where(e => e.Text.Contains(marker, StringComparison.Ordinal)).Select(_ => instance.Name));
        }

        return ranOn;
    }

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
            refused.AddRange(PicodataRefusals.Find(sent)
                .Where(r => !_expectedRefusals.Exists(reason => r.Reason.Contains(reason, StringComparison.Ordinal))));
        }

        await Cluster.DisposeAsync();
        Assert.True(refused.Count == 0, "The runtime sent what Picodata refuses:\n" + string.Join("\n", refused));
    }
}
