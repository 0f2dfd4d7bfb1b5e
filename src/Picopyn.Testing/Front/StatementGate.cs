using System.Buffers.Binary;
using System.Text;
using Picopyn.Testing.Emulation;

namespace Picopyn.Testing.Front;

/// <summary>
/// What the front lets through to an instance's PostgreSQL: a statement Picodata refuses is replaced
/// by one that fails on the instance with Picodata's error — SQLSTATE <c>XX000</c>, the reason as the
/// message — so the error reaches the client in its place in the protocol, and the connection stays
/// usable, as on Picodata. Reasons come from <see cref="PicodataRefusals.ErrorOf"/> (Picodata's grammar).
/// </summary>
internal static class StatementGate
{
    // Raises XX000 with its argument; created on every instance (InstanceSchema).
    public const string RefuseFunction = "pico_sys.refuse";

    /// <summary>A simple-protocol Query message, replaced when Picodata would refuse its text.</summary>
    public static byte[] Query(byte[] message)
    {
        var sql = CString(message, 5, out _);
        return Refusal(sql) is { } reason ? Message((byte)'Q', Encode(RefusingSql(reason))) : message;
    }

    /// <summary>
    /// An extended-protocol Parse message, replaced when Picodata would refuse its text: by a statement
    /// with as many parameters, each declared bytea (which takes any bytes a Bind sends), so the Bind
    /// that follows succeeds and the Execute raises the refusal.
    /// </summary>
    public static byte[] Parse(byte[] message)
    {
        var name = CString(message, 5, out var next);
        var sql = CString(message, next, out next);
        if (Refusal(sql) is not { } reason)
        {
            return message;
        }

        var parameters = BinaryPrimitives.ReadInt16BigEndian(message.AsSpan(next));
        var body = new List<byte>();
        body.AddRange(Encode(name));
        body.AddRange(Encode(RefusingSql(reason)));
        body.Add((byte)(parameters >> 8));
        body.Add((byte)parameters);
        for (var i = 0; i < parameters; i++)
        {
            body.AddRange([0, 0, 0, 17]); // bytea
        }

        return Message((byte)'P', body.ToArray());
    }

    private static string? Refusal(string sql) => sql.Length == 0 ? null : PicodataRefusals.ErrorOf(sql);

    private static string RefusingSql(string reason) => $"SELECT {RefuseFunction}({SqlText.Literal(reason)})";

    private static string CString(byte[] message, int start, out int next)
    {
        var end = Array.IndexOf(message, (byte)0, start);
        end = end < 0 ? message.Length : end;
        next = end + 1;
        return Encoding.UTF8.GetString(message, start, end - start);
    }

    private static byte[] Encode(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, 0, text.Length, bytes, 0);
        return bytes;
    }

    private static byte[] Message(byte type, byte[] body)
    {
        var message = new byte[body.Length + 5];
        message[0] = type;
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(1), body.Length + 4);
        body.CopyTo(message, 5);
        return message;
    }
}
