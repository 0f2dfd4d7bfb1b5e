using Npgsql;

namespace Picopyn.Pool;

/// <summary>
/// One instance's idle connections, oldest first, each with the pool-wide sequence number of its
/// return, so that the pool can hand out the connection idle the longest over all instances.
/// </summary>
/// <remarks>
/// First in, first out on purpose: handing out the most recently used connection (a stack) lets
/// a few connections run hot while the others sit idle, and under load that feeds on itself — the
/// hot ones stay fast, so they are free first and taken again. Every idle connection taking its
/// turn keeps the load on each instance proportional to its connections. Guarded by the pool's lock.
/// </remarks>
internal sealed class IdleConnections
{
    private readonly Queue<(NpgsqlConnection Connection, long Since)> _queue = new();

    public int Count => _queue.Count;

    /// <summary>The return sequence number of the connection idle the longest; only when <see cref="Count"/> &gt; 0.</summary>
    public long OldestSince => _queue.Peek().Since;

    public void Add(NpgsqlConnection connection, long since) => _queue.Enqueue((connection, since));

    public bool TryTake(out NpgsqlConnection connection)
    {
        if (_queue.TryDequeue(out var entry))
        {
            connection = entry.Connection;
            return true;
        }

        connection = null!;
        return false;
    }

    public NpgsqlConnection Take() => _queue.Dequeue().Connection;

    public NpgsqlConnection[] TakeAll()
    {
        var all = _queue.Select(e => e.Connection).ToArray();
        _queue.Clear();
        return all;
    }
}
