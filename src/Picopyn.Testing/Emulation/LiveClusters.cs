using System.Collections.Concurrent;

namespace Picopyn.Testing.Emulation;

/// <summary>
/// The clusters of this process that are not yet disposed, torn down when the process exits
/// (normal exit, or SIGTERM from a cancelled test run) so that no server outlives its test.
/// </summary>
internal static class LiveClusters
{
    private static readonly ConcurrentDictionary<EmulatedPicodataCluster, bool> Clusters = new();

    static LiveClusters() => AppDomain.CurrentDomain.ProcessExit += (_, _) => TearDownAll();

    public static void Add(EmulatedPicodataCluster cluster) => Clusters.TryAdd(cluster, true);

    public static void Remove(EmulatedPicodataCluster cluster) => Clusters.TryRemove(cluster, out _);

    private static void TearDownAll()
    {
        foreach (var cluster in Clusters.Keys)
        {
            cluster.TearDownNow();
        }
    }
}
