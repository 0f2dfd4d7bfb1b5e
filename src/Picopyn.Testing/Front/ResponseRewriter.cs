using System.Buffers;
using Picopyn.Testing.Front.Routing;

namespace Picopyn.Testing.Front;

/// <summary>
/// What the front changes in one session's answers from the instance's PostgreSQL on their way to the
/// client: no BackendKeyData (Picodata has no cancel key), errors as Picodata sends them
/// (<see cref="PicodataErrors"/>), and the command tag of a statement Picodata accepts and does nothing
/// for (<see cref="StatementGate"/>): the completion notice is dropped and the <c>CALL</c> it precedes
/// completes with the tag the notice named; the answer to a Parse the session's <see cref="SessionRouter"/> put in is dropped.
/// </summary>
/// <param name="router">The session's router, whose own Parses' answers are not the client's.</param>
internal sealed class ResponseRewriter(SessionRouter router)
{
    private const byte ParseComplete = (byte)'1';

    private string? _completionTag;

    private static string CountOf(ReadOnlySpan<byte> commandComplete)
    {
        var offset = 5;
        var tag = WireMessages.ReadString(commandComplete, ref offset);
        return tag[(tag.LastIndexOf(' ') + 1)..];
    }

    /// <summary>The <see cref="MessageRewrite"/> of a session's answers.</summary>
    public Rewritten Rewrite(ReadOnlySpan<byte> message, ArrayBufferWriter<byte> output)
    {
        switch (message[0])
        {
            case WireMessages.BackendKeyData:
                return Rewritten.Yes;
            case WireMessages.ReadyForQuery:
                _completionTag = null;
                router.Answered();
                return Rewritten.No;
            case ParseComplete when router.TakesParseComplete():
                return Rewritten.Yes;
            case WireMessages.NoticeResponse:
                if (WireMessages.Field(message, (byte)'M') is { } text && text.StartsWith(StatementGate.CompletionNotice, StringComparison.Ordinal))
                {
                    _completionTag = text[StatementGate.CompletionNotice.Length..];
                    return Rewritten.Yes;
                }

                return Rewritten.No;
            case WireMessages.CommandComplete when _completionTag is not null:
                // "DO *": Picodata's tag with the row count PostgreSQL's tag ends with.
                WireMessages.WriteCommandComplete(output, _completionTag.EndsWith(" *", StringComparison.Ordinal)
                    ? _completionTag[..^1] + CountOf(message)
                    : _completionTag);
                _completionTag = null;
                return Rewritten.Yes;
            case WireMessages.ErrorResponse:
                _completionTag = null;
                return PicodataErrors.TryRecode(message, output) ? Rewritten.Yes : Rewritten.No;
            default:
                return Rewritten.No;
        }
    }
}
