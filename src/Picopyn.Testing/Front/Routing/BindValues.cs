using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Picopyn.Generators.Schema;
using Picopyn.Generators.Sql.Routing;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Testing.Front.Routing;

/// <summary>
/// The bucket of a routed statement's run: the sharding key's values, from the Bind's parameters (text or
/// binary, as the client chose) or the statement's literals, each read as a value of its column's type —
/// Picodata stores and hashes the column's value, not the parameter's — and hashed as Picodata hashes them.
/// </summary>
internal static class BindValues
{
    private const int Int2 = 21;
    private const int Int4 = 23;
    private const int Int8 = 20;

    /// <summary>
    /// The bucket of <paramref name="route"/> for the parameters of <paramref name="bind"/> (a Bind message, or
    /// empty for a Query, whose values are all literals); false when a value cannot be read as its column's type.
    /// </summary>
    /// <param name="route">The statement's route.</param>
    /// <param name="bind">The Bind message; empty for a Query.</param>
    /// <param name="declaredTypes">The parameter type OIDs the statement's Parse declared (0: not declared).</param>
    /// <param name="bucketCount">The tier's bucket count.</param>
    /// <param name="bucket">The bucket, when the values could be read.</param>
    public static bool TryBucket(SqlRoute route, ReadOnlySpan<byte> bind, IReadOnlyList<int> declaredTypes, int bucketCount, out int bucket)
    {
        bucket = 0;
        var hasher = new PicoBucketHasher();
        foreach (var part in route.Parts)
        {
            var added = part.Parameter > 0
                ? TryAddParameter(ref hasher, part, bind, declaredTypes)
                : TryAddLiteral(ref hasher, part);
            if (!added)
            {
                return false;
            }
        }

        bucket = hasher.Bucket(bucketCount);
        return true;
    }

    private static bool TryAddLiteral(ref PicoBucketHasher hasher, SqlRoutePart part)
    {
        var text = part.LiteralValue!;
        if (part.LiteralKind == LiteralKind.Null)
        {
            hasher = hasher.AddNull();
            return true;
        }

        if (part.Type is PicoType.Integer or PicoType.Unsigned && part.LiteralKind is LiteralKind.Unsigned
            && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var large) && large > long.MaxValue)
        {
            hasher = hasher.Add(large);
            return true;
        }

        return TryAddText(ref hasher, part.Type, text);
    }

    private static bool TryAddParameter(ref PicoBucketHasher hasher, SqlRoutePart part, ReadOnlySpan<byte> bind, IReadOnlyList<int> declaredTypes)
    {
        if (!TryValue(bind, part.Parameter - 1, out var isBinary, out var isNull, out var value))
        {
            return false;
        }

        if (isNull)
        {
            hasher = hasher.AddNull();
            return true;
        }

        if (!isBinary)
        {
            return TryAddText(ref hasher, part.Type, Encoding.UTF8.GetString(value));
        }

        var declared = part.Parameter - 1 < declaredTypes.Count ? declaredTypes[part.Parameter - 1] : 0;
        switch (part.Type)
        {
            case PicoType.Integer or PicoType.Unsigned when TryInteger(value, out var integer):
                hasher = hasher.Add(integer);
                return true;
            case PicoType.Text:
                hasher = hasher.Add(Encoding.UTF8.GetString(value));
                return true;
            case PicoType.Boolean when value.Length == 1:
                hasher = hasher.Add(value[0] != 0);
                return true;
            case PicoType.Uuid when value.Length == 16:
                hasher = hasher.Add(new Guid(value, bigEndian: true));
                return true;
            case PicoType.Decimal when declared is Int2 or Int4 or Int8 && TryInteger(value, out var whole):
                hasher = hasher.Add((decimal)whole);
                return true;
            case PicoType.Decimal when NumericBinary.TryRead(value, out var number):
                hasher = hasher.Add(number);
                return true;
            default:
                return false;
        }
    }

    private static bool TryAddText(ref PicoBucketHasher hasher, PicoType type, string text)
    {
        switch (type)
        {
            case PicoType.Integer or PicoType.Unsigned when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer):
                hasher = hasher.Add(integer);
                return true;
            case PicoType.Text:
                hasher = hasher.Add(text);
                return true;
            case PicoType.Boolean when text is "t" or "true" or "f" or "false":
                hasher = hasher.Add(text[0] == 't');
                return true;
            case PicoType.Uuid when Guid.TryParse(text, out var uuid):
                hasher = hasher.Add(uuid);
                return true;
            case PicoType.Decimal when decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number):
                hasher = hasher.Add(number);
                return true;
            default:
                return false;
        }
    }

    private static bool TryInteger(ReadOnlySpan<byte> value, out long integer)
    {
        integer = value.Length switch
        {
            8 => BinaryPrimitives.ReadInt64BigEndian(value),
            4 => BinaryPrimitives.ReadInt32BigEndian(value),
            2 => BinaryPrimitives.ReadInt16BigEndian(value),
            _ => 0,
        };
        return value.Length is 8 or 4 or 2;
    }

    // Bind: portal, statement, format codes, then the parameters (length -1 for NULL), then result formats.
    private static bool TryValue(ReadOnlySpan<byte> bind, int index, out bool isBinary, out bool isNull, out ReadOnlySpan<byte> value)
    {
        isBinary = isNull = false;
        value = default;
        if (bind.IsEmpty || index < 0)
        {
            return false;
        }

        var offset = 5;
        WireMessages.SkipString(bind, ref offset);
        WireMessages.SkipString(bind, ref offset);
        var formats = BinaryPrimitives.ReadInt16BigEndian(bind[offset..]);
        var formatsAt = offset + 2;
        offset = formatsAt + (2 * formats);
        var count = BinaryPrimitives.ReadInt16BigEndian(bind[offset..]);
        if (index >= count)
        {
            return false;
        }

        offset += 2;
        for (var i = 0; i < index; i++)
        {
            var skipped = BinaryPrimitives.ReadInt32BigEndian(bind[offset..]);
            offset += 4 + Math.Max(0, skipped);
        }

        isBinary = formats switch
        {
            0 => false,
            1 => BinaryPrimitives.ReadInt16BigEndian(bind[formatsAt..]) == 1,
            _ => BinaryPrimitives.ReadInt16BigEndian(bind[(formatsAt + (2 * index))..]) == 1,
        };
        var length = BinaryPrimitives.ReadInt32BigEndian(bind[offset..]);
        isNull = length < 0;
        value = isNull ? default : bind.Slice(offset + 4, length);
        return true;
    }
}
