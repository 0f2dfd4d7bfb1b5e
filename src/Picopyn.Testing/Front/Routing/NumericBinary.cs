using System.Buffers.Binary;

namespace Picopyn.Testing.Front.Routing;

/// <summary>PostgreSQL's binary <c>numeric</c>: base-10000 digits, a weight, a sign and the display scale, read as a decimal keeping that scale.</summary>
internal static class NumericBinary
{
    private const ushort Negative = 0x4000;

    public static bool TryRead(ReadOnlySpan<byte> value, out decimal number)
    {
        number = 0;
        if (value.Length < 8)
        {
            return false;
        }

        var digits = BinaryPrimitives.ReadInt16BigEndian(value);
        var weight = BinaryPrimitives.ReadInt16BigEndian(value[2..]);
        var sign = BinaryPrimitives.ReadUInt16BigEndian(value[4..]);
        var scale = BinaryPrimitives.ReadUInt16BigEndian(value[6..]);
        if (sign is not (0 or Negative) || value.Length != 8 + (2 * digits) || scale > 28)
        {
            return false; // NaN, infinities, or more than a decimal holds
        }

        try
        {
            decimal coefficient = 0;
            for (var i = 0; i < digits; i++)
            {
                coefficient = (coefficient * 10000) + BinaryPrimitives.ReadInt16BigEndian(value[(8 + (2 * i))..]);
            }

            // The last digit stands for 10000^(weight - digits + 1).
            for (var exponent = weight - digits + 1; exponent > 0; exponent--)
            {
                coefficient *= 10000;
            }

            for (var exponent = weight - digits + 1; exponent < 0; exponent++)
            {
                coefficient /= 10000;
            }

            // The display scale, trailing zeros included, as the value was written.
            number = decimal.Round(coefficient, scale) + new decimal(0, 0, 0, false, (byte)scale);
            number = sign == Negative ? -number : number;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}
