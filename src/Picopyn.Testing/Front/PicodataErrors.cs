using System.Buffers;

namespace Picopyn.Testing.Front;

/// <summary>
/// PostgreSQL's errors as Picodata sends them (see docs/picodata.md, "Errors"): almost every error is SQLSTATE
/// <c>XX000</c>, severity ERROR, with the message and no detail, hint, position or context. The few
/// codes Picodata has of its own pass as they are; FATAL and PANIC, which end the session, are left
/// as PostgreSQL sends them (an instance shutting down).
/// </summary>
internal static class PicodataErrors
{
    /// <summary>Picodata's catch-all SQLSTATE.</summary>
    public const string InternalError = "XX000";

    // Auth and TLS, protocol, unsupported type or message, bad parameter value, IO, invalidated statement.
    private static readonly HashSet<string> CodesPicodataSends =
        ["XX000", "28P01", "28000", "08P01", "0A000", "22P02", "22P03", "58030", "42999"];

    /// <summary>Writes <paramref name="message"/> (an ErrorResponse) as Picodata would send it; <see langword="false"/> when it goes as it came.</summary>
    public static bool TryRecode(ReadOnlySpan<byte> message, ArrayBufferWriter<byte> output)
    {
        var fields = WireMessages.ReadFields(message);
        string? severity = null, code = null, text = null;
        foreach (var (fieldCode, value) in fields)
        {
            switch (fieldCode)
            {
                case (byte)'V':
                    severity = value;
                    break;
                case (byte)'C':
                    code = value;
                    break;
                case (byte)'M':
                    text = value;
                    break;
            }
        }

        if (severity != "ERROR")
        {
            return false;
        }

        code = code is not null && CodesPicodataSends.Contains(code) ? code : InternalError;
        WireMessages.WriteFields(output, WireMessages.ErrorResponse,
            [((byte)'S', "ERROR"), ((byte)'V', "ERROR"), ((byte)'C', code), ((byte)'M', text ?? string.Empty)]);
        return true;
    }
}
