using Picopyn.Topology;

namespace Picopyn.Pool;

/// <summary>Picks the instance for the next statement among those in rotation.</summary>
/// <remarks>
/// The built-in strategies pick among every instance in rotation, and the pool serves the pick
/// from an idle connection there; when it has none, an idle connection on the least busy instance
/// serves instead (the pool asks under its lock), so that following the strategy never costs a
/// connection. Under saturation the spread then follows the connections, which the placement keeps
/// even. A user selector is offered every instance in rotation and its choice is honoured.
/// </remarks>
internal sealed class Balancer
{
    private readonly BalancingStrategy _strategy;
    private readonly Func<InstanceNode, int> _openConnections;
    private uint _turn;

    public Balancer(BalancingStrategy strategy, PicoInstanceSelector? selector, Func<InstanceNode, int> openConnections)
    {
        _strategy = strategy;
        Selector = selector;
        _openConnections = openConnections;
    }

    /// <summary>The user's strategy, when there is one.</summary>
    public PicoInstanceSelector? Selector { get; }

    /// <summary>Whether any instance is in rotation outside <paramref name="exclude"/>.</summary>
    public static bool AnyCandidate(InstanceNode[] nodes, List<InstanceNode>? exclude)
    {
        foreach (var node in nodes)
        {
            if (IsCandidate(node, exclude))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// An instance in rotation, outside <paramref name="exclude"/>, that holds an idle connection:
    /// the one the built-in strategy picks when it has one, else the least busy one that has one. <see langword="null"/> when no such instance holds an idle connection.
    /// Runs under the pool's lock.
    /// </summary>
    public InstanceNode? PickIdle(InstanceNode[] nodes, List<InstanceNode>? exclude)
    {
        var count = 0;
        foreach (var node in nodes)
        {
            if (IsCandidate(node, exclude))
            {
                count++;
            }
        }

        if (count == 0)
        {
            return null;
        }

        var preferred = _strategy switch
        {
            BalancingStrategy.Random => Nth(nodes, exclude, Random.Shared.Next(count)),
            BalancingStrategy.LeastInFlight => LeastInFlight(nodes, exclude, count),
            _ => Nth(nodes, exclude, (int)(Interlocked.Increment(ref _turn) % (uint)count)),
        };

        // The strategy's instance is busy: rather than open or move a connection to follow it, take
        // one on the instance running the fewest statements, so that the spread evens out.
        return preferred.Idle.Count > 0 ? preferred : LeastBusyIdle(nodes, exclude);
    }

    /// <summary>
    /// Among the instances in rotation outside <paramref name="exclude"/> that hold an idle
    /// connection, the one running the fewest statements (so that the spread evens out whenever
    /// there is a choice), then the one whose idle connection waited the longest. Pool lock.
    /// </summary>
    public static InstanceNode? LeastBusyIdle(InstanceNode[] nodes, List<InstanceNode>? exclude)
    {
        InstanceNode? best = null;
        foreach (var node in nodes)
        {
            if (node.Idle.Count > 0 && IsCandidate(node, exclude) && (best is null || IsLessBusy(node, best)))
            {
                best = node;
            }
        }

        return best;
    }

    /// <summary>The user selector's choice among the instances in rotation outside <paramref name="exclude"/> (there is one).</summary>
    /// <exception cref="PicoBalancerException">The selector threw or returned something it was not offered.</exception>
    public InstanceNode PickWithSelector(InstanceNode[] nodes, List<InstanceNode>? exclude, string? sql)
    {
        var candidates = new List<InstanceNode>(nodes.Length);
        var offered = new List<PicoInstanceInfo>(nodes.Length);
        foreach (var node in nodes)
        {
            if (IsCandidate(node, exclude))
            {
                candidates.Add(node);
                offered.Add(node.Snapshot(_openConnections(node)));
            }
        }

        PicoInstanceInfo chosen;
        try
        {
            chosen = Selector!(offered.AsReadOnly());
        }
        catch (Exception exception)
        {
            throw new PicoBalancerException($"The instance selector threw {exception.GetType().Name}: {exception.Message}", sql, exception);
        }

        var index = chosen is null ? -1 : offered.FindIndex(o => ReferenceEquals(o, chosen));
        return index >= 0
            ? candidates[index]
            : throw new PicoBalancerException(
                $"The instance selector returned {(chosen is null ? "null" : chosen.ToString())}, which is not one of the {candidates.Count} instances it was offered " +
                $"({string.Join(", ", offered)}); return an element of the list it receives.", sql);
    }

    private static bool IsLessBusy(InstanceNode node, InstanceNode than) =>
        node.InFlight != than.InFlight ? node.InFlight < than.InFlight : node.Idle.NextSince < than.Idle.NextSince;

    private static bool IsCandidate(InstanceNode node, List<InstanceNode>? exclude) =>
        node.IsEligible && (exclude is null || !exclude.Contains(node));

    private static InstanceNode Nth(InstanceNode[] nodes, List<InstanceNode>? exclude, int index)
    {
        foreach (var node in nodes)
        {
            if (IsCandidate(node, exclude) && index-- == 0)
            {
                return node;
            }
        }

        throw new InvalidOperationException("The rotation changed while an instance was picked.");
    }

    private InstanceNode LeastInFlight(InstanceNode[] nodes, List<InstanceNode>? exclude, int count)
    {
        // Ties go to the first candidate at or after a rotating start, so that they are spread round-robin.
        var start = (int)(Interlocked.Increment(ref _turn) % (uint)count);
        InstanceNode? best = null;
        int bestInFlight = 0, bestPosition = 0, index = 0;
        foreach (var node in nodes)
        {
            if (!IsCandidate(node, exclude))
            {
                continue;
            }

            var position = (index++ - start + count) % count;
            var inFlight = node.InFlight;
            if (best is null || inFlight < bestInFlight || (inFlight == bestInFlight && position < bestPosition))
            {
                (best, bestInFlight, bestPosition) = (node, inFlight, position);
            }
        }

        return best!;
    }
}
