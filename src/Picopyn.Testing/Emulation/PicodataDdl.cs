using System.Text.Json;
using Picopyn.Generators.Schema;
using Picopyn.Generators.Sql;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Testing.Emulation;

/// <summary>
/// Runs Picodata's DDL on the emulation (see docs/picodata.md, "SQL dialect"): <c>CREATE TABLE</c>, <c>DROP TABLE</c>,
/// <c>CREATE INDEX</c>, <c>DROP INDEX</c>, <c>ALTER TABLE</c> (add and rename columns, rename the table —
/// what Picodata runs; dropping or altering a column it refuses) and <c>TRUNCATE</c> are parsed with
/// Picodata's grammar and read with the generator's schema reader — so the emulation refuses what Picodata
/// refuses (no primary key, a type Picodata lacks, DEFAULT...) — and become PostgreSQL DDL on the storage
/// server (types mapped, distribution, engine and option clauses dropped) plus the changes Picodata makes
/// to <c>_pico_table</c> and <c>_pico_index</c>.
/// </summary>
internal static class PicodataDdl
{
    private const string Tables = StorageSchema.SystemSchema + "._pico_table";
    private const string Indexes = StorageSchema.SystemSchema + "._pico_index";

    /// <summary>The storage statements for <paramref name="ddl"/> (one or more statements separated by ';').</summary>
    /// <exception cref="PicodataDdlRefusedException">A statement Picodata would refuse, or one the emulation does not run.</exception>
    public static IReadOnlyList<string> Translate(string ddl, string defaultTier, int bucketCount)
    {
        var statements = new List<string>();
        // A script, as a schema file is: comments are allowed between and inside its statements.
        foreach (var tree in SqlParser.ParseScript(ddl, allowComments: true))
        {
            switch (tree.Statement)
            {
                case null:
                    throw new PicodataDdlRefusedException(tree.Error!.Message);
                case CreateTableStatementSyntax create:
                    CreateTable(tree.TextOf(create.Span), create, defaultTier, bucketCount, statements);
                    break;
                case CreateIndexStatementSyntax index:
                    CreateIndex(index, statements);
                    break;
                case DropTableStatementSyntax drop:
                    var name = drop.Name.Name;
                    statements.Add($"DELETE FROM {Indexes} WHERE table_id IN (SELECT id FROM {Tables} WHERE name = {SqlText.Literal(name)})");
                    statements.Add($"DELETE FROM {Tables} WHERE name = {SqlText.Literal(name)}");
                    statements.Add($"DROP TABLE {(drop.IfExists ? "IF EXISTS " : string.Empty)}public.{SqlText.Identifier(name)}");
                    break;
                case DropIndexStatementSyntax dropIndex:
                    statements.Add($"DELETE FROM {Indexes} WHERE name = {SqlText.Literal(dropIndex.Name.Name)} AND id <> 0");
                    statements.Add($"DROP INDEX {(dropIndex.IfExists ? "IF EXISTS " : string.Empty)}public.{SqlText.Identifier(dropIndex.Name.Name)}");
                    break;
                case AlterTableStatementSyntax alter:
                    AlterTable(alter, statements);
                    break;
                case TruncateStatementSyntax truncate:
                    statements.Add($"TRUNCATE public.{SqlText.Identifier(truncate.Table.Name)}");
                    break;
                case OtherStatementSyntax { Rule: var rule }:
                    // Users and privileges: the emulated image runs them (PicodataAccessControl); the in-process cluster has one user.
                    throw new PicodataDdlRefusedException($"the emulated cluster does not run {rule} statements (Picodata does)");
                default:
                    throw new PicodataDdlRefusedException(
                        $"the emulated cluster runs CREATE and DROP TABLE, CREATE and DROP INDEX, ALTER TABLE and TRUNCATE; not '{tree.TextOf(tree.Statement.Span)}'");
            }
        }

        return statements;
    }

