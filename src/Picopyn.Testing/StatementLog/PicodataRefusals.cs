using Picopyn.Generators.Sql;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Testing;

/// <summary>
/// Recognises SQL that PostgreSQL accepts but Picodata refuses or silently ignores, so tests
/// against the emulation can assert that a client never sends it. Each statement is parsed with
/// Picodata's own grammar (the generator's parser, shared as source).
/// </summary>
/// <remarks>
/// Flagged: whatever does not parse as Picodata SQL (comments, several statements, <c>DISCARD</c>,
/// <c>RESET</c>, <c>SHOW</c>, <c>COPY</c>, <c>LISTEN</c>, table functions, <c>OFFSET</c>, <c>RETURNING</c>, …,
/// with the parser's message); transaction control (<c>BEGIN</c>, <c>COMMIT</c>, …, no-ops on Picodata);
/// <c>SET</c>, accepted and ignored; anything naming a PostgreSQL catalog or system function
/// (<c>pg_*</c>, <c>information_schema</c>). Behind the Picodata front the log holds what the front ran in
/// place of such a statement; that is flagged with the front's reason.
/// </remarks>
public static class PicodataRefusals
{
    /// <summary>Every entry Picodata would refuse, with the reason, in log order.</summary>
    public static IReadOnlyList<RefusedStatement> Find(IEnumerable<StatementLogEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var refused = new List<RefusedStatement>();
        foreach (var entry in entries)
        {
            if (Check(entry.Text) is { } reason)
            {
                refused.Add(new RefusedStatement(entry, reason));
            }
        }

        return refused;
    }

    /// <summary>Why Picodata would refuse <paramref name="sql"/>, or <see langword="null"/> when it would not.</summary>
    public static string? Check(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        sql = Front.Routing.Forwarding.Unforwarded(sql);
        if (FrontRefusal(sql) is { } refused)
        {
            return refused;
        }

        // The front answers with a statement's tag both what Picodata ignores and DDL it ran on every instance
        // (FrontSession.RunDeferredAsync): only the first is a no-op.
        if (CompletionTag(sql) is { } tag)
        {
            return tag is "BEGIN" or "COMMIT" or "ROLLBACK" or "SET" ? $"a no-op on Picodata, which the front answered with {tag}" : null;
        }

        if (Front.Blocks.BlockFunction.IsCall(sql))
        {
            return null; // a transactional block, run by the front as its function
        }

        var tree = SqlParser.Parse(sql);
        return Error(tree, "Picodata cannot parse it: ") ?? tree.Statement switch
        {
            TransactionStatementSyntax => "transaction control is a no-op on Picodata",
            OtherStatementSyntax { Rule: "SetParam" or "SetTransaction" } => "SET is accepted and ignored by Picodata",
            _ => null,
        };
    }

    /// <summary>
    /// Why Picodata would refuse <paramref name="sql"/> with an error (it does not parse, or names a PostgreSQL
    /// catalog), or <see langword="null"/>; unlike <see cref="Check"/>, what Picodata accepts and ignores
    /// (BEGIN, SET) is not a refusal here.
    /// </summary>
    internal static string? ErrorOf(string sql) => ErrorOf(SqlParser.Parse(sql));

    /// <inheritdoc cref="ErrorOf(string)"/>
    internal static string? ErrorOf(SqlSyntaxTree tree) => Error(tree, string.Empty);

    private static string? Error(SqlSyntaxTree tree, string parsePrefix) =>
        CatalogName(tree) is { } catalog ? $"Picodata has no PostgreSQL catalogs or system functions ({catalog})"
        : tree.Statement is null ? parsePrefix + tree.Error!.Message
        : null;

    // What the Picodata front ran in place of a refused statement (Front.StatementGate): the log holds that, not the client's text.
    private static string? FrontRefusal(string sql)
    {
        const string refusal = "SELECT " + Front.StatementGate.RefuseFunction + "('";
        if (!sql.StartsWith(refusal, StringComparison.Ordinal))
        {
            return null;
        }

        var end = sql.LastIndexOf("', '", StringComparison.Ordinal);
        var reason = sql[refusal.Length..(end < refusal.Length ? sql.Length : end)].Replace("''", "'", StringComparison.Ordinal);
        return "the Picodata front refused it: " + reason;
    }

    private static string? CompletionTag(string sql)
    {
        const string completion = "CALL " + Front.StatementGate.CompleteProcedure + "('";
        return sql.StartsWith(completion, StringComparison.Ordinal) ? sql[completion.Length..].TrimEnd(')', '\'') : null;
    }

    // An unquoted pg_* or information_schema name: from the tree, or — where the text does not parse — its words.
    private static string? CatalogName(SqlSyntaxTree tree)
    {
        var names = tree.Statement is { } statement
            ? statement.DescendantNodes().OfType<IdentifierSyntax>().Where(n => !n.IsQuoted).Select(n => n.Name)
            : SqlTokenizer.Tokenize(tree.Text).Where(t => t.Kind == SqlTokenKind.Word).Select(t => t.Name);
        return names.FirstOrDefault(name => name.StartsWith("pg_", StringComparison.Ordinal) || name == "information_schema");
    }
}
