using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Picopyn.Testing.Front;

/// <summary>
/// Reading and writing the few PostgreSQL protocol messages the front looks into or makes: strings
/// (NUL-terminated UTF-8), typed messages, <c>CommandComplete</c> and the fields of
/// <c>ErrorResponse</c>/<c>NoticeResponse</c>.
/// </summary>
internal static class WireMessages
{
    public const byte Query = (byte)'Q';
    public const byte Parse = (byte)'P';
    public const byte Terminate = (byte)'X';
    public const byte BackendKeyData = (byte)'K';
    public const byte ReadyForQuery = (byte)'Z';
    public const byte CommandComplete = (byte)'C';
    public const byte ErrorResponse = (byte)'E';
    public const byte NoticeResponse = (byte)'N';

    /// <summary>A Parse of <paramref name="sql"/> as statement <paramref name="name"/>, declaring <paramref name="types"/> (OIDs, 0 for none).</summary>
    public static void WriteParse(ArrayBufferWriter<byte> output, string name, string sql, int[] types) =>
        WriteMessage(output, Parse, (name, sql, types), static (o, s) =>
        {
            WriteString(o, s.name);
            WriteString(o, s.sql);
            var span = o.GetSpan(2 + (4 * s.types.Length));
            BinaryPrimitives.WriteInt16BigEndian(span, (short)s.types.Length);
            for (var i = 0; i < s.types.Length; i++)
            {
                BinaryPrimitives.WriteInt32BigEndian(span[(2 + (4 * i))..], s.types[i]);
            }

            o.Advance(2 + (4 * s.types.Length));
        });

    /// <summary>The string at <paramref name="offset"/>, which then points past its NUL.</summary>
    public static string ReadString(ReadOnlySpan<byte> bytes, ref int offset)
    {
        var length = bytes[offset..].IndexOf((byte)0);
        length = length < 0 ? bytes.Length - offset : length;
        var text = Encoding.UTF8.GetString(bytes.Slice(offset, length));
        offset = Math.Min(bytes.Length, offset + length + 1);
        return text;
    }

    /// <summary>Moves <paramref name="offset"/> past the string there, without decoding it.</summary>
    public static void SkipString(ReadOnlySpan<byte> bytes, ref int offset)
    {
        var length = bytes[offset..].IndexOf((byte)0);
        offset = length < 0 ? bytes.Length : offset + length + 1;
    }

    /// <summary>Appends <paramref name="text"/> and its NUL.</summary>
    public static void WriteString(IBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length) + 1);
        var written = Encoding.UTF8.GetBytes(text, span);
        span[written] = 0;
        output.Advance(written + 1);
    }

    /// <summary>Appends a typed message whose body <paramref name="writeBody"/> writes; its length is filled in after.</summary>
    public static void WriteMessage<TState>(ArrayBufferWriter<byte> output, byte type, TState state, Action<ArrayBufferWriter<byte>, TState> writeBody)
    {
        var start = output.WrittenCount;
        var header = output.GetSpan(5);
        header[0] = type;
        output.Advance(5);
        writeBody(output, state);
        var length = output.WrittenCount - start - 1;
        // The header's span is stale once the writer grew: write the length through the written memory.
        BinaryPrimitives.WriteInt32BigEndian(MemoryMarshal.AsMemory(output.WrittenMemory).Span[(start + 1)..], length);
    }

    /// <summary>A CommandComplete with <paramref name="tag"/>.</summary>
    public static void WriteCommandComplete(ArrayBufferWriter<byte> output, string tag) =>
        WriteMessage(output, CommandComplete, tag, WriteString);

    /// <summary>The fields of an ErrorResponse or NoticeResponse (type byte and length included in <paramref name="message"/>), in order.</summary>
    public static List<(byte Code, string Value)> ReadFields(ReadOnlySpan<byte> message)
    {
        var fields = new List<(byte, string)>();
        var offset = 5;
        while (offset < message.Length && message[offset] != 0)
        {
            var code = message[offset++];
            fields.Add((code, ReadString(message, ref offset)));
        }

        return fields;
    }

    /// <summary>The value of field <paramref name="code"/> of an ErrorResponse or NoticeResponse, or <see langword="null"/>.</summary>
    public static string? Field(ReadOnlySpan<byte> message, byte code) =>
        ReadFields(message).Find(f => f.Code == code).Value;

    /// <summary>An ErrorResponse or NoticeResponse of <paramref name="fields"/>.</summary>
    public static void WriteFields(ArrayBufferWriter<byte> output, byte type, IReadOnlyList<(byte Code, string Value)> fields) =>
        WriteMessage(output, type, fields, static (o, fs) =>
        {
            foreach (var (code, value) in fs)
            {
                o.GetSpan(1)[0] = code;
                o.Advance(1);
                WriteString(o, value);
            }

            o.GetSpan(1)[0] = 0;
            o.Advance(1);
        });

    /// <summary>A FATAL ErrorResponse with <paramref name="sqlState"/> and <paramref name="text"/>: what a server sends before it closes a session it refuses.</summary>
    public static byte[] FatalError(string sqlState, string text)
    {
        var output = new ArrayBufferWriter<byte>();
        WriteFields(output, (byte)'E', [((byte)'S', "FATAL"), ((byte)'V', "FATAL"), ((byte)'C', sqlState), ((byte)'M', text)]);
        return output.WrittenSpan.ToArray();
    }
}
