using System.Text.Json;
using Picopyn.Generators.Schema;
using Picopyn.Generators.Sql;

namespace Picopyn.Testing.Emulation;

/// <summary>
/// Runs Picodata's DDL on the emulation (reference/picodata.md §5): <c>CREATE TABLE</c>,
/// <c>CREATE INDEX</c> and <c>DROP TABLE</c> are read with the generator's schema reader — so the
/// emulation refuses what Picodata refuses (no primary key, a type Picodata lacks, DEFAULT...) —
/// and become PostgreSQL DDL on the storage server (types mapped, distribution, engine and option
/// clauses dropped) plus the rows Picodata writes to <c>_pico_table</c> and <c>_pico_index</c>.
/// </summary>
internal static class PicodataDdl
{
    private const string Tables = StorageSchema.SystemSchema + "._pico_table";
    private const string Indexes = StorageSchema.SystemSchema + "._pico_index";

    /// <summary>The storage statements for <paramref name="ddl"/> (one or more statements separated by ';').</summary>
    /// <exception cref="EmulatedClusterException">A statement Picodata would refuse, or one the emulation does not run.</exception>
    public static IReadOnlyList<string> Translate(string ddl, string defaultTier)
    {
        var statements = new List<string>();
        foreach (var text in Split(ddl))
        {
            var tokens = SqlTokenizer.Tokenize(text).Where(t => t.Kind != SqlTokenKind.Comment).ToList();
            var cursor = new SqlCursor(tokens);
            if (cursor.AcceptAll("create", "table"))
            {
                CreateTable(text, tokens, defaultTier, statements);
            }
            else if (cursor.Accept("create"))
            {
                var unique = cursor.Accept("unique");
                if (!cursor.Accept("index"))
                {
                    throw Unsupported(text);
                }

                CreateIndex(text, cursor, unique, statements);
            }
            else if (cursor.AcceptAll("drop", "table"))
            {
                var ifExists = cursor.AcceptAll("if", "exists");
                var name = Name(cursor, text);
                statements.Add($"DELETE FROM {Indexes} WHERE table_id IN (SELECT id FROM {Tables} WHERE name = {SqlText.Literal(name)})");
                statements.Add($"DELETE FROM {Tables} WHERE name = {SqlText.Literal(name)}");
                statements.Add($"DROP TABLE {(ifExists ? "IF EXISTS " : string.Empty)}public.{SqlText.Identifier(name)}");
            }
            else
            {
                throw Unsupported(text);
            }
        }

        return statements;
    }

    private static void CreateTable(string text, List<SqlToken> tokens, string defaultTier, List<string> statements)
    {
        var file = SchemaDdlReader.Read("ddl", text);
        if (file.Diagnostics.Count > 0 || file.Tables.Count != 1)
        {
            var message = file.Diagnostics.Count > 0 ? file.Diagnostics[0].Arguments[0] : "the statement declares no table";
            throw new EmulatedClusterException($"Picodata would refuse this DDL: {message}{Environment.NewLine}{text}");
        }

        var table = file.Tables[0];
        var ifNotExists = tokens.Count > 4 && tokens[2].IsWord("if") && tokens[3].IsWord("not") && tokens[4].IsWord("exists");
        var engine = tokens.Zip(tokens.Skip(1)).Any(p => p.First.IsWord("using") && p.Second.IsWord("vinyl")) ? "vinyl" : "memtx";
        var tierAt = tokens.FindIndex(t => t.IsWord("tier"));
        var tier = tierAt > 0 && tierAt + 1 < tokens.Count && tokens[tierAt - 1].IsWord("in") ? tokens[tierAt + 1].Name : defaultTier;

        var columns = table.Columns.Where(c => !c.IsHidden).Select(c =>
            $"{SqlText.Identifier(c.Name)} {PostgresType(c)}{(c.IsNullable ? string.Empty : " NOT NULL")}");
        var key = string.Join(", ", table.PrimaryKey.Select(SqlText.Identifier));
        statements.Add($"CREATE TABLE {(ifNotExists ? "IF NOT EXISTS " : string.Empty)}public.{SqlText.Identifier(table.Name)} " +
            $"({string.Join(", ", columns)}, PRIMARY KEY ({key}))");

        var distribution = table.IsGlobal
            ? "{\"Global\":null}"
            : JsonSerializer.Serialize(new Dictionary<string, object[]> { ["ShardedImplicitly"] = [table.ShardingKey.ToArray(), "murmur3", tier] });
        var format = JsonSerializer.Serialize(table.Columns.Select(c => new Dictionary<string, object>
        {
            ["name"] = c.Name,
            ["field_type"] = FormatType(c.Type),
            ["is_nullable"] = c.IsNullable,
        }));
        statements.Add($"""
            INSERT INTO {Tables} (id, name, distribution, format, schema_version, operable, engine, owner, description)
            SELECT coalesce(max(id), 1024) + 1, {SqlText.Literal(table.Name)}, {SqlText.Literal(distribution)}::json, {SqlText.Literal(format)}::json,
                   1, true, {SqlText.Literal(engine)}, 32, '' FROM {Tables}
            ON CONFLICT (name) DO NOTHING
            """);
        var parts = JsonSerializer.Serialize(table.PrimaryKey.Select(name =>
            new object?[] { name, FormatType(table.Column(name)!.Type), null, false, null }));
        statements.Add(IndexRow(table.Name, table.Name + "_pkey", unique: true, parts, primary: true));
    }