    private static void CreateTable(string text, CreateTableStatementSyntax create, string defaultTier, int bucketCount, List<string> statements)
    {
        var file = SchemaDdlReader.Read("ddl", text);
        if (file.Diagnostics.Count > 0 || file.Tables.Count != 1)
        {
            throw new PicodataDdlRefusedException(file.Diagnostics.Count > 0 ? file.Diagnostics[0].Arguments[0] : "the statement declares no table");
        }

        var table = file.Tables[0];
        var engine = create.Engine ?? "memtx";
        var tier = create.Distribution?.Tier?.Name ?? defaultTier;

        var columns = table.Columns.Where(c => !c.IsHidden).Select(c =>
            $"{SqlText.Identifier(c.Name)} {PostgresType(c)}{(c.IsNullable ? string.Empty : " NOT NULL")}");
        // A sharded table's rows carry their bucket, computed on the storage (BucketIdFunctions); the instances do not show it.
        if (!table.IsGlobal)
        {
            columns = columns.Append($"{SchemaTable.BucketId} bigint");
        }

        var key = string.Join(", ", table.PrimaryKey.Select(SqlText.Identifier));
        statements.Add($"CREATE TABLE {(create.IfNotExists ? "IF NOT EXISTS " : string.Empty)}public.{SqlText.Identifier(table.Name)} " +
            $"({string.Join(", ", columns)}, PRIMARY KEY ({key}))");
        statements.AddRange(BucketIdFunctions.TriggerFor(table, bucketCount));

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

    // What Picodata's ALTER TABLE runs: ADD COLUMN, RENAME COLUMN, RENAME TO; each changes _pico_table too.
    private static void AlterTable(AlterTableStatementSyntax alter, List<string> statements)
    {
        var table = SqlText.Identifier(alter.Name.Name);
        var name = SqlText.Literal(alter.Name.Name);
        foreach (var action in alter.Actions)
        {
            switch (action)
            {
                case AddColumnSyntax { Column: var definition } add:
                    var type = PicoTypeNames.Parse(definition.Type.Name) ?? throw new PicodataDdlRefusedException(
                        $"'{definition.Type.Name}' is not a Picodata column type");
                    var column = new SchemaColumn(definition.Name.Name, type, definition.IsNullable ?? true);
                    statements.Add($"ALTER TABLE public.{table} ADD COLUMN {(add.IfNotExists ? "IF NOT EXISTS " : string.Empty)}" +
                        $"{SqlText.Identifier(column.Name)} {PostgresType(column)}{(column.IsNullable ? string.Empty : " NOT NULL")}");
                    var field = JsonSerializer.Serialize(new Dictionary<string, object>
                    {
                        ["name"] = column.Name,
                        ["field_type"] = FormatType(column.Type),
                        ["is_nullable"] = column.IsNullable,
                    });
                    statements.Add($"""
                        UPDATE {Tables} SET format = (format::jsonb || jsonb_build_array({SqlText.Literal(field)}::jsonb))::json
                        WHERE name = {name}
                          AND NOT EXISTS (SELECT 1 FROM json_array_elements(format) AS f WHERE f->>'name' = {SqlText.Literal(column.Name)})
                        """);
                    break;
                case RenameColumnSyntax rename:
                    statements.Add($"ALTER TABLE public.{table} RENAME COLUMN {SqlText.Identifier(rename.Column.Name)} TO {SqlText.Identifier(rename.NewName.Name)}");
                    statements.Add($$"""
                        UPDATE {{Tables}} SET format = (
                            SELECT json_agg(CASE WHEN f->>'name' = {{SqlText.Literal(rename.Column.Name)}}
                                                 THEN jsonb_set(f, '{name}', to_jsonb({{SqlText.Literal(rename.NewName.Name)}}::text)) ELSE f END
                                            ORDER BY n)
                            FROM jsonb_array_elements(format::jsonb) WITH ORDINALITY AS e(f, n))
                        WHERE name = {{name}}
                        """);
                    break;
                case RenameTableSyntax renameTable:
                    statements.Add($"ALTER TABLE public.{table} RENAME TO {SqlText.Identifier(renameTable.NewName.Name)}");
                    statements.Add($"UPDATE {Tables} SET name = {SqlText.Literal(renameTable.NewName.Name)} WHERE name = {name}");
                    break;
                default:
                    // Picodata's planner, word for word (sql-frontend's ast/core.rs).
                    throw new PicodataDdlRefusedException(
                        $"unsupported DDL: `ALTER TABLE _ {(action is DropColumnSyntax ? "DROP COLUMN" : "ALTER COLUMN")}` is not yet supported");
            }
        }
    }

    // TREE, HASH, RTREE, BITSET: PostgreSQL's default index serves them all here.
    private static void CreateIndex(CreateIndexStatementSyntax index, List<string> statements)
    {
        var columns = index.Parts.Select(p => p.Name).ToList();
        statements.Add($"CREATE {(index.IsUnique ? "UNIQUE " : string.Empty)}INDEX {SqlText.Identifier(index.Name.Name)} ON public.{SqlText.Identifier(index.Table.Name)} " +
            $"({string.Join(", ", columns.Select(SqlText.Identifier))})");
        var parts = JsonSerializer.Serialize(columns.Select(name => new object?[] { name, "any", null, true, null }));
        statements.Add(IndexRow(index.Table.Name, index.Name.Name, index.IsUnique, parts, primary: false));
    }

    private static string IndexRow(string table, string index, bool unique, string parts, bool primary) => $"""
        INSERT INTO {Indexes} (table_id, id, name, type, opts, parts, operable, schema_version)
        SELECT t.id, {(primary ? "0" : $"(SELECT coalesce(max(i.id), 0) + 1 FROM {Indexes} AS i WHERE i.table_id = t.id)")},
               {SqlText.Literal(index)}, 'TREE', {SqlText.Literal(unique ? "[{\"unique\":true}]" : "[{\"unique\":false}]")}::json,
               {SqlText.Literal(parts)}::json, true, 1
        FROM {Tables} AS t WHERE t.name = {SqlText.Literal(table)}
        ON CONFLICT DO NOTHING
        """;

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
        _ => throw new PicodataDdlRefusedException($"column '{column.Name}' has a type the emulation does not map"),
    };

    // The field types of _pico_table.format: Picodata's storage names ('string' for text).
    private static string FormatType(PicoType type) => type == PicoType.Text ? "string" : PicoTypeNames.Name(type);
}
