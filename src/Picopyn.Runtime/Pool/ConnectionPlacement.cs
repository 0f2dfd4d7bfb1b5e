using Picopyn.Topology;

namespace Picopyn.Pool;

/// <summary>
/// The plan for where the pool's connections go: how many each instance in rotation should hold,
/// and which instances hold the connections that do not divide evenly.
/// </summary>
/// <remarks>
/// <para>
/// With a cap of <c>C</c> connections over <c>N</c> instances in rotation (in discovery's order),
/// every instance is given <c>C / N</c> connections and a window of <c>C % N</c> consecutive
/// instances, starting at the rotation offset, one more. Below the instance count
/// (<c>C &lt; N</c>) that is one connection each for <c>C</c> instances and none for the others.
/// </para>
/// <para>
/// Each rotation step moves the window by one instance: the first instance of the window gives up
/// its extra connection and the instance after the window receives it — exactly one connection
/// moves. Over <c>N</c> steps every instance holds the extra connection for <c>C % N</c> of them,
/// so over time each holds <c>C / N</c> connections on average and, under saturation, serves an
/// equal share of statements; below the instance count every instance takes its turn.
/// </para>
/// Every method but <see cref="Target"/> runs under the pool's lock.
/// </remarks>
internal sealed class ConnectionPlacement
{
    private int _offset;

    /// <summary>The connections the plan gives the instance at <paramref name="index"/> of <paramref name="count"/> in rotation.</summary>
    public static int Target(int index, int count, int cap, int offset)
    {
        var position = (((index - offset) % count) + count) % count;
        return (cap / count) + (position < cap % count ? 1 : 0);
    }

    /// <summary>Whether rotating changes anything: the cap does not divide evenly over the instances in rotation.</summary>
    public static bool Rotates(InstanceNode[] nodes, int cap)
    {
        var count = CountEligible(nodes);
        return count > 0 && cap % count != 0;
    }

    /// <summary>Moves the window of instances that hold one connection more by one instance.</summary>
    public void Advance() => _offset = (_offset + 1) & int.MaxValue;

    /// <summary>
    /// The instance in rotation (and not in <paramref name="exclude"/>) furthest below its share:
    /// where a new connection goes. <see langword="null"/> when there is none.
    /// </summary>
    public InstanceNode? MostWanted(InstanceNode[] nodes, int cap, List<InstanceNode>? exclude)
    {
        var count = CountEligible(nodes);
        InstanceNode? best = null;
        var bestDeficit = int.MinValue;
        var index = 0;
        foreach (var node in nodes)
        {
            if (!node.IsEligible)
            {
                continue;
            }

            var deficit = Target(index++, count, cap, _offset) - node.OpenConnections;
            if (deficit > bestDeficit && (exclude is null || !exclude.Contains(node)))
            {
                best = node;
                bestDeficit = deficit;
            }
        }

        return best;
    }

    /// <summary>Whether <paramref name="node"/> holds fewer connections than the plan gives it: a new one may open there without a move.</summary>
    public bool Wants(InstanceNode node, InstanceNode[] nodes, int cap)
    {
        var count = CountEligible(nodes);
        var index = 0;
        foreach (var candidate in nodes)
        {
            if (!candidate.IsEligible)
            {
                continue;
            }

            if (candidate == node)
            {
                return node.OpenConnections < Target(index, count, cap, _offset);
            }

            index++;
        }

        return false;
    }

    /// <summary>
    /// The move that brings the placement closest to the plan: a connection from the instance most
    /// above its share to the one most below it; <see langword="null"/> when the placement is the plan.
    /// </summary>
    public (InstanceNode From, InstanceNode To)? NextMove(InstanceNode[] nodes, int cap)
    {
        var count = CountEligible(nodes);
        InstanceNode? from = null, to = null;
        int surplus = 0, deficit = 0, index = 0;
        foreach (var node in nodes)
        {
            if (!node.IsEligible)
            {
                continue;
            }

            var difference = node.OpenConnections - Target(index++, count, cap, _offset);
            if (difference > surplus)
            {
                (from, surplus) = (node, difference);
            }
            else if (-difference > deficit)
            {
                (to, deficit) = (node, -difference);
            }
        }

        return from is not null && to is not null ? (from, to) : null;
    }

    /// <summary>An instance the plan gives connections that holds none; <see langword="null"/> when every one holds some.</summary>
    public InstanceNode? Unserved(InstanceNode[] nodes, int cap)
    {
        var count = CountEligible(nodes);
        var index = 0;
        foreach (var node in nodes)
        {
            if (node.IsEligible && Target(index++, count, cap, _offset) > 0 && node.OpenConnections == 0)
            {
                return node;
            }
        }

        return null;
    }

    private static int CountEligible(InstanceNode[] nodes)
    {
        var count = 0;
        foreach (var node in nodes)
        {
            if (node.IsEligible)
            {
                count++;
            }
        }

        return count;
    }
}
