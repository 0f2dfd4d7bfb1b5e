using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Picopyn;

/// <summary>
/// Builds the bucket of a sharding key part by part, as Picodata computes it (Tarantool's key_def hash:
/// MurmurHash3 x86 32-bit, seed 13, over each part's encoding in sharding-key order), without
/// allocating. Add the parts in the order of the table's sharding key, then ask for
/// <see cref="Bucket"/>; <see cref="PicoBuckets"/> is the one-call form.
/// </summary>
/// <example>
/// <code>
/// var bucket = new PicoBucketHasher().Add("lol").Add(5L).Bucket(3000);   // 442
/// </code>
/// </example>
public struct PicoBucketHasher
{
    /// <summary>The seed of Tarantool's key_def hash.</summary>
    public const uint Seed = 13;

    private Routing.Murmur3 _murmur;
    private bool _started;

    /// <summary>Adds an integer part (Picodata <c>integer</c> or <c>unsigned</c>): the smallest MessagePack integer.</summary>
    public PicoBucketHasher Add(long value)
    {
        Span<byte> bytes = stackalloc byte[9];
        Start();
        _murmur.Append(bytes[..EncodeInteger(value, bytes)]);
        return this;
    }

    /// <summary>Adds an unsigned integer part beyond <see cref="long.MaxValue"/> (Picodata <c>unsigned</c>).</summary>
    public PicoBucketHasher Add(ulong value)
    {
        if (value <= long.MaxValue)
        {
            return Add((long)value);
        }

        Span<byte> bytes = stackalloc byte[9];
        bytes[0] = 0xcf;
        BinaryPrimitives.WriteUInt64BigEndian(bytes[1..], value);
        Start();
        _murmur.Append(bytes);
        return this;
    }

