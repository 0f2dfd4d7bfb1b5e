using Picopyn.Generators.Binding;
using Picopyn.Generators.Diagnostics;
using Picopyn.Generators.Model;
using Picopyn.Generators.Schema;
using Picopyn.Generators.Sql;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Tests.Conformance;

/// <summary>
/// The schema checks against Picodata's own SQL test suite: each file's statements are checked against the
/// tables its own DDL has made up to that point (CREATE, DROP and ALTER TABLE, in order), and no statement
/// Picodata runs may draw a PICO3xx. A file whose statements use tables it never creates is checked without one.
/// </summary>
public sealed class SchemaConformanceTests
{
    private static readonly SqlSourceMap NoMap = new("corpus.sql", EquatableArray<int>.Empty, 0, 0, 0, new EquatableArray<int>([0]));

    [Fact]
    public void No_statement_Picodata_runs_draws_a_schema_fault()
    {
        var faults = new List<string>();
        var checkedCount = 0;
        foreach (var file in ConformanceCorpus.Statements.GroupBy(s => s.File))
        {
            var statements = file.Select(s => (Statement: s, Tree: SqlParser.Parse(s.Sql))).ToList();
            // Without every table it uses, or with one the schema reader refuses (array columns), a file has no schema to check against.
            if (!CreatesEveryTableItUses(statements.Select(s => s.Tree.Statement))
                || statements.Any(s => s.Tree.Statement is CreateTableStatementSyntax && SchemaDdlReader.Read("ddl", s.Statement.Sql).Diagnostics.Count > 0))
            {
                continue;
            }

            var tables = new Dictionary<string, SchemaTable>(StringComparer.Ordinal);
            foreach (var (statement, tree) in statements)
            {
                if (statement.Verdict != PicodataVerdict.Runs || tree.Statement is null)
                {
                    continue;
                }

                if (Apply(tree.Statement, statement.Sql, tables))
                {
                    continue;
                }

                var schema = new SchemaModel(true, new EquatableArray<SchemaTable>(tables.Values.ToArray()), EquatableArray<DiagnosticInfo>.Empty);
                var diagnostics = new DiagnosticCollector();
                StatementTyper.Type(statement.Sql, schema, NoMap, diagnostics);
                checkedCount++;
                faults.AddRange(diagnostics.ToArray().Select(d => $"{statement}\n    -> {d.Id}: {string.Join(" | ", d.Arguments)}"));
            }
        }

        Assert.True(checkedCount > 2000, $"only {checkedCount} statements were checked against a schema");
        if (Environment.GetEnvironmentVariable("PICOPYN_CONFORMANCE_REPORT") is { } report)
        {
            File.WriteAllLines(report, Refusals());
        }
        Assert.True(faults.Count == 0, $"{faults.Count} schema faults on statements Picodata runs:\n" + string.Join("\n", faults.Take(25)));
    }

    // For the issue's figures: each statement Picodata refuses, and what the checks (no data, then schema) say of it.
    private static IEnumerable<string> Refusals()
    {
        foreach (var file in ConformanceCorpus.Statements.GroupBy(s => s.File))
        {
            var tables = new Dictionary<string, SchemaTable>(StringComparer.Ordinal);
            foreach (var statement in file)
            {
                var tree = SqlParser.Parse(statement.Sql);
                if (tree.Statement is null)
                {
                    continue;
                }

                if (statement.Verdict == PicodataVerdict.Runs)
                {
                    Apply(tree.Statement, statement.Sql, tables);
                    continue;
                }

                if (statement.Verdict != PicodataVerdict.OtherError)
                {
                    continue;
                }

                var fault = SqlReader.Read(statement.Sql).Faults.FirstOrDefault(f => f.Kind != SqlFaultKind.DuplicateColumn);
                var found = fault?.Kind.ToString();
                if (found is null)
                {
                    var diagnostics = new DiagnosticCollector();
                    StatementTyper.Type(statement.Sql, new SchemaModel(true, new EquatableArray<SchemaTable>(tables.Values.ToArray()), EquatableArray<DiagnosticInfo>.Empty), NoMap, diagnostics);
                    var reported = diagnostics.ToArray();
                    found = reported.Count > 0 ? reported[0].Id : null;
                }

                yield return $"{(found ?? "MISSED")}\t{statement.Error?.Split('\n')[0]}";
            }
        }
    }

