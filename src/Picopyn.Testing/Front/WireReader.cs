using System.Buffers.Binary;
using System.Net.Sockets;

namespace Picopyn.Testing.Front;

/// <summary>
/// Reads PostgreSQL protocol messages off a socket, buffered: a startup-phase message (a length, then
/// the body) or a typed one (a type byte, a length, the body). <see cref="HasBuffered"/> tells whether
/// more bytes are already here, so a relay can write out only when the sender paused.
/// </summary>
internal sealed class WireReader(Socket socket)
{
    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    public bool HasBuffered => _end > _start || socket.Available > 0;

    /// <summary>The next startup-phase message (length included), or <see langword="null"/> when the peer closed.</summary>
    public async ValueTask<byte[]?> ReadUntypedAsync(CancellationToken cancellationToken)
    {
        if (!await FillAsync(4, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start));
        return length < 4 || !await FillAsync(length, cancellationToken).ConfigureAwait(false) ? null : Take(length);
    }

    /// <summary>The next typed message (type byte and length included), or <see langword="null"/> when the peer closed.</summary>
    public async ValueTask<byte[]?> ReadTypedAsync(CancellationToken cancellationToken)
    {
        if (!await FillAsync(5, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start + 1));
        return length < 4 || !await FillAsync(length + 1, cancellationToken).ConfigureAwait(false) ? null : Take(length + 1);
    }

    /// <summary>Whatever bytes are next, as they come (for relaying without looking), or an empty segment when the peer closed.</summary>
    public async ValueTask<ArraySegment<byte>> ReadAnyAsync(CancellationToken cancellationToken)
    {
        if (_end == _start && !await FillAsync(1, cancellationToken).ConfigureAwait(false))
        {
            return ArraySegment<byte>.Empty;
        }

        var segment = new ArraySegment<byte>(_buffer, _start, _end - _start).ToArray();
        _start = _end = 0;
        return segment;
    }

    private byte[] Take(int count)
    {
        var message = _buffer.AsSpan(_start, count).ToArray();
        _start += count;
        if (_start == _end)
        {
            _start = _end = 0;
        }

        return message;
    }

    // Ensures 'count' bytes from _start are buffered; false when the peer closed first.
    private async ValueTask<bool> FillAsync(int count, CancellationToken cancellationToken)
    {
        if (_end - _start >= count)
        {
            return true;
        }

        if (_buffer.Length - _start < count)
        {
            var larger = new byte[Math.Max(_buffer.Length, count) * 2];
            Buffer.BlockCopy(_buffer, _start, larger, 0, _end - _start);
            _end -= _start;
            _start = 0;
            _buffer = larger;
        }

        while (_end - _start < count)
        {
            int read;
            try
            {
                read = await socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                return false;
            }

            if (read == 0)
            {
                return false;
            }

            _end += read;
        }

        return true;
    }
}
