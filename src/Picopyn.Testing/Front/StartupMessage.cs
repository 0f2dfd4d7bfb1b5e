using System.Buffers;
using System.Buffers.Binary;

namespace Picopyn.Testing.Front;

/// <summary>
/// A client's StartupMessage and what the front sends on in its place. Picodata accepts and ignores the
/// <c>database</c> and reads <c>options</c> as its own comma-separated <c>name=value</c> settings
/// (<c>read_preference=replica</c>…), which PostgreSQL would take for server command-line switches and
/// refuse: so <c>database</c> becomes the instance's one database and <c>options</c> stays with the front.
/// </summary>
internal sealed class StartupMessage
{
    /// <summary>The protocol version a StartupMessage carries (3.0).</summary>
    public const int ProtocolVersion3 = 196608;

    private StartupMessage(int protocolVersion, List<KeyValuePair<string, string>> parameters)
    {
        ProtocolVersion = protocolVersion;
        Parameters = parameters;
    }

    public int ProtocolVersion { get; }

    /// <summary>The parameters in the order the client sent them.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; }

    /// <summary>Reads a StartupMessage (its length included).</summary>
    public static StartupMessage Read(ReadOnlySpan<byte> message)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        var offset = 8;
        while (offset < message.Length && message[offset] != 0)
        {
            var name = WireMessages.ReadString(message, ref offset);
            var value = WireMessages.ReadString(message, ref offset);
            parameters.Add(new(name, value));
        }

        return new StartupMessage(BinaryPrimitives.ReadInt32BigEndian(message[4..]), parameters);
    }

    /// <summary>The StartupMessage the instance's PostgreSQL gets: <paramref name="database"/>, no <c>options</c>.</summary>
    public byte[] ForInstance(string database)
    {
        var output = new ArrayBufferWriter<byte>();
        BinaryPrimitives.WriteInt32BigEndian(output.GetSpan(8)[4..], ProtocolVersion);
        output.Advance(8);
        var hasDatabase = false;
        foreach (var (name, value) in Parameters)
        {
            if (name == "options")
            {
                continue;
            }

            hasDatabase |= name == "database";
            WireMessages.WriteString(output, name);
            WireMessages.WriteString(output, name == "database" ? database : value);
        }

        if (!hasDatabase)
        {
            WireMessages.WriteString(output, "database");
            WireMessages.WriteString(output, database);
        }

        output.GetSpan(1)[0] = 0;
        output.Advance(1);
        var bytes = output.WrittenSpan.ToArray();
        BinaryPrimitives.WriteInt32BigEndian(bytes, bytes.Length);
        return bytes;
    }
}