    /// <summary>Adds a text part: its UTF-8 bytes, with no header (<see langword="null"/> is NULL).</summary>
    public PicoBucketHasher Add(string? value)
    {
        if (value is null)
        {
            return AddNull();
        }

        const int StackChars = 256;
        if (value.Length <= StackChars)
        {
            Span<byte> bytes = stackalloc byte[StackChars * 3];
            Start();
            _murmur.Append(bytes[..Encoding.UTF8.GetBytes(value, bytes)]);
            return this;
        }

        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(value.Length));
        Start();
        _murmur.Append(rented.AsSpan(0, Encoding.UTF8.GetBytes(value, rented)));
        ArrayPool<byte>.Shared.Return(rented);
        return this;
    }

    /// <summary>Adds a boolean part.</summary>
    public PicoBucketHasher Add(bool value)
    {
        Start();
        _murmur.Append(value ? (byte)0xc3 : (byte)0xc2);
        return this;
    }

    /// <summary>Adds a uuid part: MessagePack ext 2 with the 16 bytes in RFC 4122 order.</summary>
    public PicoBucketHasher Add(Guid value)
    {
        Span<byte> bytes = stackalloc byte[18];
        bytes[0] = 0xd8;
        bytes[1] = 0x02;
        value.TryWriteBytes(bytes[2..], bigEndian: true, out _);
        Start();
        _murmur.Append(bytes);
        return this;
    }

    /// <summary>
    /// Adds a decimal part: MessagePack ext 1 holding the scale and the packed BCD digits. The scale counts:
    /// <c>1m</c>, <c>1.0m</c> and <c>1.00m</c> are three buckets, as on Picodata.
    /// </summary>
    public PicoBucketHasher Add(decimal value)
    {
        Span<char> text = stackalloc char[40];
        value.TryFormat(text, out var length, default, CultureInfo.InvariantCulture);
        text = text[..length];
        var negative = text[0] == '-';
        var point = text.IndexOf('.');
        var scale = point < 0 ? 0 : text.Length - point - 1;

        // The coefficient's digits without sign, point or leading zeros (at least one).
        Span<byte> digits = stackalloc byte[32];
        var count = 0;
        foreach (var c in text)
        {
            if (c is >= '0' and <= '9' && (count > 0 || c != '0'))
            {
                digits[count++] = (byte)(c - '0');
            }
        }

        if (count == 0)
        {
            digits[count++] = 0;
        }

        // Packed BCD: two digits a byte, the sign nibble last (c: +, d: -), a leading 0 nibble to fill a byte.
        var nibbles = count + 1 + ((count + 1) % 2);
        Span<byte> bcd = stackalloc byte[nibbles / 2];
        bcd.Clear();
        var nibble = nibbles - count - 1;
        for (var i = 0; i < count; i++, nibble++)
        {
            bcd[nibble / 2] |= (byte)(nibble % 2 == 0 ? digits[i] << 4 : digits[i]);
        }

        bcd[^1] |= negative ? (byte)0x0d : (byte)0x0c;

        // Ext 1: fixext 1/2/4/8/16 when the data has that size, else ext 8 with its length.
        var dataLength = 1 + bcd.Length; // the scale (0..28) is one MessagePack byte
        Span<byte> header = stackalloc byte[3];
        var headerLength = dataLength switch
        {
            1 => Fixed(header, 0xd4),
            2 => Fixed(header, 0xd5),
            4 => Fixed(header, 0xd6),
            8 => Fixed(header, 0xd7),
            16 => Fixed(header, 0xd8),
            _ => Ext8(header, dataLength),
        };
        Start();
        _murmur.Append(header[..headerLength]);
        Start();
        _murmur.Append((byte)scale);
        Start();
        _murmur.Append(bcd);
        return this;

        static int Fixed(Span<byte> header, byte code)
        {
            header[0] = code;
            header[1] = 0x01;
            return 2;
        }

        static int Ext8(Span<byte> header, int length)
        {
            header[0] = 0xc7;
            header[1] = (byte)length;
            header[2] = 0x01;
            return 3;
        }
    }

    /// <summary>Adds a NULL part.</summary>
    public PicoBucketHasher AddNull()
    {
        Start();
        _murmur.Append(0xc0);
        return this;
    }

    /// <summary>The key's 32-bit hash (before the modulo).</summary>
    public readonly uint Hash() => (_started ? _murmur : new Routing.Murmur3(Seed)).Finish();

    /// <summary>The key's bucket among <paramref name="bucketCount"/>: <c>hash % bucketCount + 1</c>, from 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bucketCount"/> is not positive.</exception>
    public readonly int Bucket(int bucketCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bucketCount);
        return (int)(Hash() % (uint)bucketCount) + 1;
    }

    // Seeds the hash on first use: a default-constructed struct has no seed yet.
    private void Start()
    {
        if (!_started)
        {
            _murmur = new Routing.Murmur3(Seed);
            _started = true;
        }
    }

    // MessagePack's smallest encoding of an integer (Tarantool key_def hashes integer parts as MessagePack).
    private static int EncodeInteger(long value, Span<byte> bytes)
    {
        switch (value)
        {
            case >= 0 and <= 127:
            case >= -32 and < 0:
                bytes[0] = (byte)value;
                return 1;
            case > 127 and <= byte.MaxValue:
                bytes[0] = 0xcc;
                bytes[1] = (byte)value;
                return 2;
            case > byte.MaxValue and <= ushort.MaxValue:
                bytes[0] = 0xcd;
                BinaryPrimitives.WriteUInt16BigEndian(bytes[1..], (ushort)value);
                return 3;
            case > ushort.MaxValue and <= uint.MaxValue:
                bytes[0] = 0xce;
                BinaryPrimitives.WriteUInt32BigEndian(bytes[1..], (uint)value);
                return 5;
            case > uint.MaxValue:
                bytes[0] = 0xcf;
                BinaryPrimitives.WriteUInt64BigEndian(bytes[1..], (ulong)value);
                return 9;
            case >= sbyte.MinValue:
                bytes[0] = 0xd0;
                bytes[1] = (byte)(sbyte)value;
                return 2;
            case >= short.MinValue:
                bytes[0] = 0xd1;
                BinaryPrimitives.WriteInt16BigEndian(bytes[1..], (short)value);
                return 3;
            case >= int.MinValue:
                bytes[0] = 0xd2;
                BinaryPrimitives.WriteInt32BigEndian(bytes[1..], (int)value);
                return 5;
            default:
                bytes[0] = 0xd3;
                BinaryPrimitives.WriteInt64BigEndian(bytes[1..], value);
                return 9;
        }
    }
}
