using System.Buffers.Binary;
using System.Net.Sockets;

namespace Picopyn.Testing.Front;

/// <summary>
/// The bytes received from one peer and not yet relayed: each receive appends to it, the relay frames
/// and hands on the whole messages in it, and what is left (a message cut by the network) waits for
/// the next receive. One array per direction for the life of a session; it grows for a large message.
/// </summary>
internal sealed class ReceiveBuffer
{
    private byte[] _bytes = new byte[16 * 1024];
    private int _start;
    private int _end;

    /// <summary>The bytes received and not yet consumed.</summary>
    public Memory<byte> Pending => _bytes.AsMemory(_start, _end - _start);

    /// <summary>Receives what the peer sent next, after what is pending; <see langword="false"/> when the peer closed.</summary>
    public async ValueTask<bool> ReceiveAsync(Stream peer, CancellationToken cancellationToken)
    {
        MakeRoom();
        int read;
        try
        {
            read = await peer.ReadAsync(_bytes.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or SocketException)
        {
            return false;
        }

        _end += read;
        return read > 0;
    }

    /// <summary>Drops the first <paramref name="count"/> pending bytes (relayed or answered).</summary>
    public void Consume(int count)
    {
        _start += count;
        if (_start == _end)
        {
            _start = _end = 0;
        }
    }

    /// <summary>
    /// The length of the whole message at the start of <paramref name="bytes"/> — a typed one (type byte,
    /// length, body) or, during startup, an untyped one (length, body) — or 0 when it has not all arrived;
    /// -1 when its length field is impossible.
    /// </summary>
    public static int MessageLength(ReadOnlySpan<byte> bytes, bool typed)
    {
        var header = typed ? 5 : 4;
        if (bytes.Length < header)
        {
            return 0;
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(bytes[(typed ? 1 : 0)..]);
        if (length < 4)
        {
            return -1;
        }

        var total = length + (typed ? 1 : 0);
        return bytes.Length >= total ? total : 0;
    }

    // Moves the pending bytes to the front when little room is left behind them, or to a larger array when they fill this one.
    private void MakeRoom()
    {
        var pending = _end - _start;
        if (pending == _bytes.Length)
        {
            var larger = new byte[_bytes.Length * 2];
            Buffer.BlockCopy(_bytes, _start, larger, 0, pending);
            _bytes = larger;
        }
        else if (_start > 0 && _bytes.Length - _end < 4 * 1024)
        {
            Buffer.BlockCopy(_bytes, _start, _bytes, 0, pending);
        }
        else
        {
            return;
        }

        _start = 0;
        _end = pending;
    }
}