    // The file's DDL applied to its tables; true when the statement was DDL (nothing to check).
    private static bool Apply(StatementSyntax statement, string sql, Dictionary<string, SchemaTable> tables)
    {
        switch (statement)
        {
            case CreateTableStatementSyntax create:
                if (!(create.IfNotExists && tables.ContainsKey(create.Name.Name)) && SchemaDdlReader.Read("ddl", sql).Tables.SingleOrDefault() is { } table)
                {
                    tables[table.Name] = table;
                }

                return true;
            case DropTableStatementSyntax drop:
                tables.Remove(drop.Name.Name);
                return true;
            case AlterTableStatementSyntax alter when tables.TryGetValue(alter.Name.Name, out var altered):
                foreach (var action in alter.Actions)
                {
                    altered = Alter(altered, action, tables);
                }

                tables[altered.Name] = altered;
                return true;
            case CreateIndexStatementSyntax or DropIndexStatementSyntax or AlterTableStatementSyntax or OtherStatementSyntax or TransactionStatementSyntax:
                return true;
            default:
                return false;
        }
    }

    private static SchemaTable Alter(SchemaTable table, AlterTableActionSyntax action, Dictionary<string, SchemaTable> tables)
    {
        var columns = table.Columns.Where(c => !c.IsHidden).ToList();
        switch (action)
        {
            case AddColumnSyntax add when PicoTypeNames.Parse(add.Column.Type.Name) is { } type && !columns.Any(c => c.Name == add.Column.Name.Name):
                columns.Add(new SchemaColumn(add.Column.Name.Name, type, add.Column.IsNullable ?? true));
                break;
            case DropColumnSyntax drop:
                columns.RemoveAll(c => c.Name == drop.Column.Name);
                break;
            case RenameColumnSyntax rename:
                columns = columns.Select(c => c.Name == rename.Column.Name ? c with { Name = rename.NewName.Name } : c).ToList();
                break;
            case RenameTableSyntax rename:
                tables.Remove(table.Name);
                return SchemaTable.Create(rename.NewName.Name, columns, table.PrimaryKey, table.IsGlobal, table.ShardingKey);
        }

        return SchemaTable.Create(table.Name, columns, table.PrimaryKey, table.IsGlobal, table.ShardingKey);
    }

    // Whether every table the file's statements name is one its own CREATE TABLEs make (system tables aside).
    private static bool CreatesEveryTableItUses(IEnumerable<StatementSyntax?> statements)
    {
        var nodes = statements.Where(s => s is not null).SelectMany(s => s!.DescendantNodes().Prepend(s!)).ToList();
        var created = nodes.OfType<CreateTableStatementSyntax>().Select(c => c.Name.Name)
            .Concat(nodes.OfType<AlterTableStatementSyntax>().SelectMany(a => a.Actions.OfType<RenameTableSyntax>().Select(r => r.NewName.Name)))
            .Concat(nodes.OfType<CteSyntax>().Select(c => c.Name.Name))
            .ToHashSet(StringComparer.Ordinal);
        var used = nodes.OfType<TableReferenceSyntax>().Select(t => t.Name.Name)
            .Concat(nodes.OfType<InsertStatementSyntax>().Select(i => i.Table.Name))
            .Concat(nodes.OfType<UpdateStatementSyntax>().Select(u => u.Table.Name))
            .Concat(nodes.OfType<DeleteStatementSyntax>().Select(d => d.Table.Name));
        return used.All(name => created.Contains(name) || name.StartsWith("_pico_", StringComparison.Ordinal));
    }
}
