using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Picopyn.Testing.Tests;

/// <summary>One message from the server: its type and body.</summary>
internal sealed record ServerMessage(char Type, byte[] Body)
{
    /// <summary>A CommandComplete's tag.</summary>
    public string Tag => Encoding.UTF8.GetString(Body, 0, Body.Length - 1);

    /// <summary>An ErrorResponse's or NoticeResponse's fields by code.</summary>
    public IReadOnlyDictionary<char, string> Fields
    {
        get
        {
            var fields = new Dictionary<char, string>();
            var offset = 0;
            while (offset < Body.Length && Body[offset] != 0)
            {
                var code = (char)Body[offset++];
                var end = Array.IndexOf(Body, (byte)0, offset);
                fields[code] = Encoding.UTF8.GetString(Body, offset, end - offset);
                offset = end + 1;
            }

            return fields;
        }
    }
}

/// <summary>
/// A client that speaks the PostgreSQL protocol by hand (startup, md5 login, simple and extended query),
/// so tests can see what a driver hides: every message type, command tags, error fields, ReadyForQuery's status.
/// </summary>
internal sealed class RawSession : IAsyncDisposable
{
    private readonly NetworkStream _stream;

    private RawSession(Socket socket) => _stream = new NetworkStream(socket, ownsSocket: true);

    /// <summary>What the server sent from the login to the first ReadyForQuery.</summary>
    public IReadOnlyList<ServerMessage> Startup { get; private set; } = [];

    public static async Task<RawSession> ConnectAsync(
        IPicodataInstance instance, string user, string password, string database, string? options = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(instance.Host, instance.Port);
        var session = new RawSession(socket);
        var parameters = new List<string> { "user", user, "database", database };
        if (options is not null)
        {
            parameters.AddRange(["options", options]);
        }

        var body = new List<byte>();
        body.AddRange(Int32(196608));
        foreach (var text in parameters)
        {
            body.AddRange(CString(text));
        }

        body.Add(0);
        await session.WriteAsync([.. Int32(body.Count + 4), .. body]);
        session.Startup = await session.LoginAsync(user, password);
        return session;
    }

    /// <summary>Sends a simple Query and reads up to ReadyForQuery.</summary>
    public async Task<IReadOnlyList<ServerMessage>> QueryAsync(string sql)
    {
        await WriteAsync(Message('Q', CString(sql)));
        return await ReadUntilReadyAsync();
    }

    /// <summary>Parse, Bind (text parameters), Describe portal, Execute, Sync; reads up to ReadyForQuery.</summary>
    public async Task<IReadOnlyList<ServerMessage>> ExtendedAsync(string sql, params string?[] parameters)
    {
        var parse = new List<byte>();
        parse.AddRange(CString(string.Empty));
        parse.AddRange(CString(sql));
        parse.AddRange(Int16(0));
        var bind = new List<byte>();
        bind.AddRange(CString(string.Empty));
        bind.AddRange(CString(string.Empty));
        bind.AddRange(Int16(0));
        bind.AddRange(Int16((short)parameters.Length));
        foreach (var value in parameters)
        {
            if (value is null)
            {
                bind.AddRange(Int32(-1));
            }
            else
            {
                var bytes = Encoding.UTF8.GetBytes(value);
                bind.AddRange(Int32(bytes.Length));
                bind.AddRange(bytes);
            }
        }

        bind.AddRange(Int16(0));
        byte[] all =
        [
            .. Message('P', [.. parse]), .. Message('B', [.. bind]), .. Message('D', [(byte)'P', 0]),
            .. Message('E', [0, 0, 0, 0, 0]), .. Message('S', []),
        ];
        await WriteAsync(all);
        return await ReadUntilReadyAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await WriteAsync(Message('X', []));
        }
        catch (IOException)
        {
        }

        await _stream.DisposeAsync();
    }

    private async Task<IReadOnlyList<ServerMessage>> LoginAsync(string user, string password)
    {
        var messages = new List<ServerMessage>();
        while (true)
        {
            var message = await ReadAsync();
            if (message.Type == 'R' && BinaryPrimitives.ReadInt32BigEndian(message.Body) == 5)
            {
                // md5: "md5" + md5(md5(password + user) + salt), in hex — the protocol's, so the analyzer's advice does not apply.
#pragma warning disable CA5351
                var inner = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(password + user)));
                var outer = MD5.HashData([.. Encoding.UTF8.GetBytes(inner), .. message.Body.AsSpan(4, 4)]);
#pragma warning restore CA5351
                await WriteAsync(Message('p', CString("md5" + Convert.ToHexStringLower(outer))));
                continue;
            }

            messages.Add(message);
            if (message.Type is 'Z' or 'E')
            {
                return messages;
            }
        }
    }

    private async Task<IReadOnlyList<ServerMessage>> ReadUntilReadyAsync()
    {
        var messages = new List<ServerMessage>();
        ServerMessage message;
        do
        {
            message = await ReadAsync();
            messages.Add(message);
        }
        while (message.Type != 'Z');
        return messages;
    }

    /// <summary>The next message the server sends, asked for or not (a FATAL at shutdown).</summary>
    public Task<ServerMessage> NextAsync() => ReadAsync();

    private async Task<ServerMessage> ReadAsync()
    {
        var header = new byte[5];
        await _stream.ReadExactlyAsync(header);
        var body = new byte[BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1)) - 4];
        await _stream.ReadExactlyAsync(body);
        return new ServerMessage((char)header[0], body);
    }

    private async Task WriteAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

    private static byte[] Message(char type, byte[] body) => [(byte)type, .. Int32(body.Length + 4), .. body];

    private static byte[] CString(string text) => [.. Encoding.UTF8.GetBytes(text), 0];

    private static byte[] Int32(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] Int16(short value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteInt16BigEndian(bytes, value);
        return bytes;
    }
}
