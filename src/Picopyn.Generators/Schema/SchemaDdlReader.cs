using System.Collections.Generic;
using System.Linq;
using Picopyn.Generators.Model;
using Picopyn.Generators.Sql;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Schema;

/// <summary>
/// Reads a schema file — Picodata DDL, parsed with Picodata's grammar (<see cref="SqlParser.ParseScript"/>):
/// <c>CREATE TABLE</c> with its columns, types and their synonyms, NULL / NOT NULL, the primary key,
/// <c>USING</c>, <c>WITH (…)</c>, <c>DISTRIBUTED GLOBALLY</c> or <c>DISTRIBUTED BY (…) [IN TIER t]</c>,
/// <c>OPTION (…)</c>; and <c>CREATE INDEX</c>, which the checks do not need — into tables. Comments are
/// allowed here (it is a file, not a request). It never throws: what it cannot read is PICO300, located
/// in the file.
/// </summary>
internal sealed class SchemaDdlReader
{
    /// <summary>The ID of what the reader reports (the generator's PICO300). This file is also compiled into the emulated cluster and the CLI, which have no Roslyn.</summary>
    public const string DiagnosticId = "PICO300";

    private readonly TextLocator _locator;
    private readonly List<SchemaTable> _tables = [];
    private readonly List<DiagnosticInfo> _diagnostics = [];

    private SchemaDdlReader(string path, string text) => _locator = new TextLocator(path, text);

    public static SchemaFile Read(string path, string text)
    {
        var reader = new SchemaDdlReader(path, text);
        foreach (var tree in SqlParser.ParseScript(text))
        {
            reader.Statement(tree);
        }

        return new SchemaFile(path, new EquatableArray<SchemaTable>(reader._tables.ToArray()), new EquatableArray<DiagnosticInfo>(reader._diagnostics.ToArray()));
    }

    // One statement of the file: a table, or nothing (an index), or PICO300 on what cannot be read.
    private void Statement(SqlSyntaxTree tree)
    {
        switch (tree.Statement)
        {
            case null:
                var error = tree.Error!;
                Report(new TextSpan(error.Start, error.Length), error.Message);
                return;
            case CreateTableStatementSyntax create:
                CreateTable(create);
                return;
            case CreateIndexStatementSyntax:
                // Indexes change how fast a query runs, never whether it type-checks.
                return;
            default:
                var first = tree.FirstWordOf(tree.Statement.Span);
                var word = tree.TextOf(first);
                Report(first,
                    $"'{word}' starts a statement a schema file does not hold: write CREATE TABLE (and CREATE INDEX) statements, as 'picopyn schema pull' does.");
                return;
        }
    }

    private void CreateTable(CreateTableStatementSyntax create)
    {
        var name = create.Name.Name;
        if (_tables.Any(t => t.Name == name))
        {
            Report(create.Name.Span, $"Table '{name}' is already declared in this file.");
            return;
        }

        var columns = new List<SchemaColumn>();
        foreach (var definition in create.Columns)
        {
            if (columns.Any(c => c.Name == definition.Name.Name))
            {
                Report(definition.Name.Span, $"Table '{name}' already has a column '{definition.Name.Name}'.");
                return;
            }

            if (definition.Type.IsArray)
            {
                Report(definition.Type.Span, "Array columns are not checked by Picopyn yet; declare the column as json in the schema file to keep checking the rest.");
                return;
            }

            var type = PicoTypeNames.Parse(definition.Type.Name);
            if (type is null)
            {
                Report(definition.Type.Span, $"'{definition.Type.Name}' is not a Picodata column type: use {PicoTypeNames.Known}.");
                return;
            }

            columns.Add(new SchemaColumn(definition.Name.Name, type.Value, definition.IsNullable ?? true));
        }

        foreach (var part in create.PrimaryKey.Where(p => !columns.Any(c => c.Name == p.Name)))
        {
            Report(part.Span, $"PRIMARY KEY names '{part.Name}', which is not a column of '{name}'.");
            return;
        }

        if (create.PrimaryKey.Count == 0)
        {
            Report(create.Name.Span, $"Table '{name}' has no primary key; Picodata requires one (a column's PRIMARY KEY, or PRIMARY KEY (columns)).");
            return;
        }

        var primaryKey = create.PrimaryKey.Select(p => p.Name).ToList();
        var shardingKey = primaryKey;
        if (create.Distribution is { IsGlobal: false } sharded)
        {
            foreach (var unknown in sharded.ShardingKey.Where(k => !columns.Any(c => c.Name == k.Name)))
            {
                Report(unknown.Span, $"DISTRIBUTED BY names '{unknown.Name}', which is not a column of '{name}'.");
                return;
            }

            shardingKey = sharded.ShardingKey.Select(k => k.Name).ToList();
        }

        _tables.Add(SchemaTable.Create(name, columns, primaryKey, create.Distribution?.IsGlobal == true, shardingKey) with
        {
            Tier = create.Distribution?.Tier?.Name,
        });
    }

    private void Report(TextSpan span, string message) =>
        _diagnostics.Add(new DiagnosticInfo(DiagnosticId, _locator.At(span.Start, System.Math.Max(1, span.Length)),
            new EquatableArray<string>([message])));
}
