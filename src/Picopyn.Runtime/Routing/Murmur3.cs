using System.Buffers.Binary;
using System.Numerics;

namespace Picopyn.Routing;

/// <summary>
/// MurmurHash3 x86 32-bit, fed progressively: bytes may come in any pieces and the hash is the one
/// of their concatenation — as Tarantool's key_def hash feeds one key part after another.
/// </summary>
internal struct Murmur3
{
    private const uint C1 = 0xcc9e2d51;
    private const uint C2 = 0x1b873593;

    private uint _hash;
    private uint _carry;     // up to 3 bytes not yet mixed, little-endian
    private int _carryCount;
    private uint _length;

    public Murmur3(uint seed) => _hash = seed;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        _length += (uint)bytes.Length;
        while (_carryCount > 0 && bytes.Length > 0)
        {
            _carry |= (uint)bytes[0] << (8 * _carryCount);
            bytes = bytes[1..];
            if (++_carryCount == 4)
            {
                Mix(_carry);
                _carry = 0;
                _carryCount = 0;
            }
        }

        while (bytes.Length >= 4)
        {
            Mix(BinaryPrimitives.ReadUInt32LittleEndian(bytes));
            bytes = bytes[4..];
        }

        for (var i = 0; i < bytes.Length; i++)
        {
            _carry |= (uint)bytes[i] << (8 * _carryCount++);
        }
    }

    public void Append(byte value) => Append([value]);

    public readonly uint Finish()
    {
        var hash = _hash;
        if (_carryCount > 0)
        {
            var k = _carry * C1;
            k = BitOperations.RotateLeft(k, 15) * C2;
            hash ^= k;
        }

        hash ^= _length;
        hash ^= hash >> 16;
        hash *= 0x85ebca6b;
        hash ^= hash >> 13;
        hash *= 0xc2b2ae35;
        hash ^= hash >> 16;
        return hash;
    }

    private void Mix(uint block)
    {
        var k = block * C1;
        k = BitOperations.RotateLeft(k, 15) * C2;
        _hash ^= k;
        _hash = (BitOperations.RotateLeft(_hash, 13) * 5) + 0xe6546b64;
    }
}
