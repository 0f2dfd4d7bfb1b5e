namespace Picopyn.Pool;

/// <summary>Picks the instance for the next statement among those in rotation.</summary>
internal sealed class Balancer
{
    private readonly BalancingStrategy _strategy;
    private readonly PicoInstanceSelector? _selector;
    private readonly Func<InstanceNode, int> _openConnections;
    private uint _turn;

    public Balancer(BalancingStrategy strategy, PicoInstanceSelector? selector, Func<InstanceNode, int> openConnections)
    {
        _strategy = strategy;
        _selector = selector;
        _openConnections = openConnections;
    }

    /// <summary>
    /// An eligible node (up, in rotation, not in <paramref name="exclude"/>), or
    /// <see langword="null"/> when there is none.
    /// </summary>
    /// <exception cref="PicoBalancerException">The user's selector threw or returned something it was not offered.</exception>
    public InstanceNode? Pick(InstanceNode[] nodes, List<InstanceNode>? exclude, string? sql)
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

        if (_selector is not null)
        {
            return PickWithSelector(nodes, exclude, count, sql);
        }

        return _strategy switch
        {
            BalancingStrategy.Random => Nth(nodes, exclude, Random.Shared.Next(count)),
            BalancingStrategy.LeastInFlight => LeastInFlight(nodes, exclude, count),
            _ => Nth(nodes, exclude, (int)(Interlocked.Increment(ref _turn) % (uint)count)),
        };
    }

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
        // Start the scan at a rotating offset, so that ties are spread round-robin.
        var start = (int)(Interlocked.Increment(ref _turn) % (uint)count);
        InstanceNode? best = null;
        for (var i = 0; i < count; i++)
        {
            var node = Nth(nodes, exclude, (start + i) % count);
            if (best is null || node.InFlight < best.InFlight)
            {
                best = node;
            }
        }

        return best!;
    }

    private InstanceNode PickWithSelector(InstanceNode[] nodes, List<InstanceNode>? exclude, int count, string? sql)
    {
        var candidates = new List<InstanceNode>(count);
        var offered = new List<PicoInstanceInfo>(count);
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
            chosen = _selector!(offered.AsReadOnly());
        }
        catch (Exception exception)
        {
            throw new PicoBalancerException($"The instance selector threw {exception.GetType().Name}: {exception.Message}", sql, exception);
        }

        var index = chosen is null ? -1 : offered.FindIndex(o => ReferenceEquals(o, chosen));
        return index >= 0
            ? candidates[index]
            : throw new PicoBalancerException(
                $"The instance selector returned {(chosen is null ? "null" : chosen.ToString())}, which is not one of the {count} instances it was offered " +
                $"({string.Join(", ", offered)}); return an element of the list it receives.", sql);
    }
}
