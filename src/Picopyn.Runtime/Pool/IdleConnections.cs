using Npgsql;

namespace Picopyn.Pool;

/// <summary>
/// One instance's idle connections, the most recently returned handed out first, each with the
/// pool-wide sequence number of its return, so that the pool can tell across instances which
/// instance's next connection has waited the longest.
/// </summary>
/// <remarks>
/// Last in, first out within an instance, as Npgsql's own pool does: the connection just used is
/// the one whose server session, caches and prepared statements are warm. Across instances the
/// balancer decides (<see cref="Balancer"/>). Guarded by the pool's lock.
/// </remarks>
internal sealed class IdleConnections
{
    private readonly List<(NpgsqlConnection Connection, long Since)> _stack = [];

    public int Count => _stack.Count;

    /// <summary>The return sequence number of the connection handed out next; only when <see cref="Count"/> &gt; 0.</summary>
    public long NextSince => _stack[^1].Since;

    public void Add(NpgsqlConnection connection, long since) => _stack.Add((connection, since));

    public bool TryTake(out NpgsqlConnection connection)
    {
        if (_stack.Count == 0)
        {
            connection = null!;
            return false;
        }

        connection = Take();
        return true;
    }

    public NpgsqlConnection Take()
    {
        var last = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        return last.Connection;
    }

    public NpgsqlConnection[] TakeAll()
    {
        var all = _stack.Select(e => e.Connection).ToArray();
        _stack.Clear();
        return all;
    }
}
