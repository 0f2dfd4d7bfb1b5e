using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;

namespace Picopyn.Testing.Front.Routing;

/// <summary>
/// The router of one front session: each run of a statement that touches one bucket (a Bind, or a Query of
/// literals) is counted where it arrived, and when another instance owns the bucket it is forwarded there
/// (<see cref="Forwarding"/>). A Bind of a prepared statement is forwarded by a Parse of the forwarded text
/// put before it (the client's statement stays as it prepared it); the answer to that Parse is the front's,
/// and <see cref="TakesParseComplete"/> keeps it from the client.
/// </summary>
internal sealed class SessionRouter(FrontServices services)
{
    private const byte Bind = (byte)'B';
    private const byte Sync = (byte)'S';
    private const byte Close = (byte)'C';

    private readonly Dictionary<string, (string Sql, int[] Types)> _statements = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<long> _injected = new(); // per Parse the front put in: how many Syncs went before it
    private long _syncsSent;
    private long _readyAnswers = -1; // the first ReadyForQuery ends the startup and answers no Sync

    /// <summary>The <see cref="MessageRewrite"/> of the session's requests: <see cref="StatementGate"/>'s, then the routing.</summary>
    public Rewritten Rewrite(ReadOnlySpan<byte> message, ArrayBufferWriter<byte> output)
    {
        switch (message[0])
        {
            case WireMessages.Parse:
                var (name, sql) = NamesOf(message);
                var parsed = StatementGate.Rewrite(message, sql, output);
                if (parsed == Rewritten.No)
                {
                    _statements[name] = (sql, StatementGate.DeclaredTypes(message));
                }
                else
                {
                    _statements.Remove(name);
                }

                return parsed;
            case Bind:
                return RouteBind(message, output);
            case WireMessages.Query:
                _syncsSent++;
                var text = StatementGate.StatementOf(message);
                var asked = StatementGate.Rewrite(message, text, output);
                return asked == Rewritten.No ? RouteQuery(text, output) : asked;
            case Sync:
                _syncsSent++;
                return Rewritten.No;
            case Close when message.Length > 5 && message[5] == (byte)'S':
                var offset = 6;
                _statements.Remove(WireMessages.ReadString(message, ref offset));
                return Rewritten.No;
            default:
                return Rewritten.No;
        }
    }

    /// <summary>
    /// Whether a ParseComplete from the instance answers a Parse the front put in (and so is not the client's);
    /// called by the session's <see cref="ResponseRewriter"/> in answer order.
    /// </summary>
    public bool TakesParseComplete()
    {
        if (_injected.TryPeek(out var before) && before == _readyAnswers)
        {
            _injected.TryDequeue(out _);
            return true;
        }

        return false;
    }

    /// <summary>Notes a ReadyForQuery: a Parse put in before it that failed has no ParseComplete left to take.</summary>
    public void Answered()
    {
        _readyAnswers++;
        while (_injected.TryPeek(out var before) && before < _readyAnswers)
        {
            _injected.TryDequeue(out _);
        }
    }

    private static (string Name, string Sql) NamesOf(ReadOnlySpan<byte> parse)
    {
        var offset = 5;
        var name = WireMessages.ReadString(parse, ref offset);
        return (name, WireMessages.ReadString(parse, ref offset));
    }

    private Rewritten RouteBind(ReadOnlySpan<byte> bind, ArrayBufferWriter<byte> output)
    {
        var offset = 5;
        WireMessages.SkipString(bind, ref offset); // the portal
        var nameStart = offset;
        var statement = WireMessages.ReadString(bind, ref offset);
        if (!_statements.TryGetValue(statement, out var prepared) || Forwarded(prepared.Sql, bind, prepared.Types) is not { } forwarded)
        {
            return Rewritten.No;
        }

        _injected.Enqueue(_syncsSent);
        WireMessages.WriteParse(output, string.Empty, forwarded, prepared.Types);

        // The same Bind, of the unnamed statement just parsed.
        var rest = bind[offset..];
        var portal = bind[5..nameStart];
        var length = 4 + portal.Length + 1 + rest.Length;
        var head = output.GetSpan(5);
        head[0] = Bind;
        BinaryPrimitives.WriteInt32BigEndian(head[1..], length);
        output.Advance(5);
        output.Write(portal);
        output.Write([(byte)0]);
        output.Write(rest);
        return Rewritten.Yes;
    }

    private Rewritten RouteQuery(string sql, ArrayBufferWriter<byte> output)
    {
        if (Forwarded(sql, [], []) is not { } forwarded)
        {
            return Rewritten.No;
        }

        WireMessages.WriteMessage(output, WireMessages.Query, forwarded, WireMessages.WriteString);
        return Rewritten.Yes;
    }

    // Counts a single-bucket run here; the text to run in its place, forwarded to the owner, when another instance owns the bucket and runs.
    private string? Forwarded(string sql, ReadOnlySpan<byte> bind, IReadOnlyList<int> types)
    {
        var shards = services.Shards();
        var routing = shards.RoutingOf(sql);
        if (routing.Route is not { } route
            || (bind.IsEmpty && route.Parts.Any(p => p.Parameter > 0))
            || !BindValues.TryBucket(route, bind, types, shards.BucketCount, out var bucket)
            || shards.OwnerOf(route.Tier, bucket) is not { } owner)
        {
            return null; // not one bucket, or not one the emulation can tell: run here, as any statement
        }

        if (owner == services.RaftId)
        {
            services.Counters.CountLocal();
            return null;
        }

        services.Counters.CountForwarded();
        // An owner that is down: the shared storage stands in for the replica that would take its buckets over.
        return services.IsRunning(owner) ? Forwarding.Rewrite(sql, routing.TableReferences, owner) : null;
    }
}
