// Nodes document only the parameters whose meaning their names and types do not already carry.
#pragma warning disable CS1573

using System.Collections.Generic;

namespace Picopyn.Generators.Sql.Syntax;

/// <summary>
/// <c>CREATE TABLE [IF NOT EXISTS] name (columns [, PRIMARY KEY (…)]) [USING engine] [WITH (…)]
/// [DISTRIBUTED GLOBALLY | BY (…) [IN TIER t]] …</c>: <c>CreateTable</c>.
/// </summary>
/// <param name="PrimaryKey">The key, from the <c>PRIMARY KEY (…)</c> clause or the one column marked inline.</param>
/// <param name="Distribution"><see langword="null"/> when not written (sharded by the primary key).</param>
internal sealed record CreateTableStatementSyntax(
    TextSpan Span, IdentifierSyntax Name, bool IfNotExists, IReadOnlyList<ColumnDefinitionSyntax> Columns,
    IReadOnlyList<IdentifierSyntax> PrimaryKey, string? Engine, DistributionSyntax? Distribution) : StatementSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Name, Columns, PrimaryKey, Distribution);
}

/// <summary><c>name type [[NOT] NULL] [PRIMARY KEY]</c>: <c>ColumnDef</c> (and <c>AlterTableColumnAddParam</c>).</summary>
/// <param name="IsNullable"><see langword="null"/> when neither NULL nor NOT NULL is written.</param>
internal sealed record ColumnDefinitionSyntax(
    TextSpan Span, IdentifierSyntax Name, TypeSyntax Type, bool? IsNullable, bool IsPrimaryKey) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Name, Type);
}

/// <summary><c>DISTRIBUTED GLOBALLY</c> or <c>DISTRIBUTED BY (columns) [IN TIER tier]</c>: <c>Distribution</c>.</summary>
internal sealed record DistributionSyntax(TextSpan Span, bool IsGlobal, IReadOnlyList<IdentifierSyntax> ShardingKey, IdentifierSyntax? Tier) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(ShardingKey, Tier);
}

/// <summary><c>DROP TABLE [IF EXISTS] name</c>: <c>DropTable</c>.</summary>
internal sealed record DropTableStatementSyntax(TextSpan Span, IdentifierSyntax Name, bool IfExists) : StatementSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Name);
}

/// <summary><c>TRUNCATE [TABLE] name</c>: <c>TruncateTable</c>.</summary>
internal sealed record TruncateStatementSyntax(TextSpan Span, IdentifierSyntax Table) : StatementSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Table);
}

/// <summary><c>ALTER TABLE name action[, action …]</c> or <c>ALTER TABLE name RENAME TO new</c>: <c>AlterTable</c>.</summary>
internal sealed record AlterTableStatementSyntax(TextSpan Span, IdentifierSyntax Name, IReadOnlyList<AlterTableActionSyntax> Actions) : StatementSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Name, Actions);
}

/// <summary>One action of an <c>ALTER TABLE</c>: <c>AlterTableAction</c>.</summary>
internal abstract record AlterTableActionSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary><c>RENAME TO new</c>: <c>AlterTableRename</c>.</summary>
internal sealed record RenameTableSyntax(TextSpan Span, IdentifierSyntax NewName) : AlterTableActionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(NewName);
}

/// <summary><c>ADD [COLUMN] [IF NOT EXISTS] column</c>: <c>AlterTableColumnAdd</c>.</summary>
internal sealed record AddColumnSyntax(TextSpan Span, bool IfNotExists, ColumnDefinitionSyntax Column) : AlterTableActionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Column);
}

/// <summary><c>DROP [COLUMN] [IF EXISTS] name</c>: <c>AlterTableColumnDrop</c>.</summary>
internal sealed record DropColumnSyntax(TextSpan Span, bool IfExists, IdentifierSyntax Column) : AlterTableActionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Column);
}

/// <summary><c>ALTER [COLUMN] name [SET DATA] TYPE t | SET NOT NULL | DROP NOT NULL</c>: <c>AlterTableColumnAlter</c>.</summary>
/// <param name="NewType">The new type, or <see langword="null"/> when nullability changes.</param>
/// <param name="NotNull">For SET/DROP NOT NULL: whether the column becomes NOT NULL.</param>
internal sealed record AlterColumnSyntax(TextSpan Span, IdentifierSyntax Column, TypeSyntax? NewType, bool? NotNull) : AlterTableActionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Column, NewType);
}

/// <summary><c>RENAME [COLUMN] old TO new</c>: <c>AlterTableColumnRename</c>.</summary>
internal sealed record RenameColumnSyntax(TextSpan Span, IdentifierSyntax Column, IdentifierSyntax NewName) : AlterTableActionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Column, NewName);
}

/// <summary><c>CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table [USING type] (parts) …</c>: <c>CreateIndex</c>.</summary>
internal sealed record CreateIndexStatementSyntax(
    TextSpan Span, IdentifierSyntax Name, bool IsUnique, bool IfNotExists, IdentifierSyntax Table, string? IndexType,
    IReadOnlyList<IdentifierSyntax> Parts) : StatementSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Name, Table, Parts);
}

/// <summary><c>DROP INDEX [IF EXISTS] name</c>: <c>DropIndex</c>.</summary>
internal sealed record DropIndexStatementSyntax(TextSpan Span, IdentifierSyntax Name, bool IfExists) : StatementSyntax(Span)
{
    public override IEnumerable<SyntaxNode> ChildNodes() => Nodes(Name);
}