    private static void CreateIndex(string text, SqlCursor cursor, bool unique, List<string> statements)
    {
        var index = Name(cursor, text);
        if (!cursor.Accept("on"))
        {
            throw new EmulatedClusterException($"CREATE INDEX needs ON table (columns).{Environment.NewLine}{text}");
        }

        var table = Name(cursor, text);
        if (cursor.Accept("using"))
        {
            cursor.Next(); // TREE, HASH, RTREE, BITSET: PostgreSQL's default index serves them all here
        }

        var columns = new List<string>();
        if (!cursor.AcceptSymbol("("))
        {
            throw new EmulatedClusterException($"CREATE INDEX needs its columns in parentheses.{Environment.NewLine}{text}");
        }

        do
        {
            columns.Add(Name(cursor, text));
        }
        while (cursor.AcceptSymbol(","));

        statements.Add($"CREATE {(unique ? "UNIQUE " : string.Empty)}INDEX {SqlText.Identifier(index)} ON public.{SqlText.Identifier(table)} " +
            $"({string.Join(", ", columns.Select(SqlText.Identifier))})");
        var parts = JsonSerializer.Serialize(columns.Select(name => new object?[] { name, "any", null, true, null }));
        statements.Add(IndexRow(table, index, unique, parts, primary: false));
    }

    private static string IndexRow(string table, string index, bool unique, string parts, bool primary) => $"""
        INSERT INTO {Indexes} (table_id, id, name, type, opts, parts, operable, schema_version)
        SELECT t.id, {(primary ? "0" : $"(SELECT coalesce(max(i.id), 0) + 1 FROM {Indexes} AS i WHERE i.table_id = t.id)")},
               {SqlText.Literal(index)}, 'TREE', {SqlText.Literal(unique ? "[{\"unique\":true}]" : "[{\"unique\":false}]")}::json,
               {SqlText.Literal(parts)}::json, true, 1
        FROM {Tables} AS t WHERE t.name = {SqlText.Literal(table)}
        ON CONFLICT DO NOTHING
        """;

    private static string Name(SqlCursor cursor, string text)
    {
        var token = cursor.Next();
        if (!token.IsName)
        {
            throw new EmulatedClusterException($"A name is needed where '{token.Text}' stands.{Environment.NewLine}{text}");
        }

        return token.Name;
    }

    // Picodata integer and unsigned are 64-bit and sent as int8; datetime is timestamptz on the wire.
    private static string PostgresType(SchemaColumn column) => column.Type switch
    {
        PicoType.Integer => "bigint",
        PicoType.Unsigned => $"bigint CHECK ({SqlText.Identifier(column.Name)} >= 0)",
        PicoType.Double => "double precision",
        PicoType.Decimal => "numeric",
        PicoType.Text => "text",
        PicoType.Boolean => "boolean",
        PicoType.Datetime => "timestamptz",
        PicoType.Uuid => "uuid",
        PicoType.Json => "json",
        _ => throw new EmulatedClusterException($"Column '{column.Name}' has a type the emulation does not map."),
    };

    // The field types of _pico_table.format: Picodata's storage names ('string' for text).
    private static string FormatType(PicoType type) => type == PicoType.Text ? "string" : PicoTypeNames.Name(type);

    private static EmulatedClusterException Unsupported(string text) => new(
        $"The emulated cluster runs Picodata's CREATE TABLE, CREATE INDEX and DROP TABLE; this is none of them.{Environment.NewLine}{text}");

    // Statements separated by ';' outside strings, identifiers and comments.
    private static IEnumerable<string> Split(string ddl)
    {
        var start = 0;
        foreach (var token in SqlTokenizer.Tokenize(ddl).Where(t => t.IsSymbol(";")))
        {
            var text = ddl[start..token.Start].Trim();
            if (text.Length > 0)
            {
                yield return text;
            }

            start = token.End;
        }

        var last = ddl[start..].Trim();
        if (last.Length > 0)
        {
            yield return last;
        }
    }
}
