using System.Buffers;

namespace Picopyn.Testing.Front;

/// <summary>What a <see cref="MessageRewrite"/> decided for one message.</summary>
internal enum Rewritten
{
    /// <summary>The message goes as it came.</summary>
    No,

    /// <summary>What goes in its place (possibly nothing) was written.</summary>
    Yes,

    /// <summary>What goes in its place takes work that must be awaited: the relay's <see cref="DeferredRewrite"/> writes it.</summary>
    Later,
}

/// <summary>Decides what goes on in place of one whole message; see <see cref="Relay"/>.</summary>
internal delegate Rewritten MessageRewrite(ReadOnlySpan<byte> message, ArrayBufferWriter<byte> output);

/// <summary>Writes what goes in place of a message its <see cref="MessageRewrite"/> left for <see cref="Rewritten.Later"/>.</summary>
internal delegate Task DeferredRewrite(ReadOnlyMemory<byte> message, ArrayBufferWriter<byte> output, CancellationToken cancellationToken);

/// <summary>
/// One direction of a front session: the whole messages received so far go to <c>target</c> in one
/// write, straight from the receive buffer when the rewrite changes none of them (the common case, no
/// copy), else assembled around the changes. A message whose replacement must be awaited (DDL the
/// cluster runs) waits for it, with the messages before it sent on first and those after it held, so
/// the order holds.
/// </summary>
internal sealed class Relay(Stream target, ReceiveBuffer source, MessageRewrite rewrite, Func<CancellationToken, ValueTask> beforeSend, DeferredRewrite? later = null)
{
    private readonly ArrayBufferWriter<byte> _assembled = new();
    private readonly ArrayBufferWriter<byte> _replacement = new();

    /// <summary>
    /// Relays the whole messages pending in the source; a message cut by the network waits for the rest.
    /// Returns whether a <paramref name="stopAfter"/> message was among them (what follows it is not relayed).
    /// </summary>
    public async ValueTask<bool> RelayPendingAsync(byte? stopAfter, CancellationToken cancellationToken)
    {
        while (true)
        {
            var stopped = Frame(stopAfter, out var relayed, out var changed, out var deferred);
            if (relayed > 0)
            {
                await beforeSend(cancellationToken).ConfigureAwait(false);
                var bytes = changed ? _assembled.WrittenMemory : source.Pending[..relayed];
                await target.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                source.Consume(relayed);
            }

            if (stopped || deferred == 0)
            {
                return stopped;
            }

            _replacement.ResetWrittenCount();
            await later!(source.Pending[..deferred], _replacement, cancellationToken).ConfigureAwait(false);
            await beforeSend(cancellationToken).ConfigureAwait(false);
            await target.WriteAsync(_replacement.WrittenMemory, cancellationToken).ConfigureAwait(false);
            source.Consume(deferred);
        }
    }

    // The run of whole messages to send now; 'deferred' is the length of a message after them left for later.
    private bool Frame(byte? stopAfter, out int relayed, out bool changed, out int deferred)
    {
        _assembled.ResetWrittenCount();
        changed = false;
        deferred = 0;
        var pending = source.Pending.Span;
        var offset = 0;
        var unchangedFrom = 0;
        var stopped = false;
        while (!stopped)
        {
            var length = ReceiveBuffer.MessageLength(pending[offset..], typed: true);
            if (length < 0)
            {
                throw new IOException("A peer sent a message with an impossible length.");
            }

            if (length == 0)
            {
                break;
            }

            var message = pending.Slice(offset, length);
            _replacement.ResetWrittenCount();
            var decision = rewrite(message, _replacement);
            if (decision == Rewritten.Later)
            {
                deferred = length;
                break;
            }

            if (decision == Rewritten.Yes)
            {
                _assembled.Write(pending[unchangedFrom..offset]);
                _assembled.Write(_replacement.WrittenSpan);
                unchangedFrom = offset + length;
                changed = true;
            }

            offset += length;
            stopped = message[0] == stopAfter;
        }

        if (changed)
        {
            _assembled.Write(pending[unchangedFrom..offset]);
        }

        relayed = offset;
        return stopped;
    }
}
