using System.Collections.Generic;
using System.Linq;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Sql;

/// <summary>
/// A statement's OpenTelemetry <c>db.query.summary</c>, read from its tree at build time: the operation and the
/// tables it touches, in the order the text names them (<c>SELECT users</c>, <c>SELECT orders users</c>,
/// <c>INSERT audit SELECT users</c>, <c>CREATE TABLE items</c>). Low in cardinality by construction — no literal,
/// no parameter, no alias — and at most 255 characters, as the conventions ask. The generated call hands it to
/// the runtime as its span's name.
/// </summary>
internal static class SqlSummaryReader
{
    private const int MaxLength = 255;

    /// <summary>The summary; the statement's first word, upper case, when it is none of the forms above.</summary>
    public static string Read(SqlSyntaxTree tree)
    {
        if (tree.Statement is not { } statement)
        {
            return FirstWord(tree.Text);
        }

        var summary = Of(statement, tree);
        return summary.Length <= MaxLength ? summary : summary.Substring(0, MaxLength).TrimEnd();
    }

    private static string Of(StatementSyntax statement, SqlSyntaxTree tree) => statement switch
    {
        SelectStatementSyntax select => Join("SELECT", TablesOf(select)),
        ValuesStatementSyntax values => Join("VALUES", TablesOf(values)),
        InsertStatementSyntax insert => Join("INSERT", [insert.Table.Name]) + SourceOf(insert.Source),
        UpdateStatementSyntax update => Join("UPDATE", [update.Table.Name, .. update.From is null ? new List<string>() : TablesOf(update.From)]),
        DeleteStatementSyntax delete => Join("DELETE", [delete.Table.Name]),
        BlockStatementSyntax block => Join("DO", TablesOf(block)),
        ExplainStatementSyntax explain => "EXPLAIN " + Of(explain.Statement, tree),
        CallStatementSyntax call => Join("CALL", [call.Procedure.Name]),
        TruncateStatementSyntax truncate => Join("TRUNCATE", [truncate.Table.Name]),
        CreateTableStatementSyntax create => Join("CREATE TABLE", [create.Name.Name]),
        DropTableStatementSyntax drop => Join("DROP TABLE", [drop.Name.Name]),
        AlterTableStatementSyntax alter => Join("ALTER TABLE", [alter.Name.Name]),
        CreateIndexStatementSyntax index => Join("CREATE INDEX", [index.Name.Name]),
        DropIndexStatementSyntax index => Join("DROP INDEX", [index.Name.Name]),
        _ => FirstWord(tree.TextOf(statement.Span)),
    };

    // INSERT … SELECT names the tables it reads after its own: "INSERT audit SELECT users".
    private static string SourceOf(QueryStatementSyntax source)
    {
        var read = TablesOf(source);
        return source is SelectStatementSyntax && read.Count > 0 ? " " + Join("SELECT", read) : string.Empty;
    }

    // The tables a node names, each once, in text order (one walk): those it reads, and the targets of the INSERT,
    // UPDATE and DELETE statements inside a block. Common table expressions are names of the statement, not tables.
    private static List<string> TablesOf(SyntaxNode node)
    {
        List<SyntaxNode> nodes = node is TableSourceSyntax ? [node, .. node.DescendantNodes()] : [.. node.DescendantNodes()];
        var ctes = new HashSet<string>(nodes.OfType<CteSyntax>().Select(c => c.Name.Name));
        var tables = new List<string>();
        foreach (var name in nodes.Select(NameOf))
        {
            if (name is not null && !ctes.Contains(name) && !tables.Contains(name))
            {
                tables.Add(name);
            }
        }

        return tables;
    }

    private static string? NameOf(SyntaxNode node) => node switch
    {
        TableReferenceSyntax reference => reference.Name.Name,
        InsertStatementSyntax insert => insert.Table.Name,
        UpdateStatementSyntax update => update.Table.Name,
        DeleteStatementSyntax delete => delete.Table.Name,
        _ => null,
    };

    private static string Join(string operation, List<string> tables) =>
        tables.Count == 0 ? operation : operation + " " + string.Join(" ", tables);

    private static string FirstWord(string text)
    {
        var start = 0;
        while (start < text.Length && !char.IsLetter(text[start]))
        {
            start++;
        }

        var end = start;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }

        return end > start ? text.Substring(start, end - start).ToUpperInvariant() : "picodata";
    }
}
