namespace Picopyn.Runtime.Tests;

/// <summary>
/// <see cref="PicoBuckets"/> against Picodata's own numbers: the raw key_def hashes of
/// picodata/picodata's <c>tarantool/tests/src/tuple_picodata.rs</c>, and the bucket ids (bucket_count
/// 3000) listed in docs/picodata.md, "Buckets and routing", which says which are Picodata's test expectations.
/// </summary>
public sealed class BucketTests
{
    [Theory]
    [InlineData(1L, 1934)]
    [InlineData(2L, 1410)]
    [InlineData(3L, 1958)]
    [InlineData(4L, 2752)]
    [InlineData(5L, 219)]
    [InlineData(10L, 626)]
    [InlineData(42L, 2426)]
    [InlineData(0L, 84)]
    [InlineData(127L, 2362)]
    [InlineData(128L, 1089)]
    [InlineData(255L, 1968)]
    [InlineData(256L, 1052)]
    [InlineData(-1L, 2286)]
    [InlineData(9223372036854775807L, 246)]
    [InlineData(433L, 1)] // hash % 3000 == 0: buckets count from 1
    public void Integer_keys(long key, int bucket)
    {
        Assert.Equal(bucket, PicoBuckets.Of(3000, key));
        Assert.Equal(bucket, PicoBuckets.Of(3000, (object)key));
        Assert.Equal(bucket, new PicoBucketHasher().Add(key).Bucket(3000));
    }

    [Fact]
    public void Narrower_integers_are_the_same_integers()
    {
        Assert.Equal(2426, PicoBuckets.Of(3000, 42));
        Assert.Equal(2426, PicoBuckets.Of(3000, (object)(short)42));
        Assert.Equal(2426, PicoBuckets.Of(3000, (object)(byte)42));
        Assert.Equal(2426, PicoBuckets.Of(3000, (object)42UL));
        Assert.Equal(2286, PicoBuckets.Of(3000, (object)(sbyte)-1));
    }

    [Theory]
    [InlineData("hello", 1481)]
    [InlineData("", 563)]
    [InlineData("a", 714)]
    public void Text_keys(string key, int bucket)
    {
        Assert.Equal(bucket, PicoBuckets.Of(3000, key));
        Assert.Equal(bucket, PicoBuckets.Of(3000, (object)key));
    }

    [Fact]
    public void Boolean_uuid_and_decimal_keys()
    {
        Assert.Equal(2131, PicoBuckets.Of(3000, true));
        Assert.Equal(757, PicoBuckets.Of(3000, false));
        Assert.Equal(2570, PicoBuckets.Of(3000, Guid.Empty));
        Assert.Equal(2135, PicoBuckets.Of(3000, 1m));
        // The scale counts: 1.0 is another bucket than 1.
        Assert.Equal(712, PicoBuckets.Of(3000, 1.0m));
        Assert.Equal(49, PicoBuckets.Of(3000, -12.345m));
    }

    [Theory]
    [InlineData("2", 1L, 2997)]
    [InlineData("lol", 5L, 442)]
    [InlineData("4", 3L, 2520)]
    [InlineData("lol", 42L, 739)]
    [InlineData("kek", 1L, 2036)]
    [InlineData("1", 1L, 898)]
    public void Two_part_keys_hash_their_parts_in_key_order_once(string text, long number, int bucket)
    {
        Assert.Equal(bucket, PicoBuckets.Of(3000, text, number));
        Assert.Equal(bucket, new PicoBucketHasher().Add(text).Add(number).Bucket(3000));
    }

    [Fact]
    public void Raw_hashes_are_tarantools_key_def_hashes()
    {
        // tarantool/tests/src/tuple_picodata.rs: (1) → 1457374933, (1, 2) → 605624609, (1, NULL) → 766361540.
        Assert.Equal(1457374933u, PicoBuckets.Hash(1L));
        Assert.Equal(605624609u, PicoBuckets.Hash(1L, 2L));
        Assert.Equal(766361540u, PicoBuckets.Hash(1L, null));
        Assert.Equal(766361540u, new PicoBucketHasher().Add(1L).AddNull().Hash());
    }

    [Fact]
    public void A_long_text_key_hashes_as_its_bytes_in_one_piece()
    {
        // Longer than the hasher's stack buffer: hashed from a rented one, the same bytes.
        var text = new string('x', 1000) + "тест";
        var direct = new PicoBucketHasher().Add(text).Hash();
        var twoParts = new PicoBucketHasher().Add(text[..500]).Add(text[500..]).Hash();

        Assert.Equal(direct, twoParts); // text parts carry no header: the hash is of the bytes alone
    }

    [Fact]
    public void Keys_of_unverified_or_unknown_types_are_refused_with_the_reason()
    {
        var onDouble = Assert.Throws<ArgumentException>(() => PicoBuckets.Of(3000, 1.5));
        Assert.Contains("Key part 1 is a Double", onDouble.Message, StringComparison.Ordinal);
        Assert.Contains("not verified against a server", onDouble.Message, StringComparison.Ordinal);
        Assert.Contains("Key part 2 is a DateTime", Assert.Throws<ArgumentException>(() => PicoBuckets.Of(3000, 1L, DateTime.UtcNow)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => PicoBuckets.Of(3000, new object()));
        Assert.Throws<ArgumentException>(() => PicoBuckets.Of(3000, Array.Empty<object?>()));
        Assert.Throws<ArgumentOutOfRangeException>(() => PicoBuckets.Of(0, 1L));
    }
}
