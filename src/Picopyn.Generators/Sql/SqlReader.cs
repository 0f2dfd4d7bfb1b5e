using System;
using System.Collections.Generic;
using System.Linq;
using Picopyn.Generators.Model;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Sql;

/// <summary>
/// Reads one Picodata statement: parses it with Picodata's grammar (<see cref="SqlParser"/>) and walks the
/// tree for what it does, which placeholders it uses, what its result columns are called, and what in it
/// Picodata would refuse (see docs/picodata.md, "SQL dialect"). It never throws. Shared by the generator, the schema
/// checker and the command-line tool.
/// </summary>
internal static class SqlReader
{
    public static SqlAnalysis Read(string sql) => Read(SqlParser.Parse(sql));

    public static SqlAnalysis Read(SqlSyntaxTree tree)
    {
        if (tree.Statement is not { } statement)
        {
            return Result(SqlStatementKind.Unknown, 0, [], [], [tree.Error!]);
        }

        var faults = new List<SqlFault>();
        if (statement is EmptyStatementSyntax)
        {
            faults.Add(new SqlFault(SqlFaultKind.Syntax, 0, Math.Max(1, tree.Text.Length), "The SQL text holds no statement."));
            return Result(SqlStatementKind.Unknown, 0, [], [], faults);
        }

        if (statement is TransactionStatementSyntax transaction)
        {
            faults.Add(new SqlFault(SqlFaultKind.TransactionStatement, transaction.Span.Start, transaction.Span.Length,
                $"{transaction.Keyword.Text.ToUpperInvariant()} does nothing on Picodata: every statement runs on its own (autocommit)."));
        }

        SqlBlockRules.Check(statement, tree, faults);
        SqlGroupingRules.Check(statement, tree, faults);
        SqlWindowRules.Check(statement, faults);
        SqlLiteralRules.Check(statement, faults);
        SqlShapeRules.Check(statement, faults);
        SqlFunctionRules.Check(statement, faults);
        SqlTypeRules.Check(statement, faults);
        var (placeholders, parameterCount) = SqlPlaceholderReader.Read(statement, faults);
        var columns = SqlResultColumnReader.Read(statement);
        faults.AddRange(DuplicateColumns(columns));
        var block = statement as BlockStatementSyntax;
        var analysis = Result(KindOf(statement), parameterCount, placeholders, columns, faults) with { Summary = SqlSummaryReader.Read(tree) };
        return block is null ? analysis : analysis with
        {
            BlockWrites = block.DescendantNodes().Any(n => n is InsertStatementSyntax or UpdateStatementSyntax or DeleteStatementSyntax),
            BlockReturnsRows = block.DescendantNodes().Any(n => n is ReturnQueryItemSyntax),
        };
    }

    private static SqlStatementKind KindOf(StatementSyntax statement) => statement switch
    {
        SelectStatementSyntax => SqlStatementKind.Select,
        ValuesStatementSyntax => SqlStatementKind.Values,
        InsertStatementSyntax => SqlStatementKind.Insert,
        UpdateStatementSyntax => SqlStatementKind.Update,
        DeleteStatementSyntax => SqlStatementKind.Delete,
        TruncateStatementSyntax => SqlStatementKind.Truncate,
        BlockStatementSyntax => SqlStatementKind.Block,
        ExplainStatementSyntax => SqlStatementKind.Explain,
        CallStatementSyntax => SqlStatementKind.Call,
        TransactionStatementSyntax => SqlStatementKind.Transaction,
        CreateTableStatementSyntax or DropTableStatementSyntax or AlterTableStatementSyntax
            or CreateIndexStatementSyntax or DropIndexStatementSyntax => SqlStatementKind.Ddl,
        OtherStatementSyntax { Rule: "CreatePartition" or "CreateSchema" or "DropSchema" or "CreateProc" or "DropProc" or "RenameProc" or "RenameIndex" }
            => SqlStatementKind.Ddl,
        _ => SqlStatementKind.Other,
    };

    private static SqlAnalysis Result(
        SqlStatementKind kind, int parameterCount, List<SqlPlaceholder> placeholders, List<SqlResultColumn> columns, List<SqlFault> faults) =>
        new(kind, parameterCount,
            new EquatableArray<SqlPlaceholder>(placeholders.ToArray()),
            new EquatableArray<SqlResultColumn>(columns.ToArray()),
            new EquatableArray<SqlFault>(faults.OrderBy(f => f.Start).ToArray()));

    /// <summary>
    /// A fault for each result column whose name an earlier one already has. Also run on the columns a
    /// schema expanded <c>*</c> into, where two tables of a join can both bring one.
    /// </summary>
    internal static IEnumerable<SqlFault> DuplicateColumns(IReadOnlyList<SqlResultColumn> columns)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in columns.Where(c => !c.IsStar))
        {
            if (!seen.Add(column.Name))
            {
                // Columns sharing one span came from the same expanded *.
                yield return new SqlFault(SqlFaultKind.DuplicateColumn, column.Start, column.Length,
                    columns.Count(c => c.Start == column.Start) > 1
                        ? $"The result already has a column '{column.Name}' (* returns one from more than one table)"
                        : $"The result already has a column '{column.Name}'; give this one another name with AS.");
            }
        }
    }
}
