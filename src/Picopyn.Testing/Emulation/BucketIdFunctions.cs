using Picopyn.Generators.Schema;

namespace Picopyn.Testing.Emulation;

/// <summary>
/// The <c>bucket_id</c> a sharded table's rows carry on the storage server, computed there, in PL/pgSQL, as
/// Picodata computes it (see docs/picodata.md, "Buckets and routing"): MurmurHash3 x86 32-bit, seed 13, over the key parts'
/// MessagePack encodings concatenated in sharding-key order, <c>% bucket_count + 1</c>. An implementation
/// apart from the client's <c>PicoBuckets</c>, so that a test comparing the two compares two readings of
/// Picodata's rule. Integer, unsigned, text, boolean and uuid parts (and NULL); a key with a decimal, double
/// or datetime part leaves <c>bucket_id</c> NULL. Not on the instances: <c>*</c> does not return it there.
/// </summary>
internal static class BucketIdFunctions
{
    private const string Schema = StorageSchema.SystemSchema;

    /// <summary>The functions, created once on the storage server.</summary>
    public static IReadOnlyList<string> Create() =>
    [
        // 32-bit products and rotations in bigint: halves keep every product below 2^63.
        $"CREATE FUNCTION {Schema}.mul32(a bigint, b bigint) RETURNS bigint LANGUAGE sql IMMUTABLE STRICT AS " +
            "$$ SELECT ((a * (b & 65535)) + (((a * (b >> 16)) & 65535) << 16)) & 4294967295 $$",
        $"CREATE FUNCTION {Schema}.rotl32(x bigint, r int) RETURNS bigint LANGUAGE sql IMMUTABLE STRICT AS " +
            "$$ SELECT ((x << r) | (x >> (32 - r))) & 4294967295 $$",
        $$"""
        CREATE FUNCTION {{Schema}}.murmur3(data bytea, seed bigint) RETURNS bigint LANGUAGE plpgsql IMMUTABLE STRICT AS $body$
        DECLARE
            h bigint := seed;
            k bigint;
            n int := length(data);
            i int := 0;
        BEGIN
            WHILE i + 4 <= n LOOP
                k := get_byte(data, i)::bigint | (get_byte(data, i + 1)::bigint << 8)
                     | (get_byte(data, i + 2)::bigint << 16) | (get_byte(data, i + 3)::bigint << 24);
                k := {{Schema}}.mul32({{Schema}}.rotl32({{Schema}}.mul32(k, 3432918353), 15), 461845907);
                h := ({{Schema}}.mul32({{Schema}}.rotl32(h # k, 13), 5) + 3864292196) & 4294967295;
                i := i + 4;
            END LOOP;
            IF n > i THEN
                k := get_byte(data, i)::bigint;
                IF n - i >= 2 THEN k := k | (get_byte(data, i + 1)::bigint << 8); END IF;
                IF n - i >= 3 THEN k := k | (get_byte(data, i + 2)::bigint << 16); END IF;
                h := h # {{Schema}}.mul32({{Schema}}.rotl32({{Schema}}.mul32(k, 3432918353), 15), 461845907);
            END IF;
            h := h # n;
            h := {{Schema}}.mul32(h # (h >> 16), 2246822507);
            h := {{Schema}}.mul32(h # (h >> 13), 3266489909);
            RETURN h # (h >> 16);
        END
        $body$
        """,
        // The smallest MessagePack integer, as Tarantool's key_def encodes an integer or unsigned field.
        $$"""
        CREATE FUNCTION {{Schema}}.key_integer(v bigint) RETURNS bytea LANGUAGE sql IMMUTABLE AS $body$
            SELECT CASE
                WHEN v IS NULL THEN '\xc0'::bytea
                WHEN v BETWEEN -32 AND 127 THEN substring(int8send(v) FROM 8 FOR 1)
                WHEN v BETWEEN 128 AND 255 THEN '\xcc'::bytea || substring(int8send(v) FROM 8 FOR 1)
                WHEN v BETWEEN 256 AND 65535 THEN '\xcd'::bytea || substring(int8send(v) FROM 7 FOR 2)
                WHEN v BETWEEN 65536 AND 4294967295 THEN '\xce'::bytea || substring(int8send(v) FROM 5 FOR 4)
                WHEN v > 4294967295 THEN '\xcf'::bytea || int8send(v)
                WHEN v >= -128 THEN '\xd0'::bytea || substring(int8send(v) FROM 8 FOR 1)
                WHEN v >= -32768 THEN '\xd1'::bytea || substring(int8send(v) FROM 7 FOR 2)
                WHEN v >= -2147483648 THEN '\xd2'::bytea || substring(int8send(v) FROM 5 FOR 4)
                ELSE '\xd3'::bytea || int8send(v)
            END
        $body$
        """,
        $"CREATE FUNCTION {Schema}.key_text(v text) RETURNS bytea LANGUAGE sql IMMUTABLE AS " +
            "$$ SELECT coalesce(convert_to(v, 'UTF8'), '\\xc0'::bytea) $$",
        $"CREATE FUNCTION {Schema}.key_boolean(v boolean) RETURNS bytea LANGUAGE sql IMMUTABLE AS " +
            "$$ SELECT CASE WHEN v IS NULL THEN '\\xc0'::bytea WHEN v THEN '\\xc3'::bytea ELSE '\\xc2'::bytea END $$",
        $"CREATE FUNCTION {Schema}.key_uuid(v uuid) RETURNS bytea LANGUAGE sql IMMUTABLE AS " +
            "$$ SELECT coalesce('\\xd802'::bytea || uuid_send(v), '\\xc0'::bytea) $$",
    ];

    /// <summary>The trigger that gives each row of <paramref name="table"/> its bucket, or nothing for a global table.</summary>
    public static IEnumerable<string> TriggerFor(SchemaTable table, int bucketCount)
    {
        if (table.IsGlobal)
        {
            yield break;
        }

        var parts = table.ShardingKey.Select(name => Part(table.Column(name)!)).ToList();
        var value = parts.Any(p => p is null)
            ? "NULL" // a part not hashed here: no bucket_id rather than a wrong one
            : $"{Schema}.murmur3({string.Join(" || ", parts)}, 13) % {bucketCount} + 1";
        var function = $"{Schema}.{SqlText.Identifier("bucket_id_of_" + table.Name)}";
        yield return $"""
            CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $body$
            BEGIN
                NEW.bucket_id := {value};
                RETURN NEW;
            END
            $body$
            """;
        yield return $"CREATE OR REPLACE TRIGGER bucket_id BEFORE INSERT OR UPDATE ON public.{SqlText.Identifier(table.Name)} FOR EACH ROW EXECUTE FUNCTION {function}()";
    }

    private static string? Part(SchemaColumn column)
    {
        var value = "NEW." + SqlText.Identifier(column.Name);
        return column.Type switch
        {
            PicoType.Integer or PicoType.Unsigned => $"{Schema}.key_integer({value})",
            PicoType.Text => $"{Schema}.key_text({value})",
            PicoType.Boolean => $"{Schema}.key_boolean({value})",
            PicoType.Uuid => $"{Schema}.key_uuid({value})",
            _ => null,
        };
    }
}
