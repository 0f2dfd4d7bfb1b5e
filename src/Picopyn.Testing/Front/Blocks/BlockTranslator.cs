using System.Data;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Picopyn.Generators.Sql;
using Picopyn.Generators.Sql.Syntax;
using Picopyn.Testing.Emulation;

namespace Picopyn.Testing.Front.Blocks;

/// <summary>
/// Runs a Picodata transactional block — <c>DO $$ BEGIN … END $$</c>, reference in Picodata's
/// <c>docs/reference/sql/transactions.md</c> — as a PL/pgSQL function on the instance, which has the
/// same semantics: statements run in order in one transaction (all or nothing), each sees the ones
/// before it, <c>LET x = (query)</c> binds a variable for what follows (inside an <c>IF</c> body, for that
/// body only), <c>IF … THEN … END IF</c> runs its body when the condition holds, and every
/// <c>RETURN QUERY</c> adds its rows to the result without ending the block.
/// </summary>
/// <remarks>
/// PL/pgSQL wants types Picodata infers: the variables', the parameters' (where the client declared none)
/// and the result's. They are learnt by having the instance describe each statement in order, earlier
/// variables standing in as typed NULLs; the first <c>RETURN QUERY</c> gives the result (Picodata
/// requires every one to match it), named as Picodata names columns. A block's function is made once
/// per instance and text.
/// </remarks>
internal sealed class BlockTranslator
{
    private readonly SqlSyntaxTree _tree;
    private readonly NpgsqlConnection _connection;
    private readonly string?[] _parameterTypes;
    private readonly List<Dictionary<string, string>> _scopes = [new(StringComparer.Ordinal)];
    private readonly Dictionary<LetItemSyntax, string> _letTypes = [];
    private List<(string Name, string Type)>? _result;

    private BlockTranslator(SqlSyntaxTree tree, NpgsqlConnection connection, int parameters)
    {
        _tree = tree;
        _connection = connection;
        _parameterTypes = new string?[parameters];
    }

    /// <summary>
    /// Creates the function for <paramref name="block"/> on the instance behind <paramref name="connection"/> (a
    /// superuser's) and returns how to call it. <paramref name="declaredTypes"/> are the type OIDs the client's
    /// Parse declared (0: none).
    /// </summary>
    /// <exception cref="PostgresException">The instance cannot run a statement of the block.</exception>
    public static async Task<BlockFunction> CreateAsync(
        SqlSyntaxTree tree, BlockStatementSyntax block, IReadOnlyList<int> declaredTypes, NpgsqlConnection connection,
        string applicationUser, CancellationToken cancellationToken)
    {
        var parameters = block.DescendantNodes().OfType<ParameterSyntax>().Select(p => p.Number).DefaultIfEmpty(0).Max();
        var translator = new BlockTranslator(tree, connection, Math.Max(parameters, declaredTypes.Count));
        for (var i = 0; i < declaredTypes.Count; i++)
        {
            if (declaredTypes[i] != 0)
            {
                translator._parameterTypes[i] = await translator.TypeNameAsync(declaredTypes[i], cancellationToken).ConfigureAwait(false);
            }
        }

        await translator.DescribeAsync(block.Items, cancellationToken).ConfigureAwait(false);
        return await translator.CreateFunctionAsync(block, declaredTypes, applicationUser, cancellationToken).ConfigureAwait(false);
    }

    // Learns, in order, each variable's type, the parameters' types and the result's columns.
    private async Task DescribeAsync(IReadOnlyList<BlockItemSyntax> items, CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            switch (item)
            {
                case LetItemSyntax let:
                    var value = await DescribeStatementAsync(let.Value, "SELECT ", string.Empty, rows: true, cancellationToken).ConfigureAwait(false);
                    _scopes[^1][let.Name.Name] = _letTypes[let] = value![0].Type;
                    break;
                case ReturnQueryItemSyntax returned:
                    var columns = await DescribeStatementAsync(returned.Query, string.Empty, string.Empty, rows: true, cancellationToken).ConfigureAwait(false);
                    _result ??= Named(returned.Query, columns!);
                    break;
                case QueryItemSyntax query:
                    await DescribeStatementAsync(query.Query, string.Empty, string.Empty, rows: false, cancellationToken).ConfigureAwait(false);
                    break;
                case IfItemSyntax condition:
                    await DescribeStatementAsync(condition.Condition, "SELECT (", ")", rows: false, cancellationToken).ConfigureAwait(false);
                    _scopes.Add(new Dictionary<string, string>(StringComparer.Ordinal));
                    await DescribeAsync(condition.Body, cancellationToken).ConfigureAwait(false);
                    _scopes.RemoveAt(_scopes.Count - 1);
                    break;
            }
        }
    }

    // Has the instance describe one statement of the block: variables and typed parameters stand in as typed
    // NULLs, the untyped parameters are renumbered from $1 and typed by the instance's inference.
    private async Task<List<(string Name, string Type)>?> DescribeStatementAsync(
        SyntaxNode node, string prefix, string suffix, bool rows, CancellationToken cancellationToken)
    {
        var edits = new SpanEdits(_tree.Text);
        foreach (var reference in node.DescendantNodes().OfType<ColumnReferenceSyntax>())
        {
            if (reference.Qualifier is null && VariableType(reference.Name.Name) is { } type)
            {
                edits.Replace(reference.Span, $"CAST(NULL AS {type})");
            }
        }

        var untyped = new List<int>();
        foreach (var parameter in node.DescendantNodes().OfType<ParameterSyntax>())
        {
            if (_parameterTypes[parameter.Number - 1] is { } type)
            {
                edits.Replace(parameter.Span, $"CAST(NULL AS {type})");
                continue;
            }

            if (!untyped.Contains(parameter.Number))
            {
                untyped.Add(parameter.Number);
            }

            edits.Replace(parameter.Span, "$" + (untyped.IndexOf(parameter.Number) + 1).ToString(CultureInfo.InvariantCulture));
        }

        using var command = new NpgsqlCommand(prefix + edits.Apply(node.Span) + suffix, _connection);
        if (untyped.Count > 0)
        {
            NpgsqlCommandBuilder.DeriveParameters(command);
            for (var i = 0; i < untyped.Count; i++)
            {
                _parameterTypes[untyped[i] - 1] ??= command.Parameters[i].DataTypeName;
                command.Parameters[i].Value = DBNull.Value;
            }
        }

        if (!rows)
        {
            return null;
        }

        var reader = await command.ExecuteReaderAsync(CommandBehavior.SchemaOnly, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return Enumerable.Range(0, reader.FieldCount).Select(i => (reader.GetName(i), reader.GetDataTypeName(i))).ToList();
        }
    }

    private string? VariableType(string name)
    {
        for (var i = _scopes.Count - 1; i >= 0; i--)
        {
            if (_scopes[i].TryGetValue(name, out var type))
            {
                return type;
            }
        }

        return null;
    }

    // Picodata's names for the result columns (col_1 for an unnamed one), with the instance's types.
    private static List<(string Name, string Type)> Named(QueryStatementSyntax query, List<(string Name, string Type)> described)
    {
        var names = SqlResultColumnReader.Read(query);
        return names.Count == described.Count && names.TrueForAll(c => !c.IsStar)
            ? names.Select((c, i) => (c.Name, described[i].Type)).ToList()
            : described;
    }

    private async Task<BlockFunction> CreateFunctionAsync(
        BlockStatementSyntax block, IReadOnlyList<int> declaredTypes, string applicationUser, CancellationToken cancellationToken)
    {
        var key = _tree.Text + "\n" + string.Join(",", declaredTypes);
        var name = $"{BlockFunction.NamePrefix}{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16].ToLowerInvariant()}";
        var signature = string.Join(", ", _parameterTypes.Select(t => t ?? "text"));
        var rowType = name + "_row";
        var body = new StringBuilder();
        body.Append("BEGIN\n    RAISE NOTICE '%', ").Append(SqlText.Literal(StatementGate.CompletionNotice + "DO *")).Append(";\n");
        Statements(block.Items, body, "    ");
        body.Append("    RETURN;\nEND");

        var statements = new List<string>
        {
            $"DROP FUNCTION IF EXISTS {name}({signature})",
            $"DROP TYPE IF EXISTS {rowType}",
        };
        if (_result is not null)
        {
            statements.Add($"CREATE TYPE {rowType} AS ({string.Join(", ", _result.Select(c => $"{SqlText.Identifier(c.Name)} {c.Type}"))})");
        }

        statements.Add($"""
            CREATE FUNCTION {name}({signature}) RETURNS SETOF {(_result is null ? "void" : rowType)} LANGUAGE plpgsql AS $pico_block$
            {Declarations(block.Items)}{body}
            $pico_block$
            """);
        statements.Add($"GRANT EXECUTE ON FUNCTION {name}({signature}) TO {SqlText.Identifier(applicationUser)}");
        var transaction = await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            foreach (var statement in statements)
            {
                using var command = new NpgsqlCommand(statement, _connection, transaction);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        var arguments = string.Join(", ", Enumerable.Range(1, _parameterTypes.Length).Select(i => "$" + i.ToString(CultureInfo.InvariantCulture)));
        return new BlockFunction($"SELECT {(_result is null ? string.Empty : "* ")}FROM {name}({arguments})");
    }

    // The block's statements as PL/pgSQL: the same text, LET as an assignment, an IF body as a nested block for its variables.
    private void Statements(IReadOnlyList<BlockItemSyntax> items, StringBuilder body, string indent)
    {
        foreach (var item in items)
        {
            switch (item)
            {
                case LetItemSyntax let:
                    body.Append(indent).Append(SqlText.Identifier(let.Name.Name)).Append(" := ").Append(_tree.TextOf(let.Value.Span)).Append(";\n");
                    break;
                case ReturnQueryItemSyntax returned:
                    body.Append(indent).Append("RETURN QUERY ").Append(_tree.TextOf(returned.Query.Span)).Append(";\n");
                    break;
                case QueryItemSyntax query:
                    body.Append(indent).Append(_tree.TextOf(query.Query.Span)).Append(";\n");
                    break;
                case IfItemSyntax condition:
                    body.Append(indent).Append("IF ").Append(_tree.TextOf(condition.Condition.Span)).Append(" THEN\n");
                    body.Append(indent).Append("    ").Append(Declarations(condition.Body)).Append("BEGIN\n");
                    Statements(condition.Body, body, indent + "        ");
                    body.Append(indent).Append("    END;\n").Append(indent).Append("END IF;\n");
                    break;
            }
        }
    }

    // The variables one scope's LETs declare, with the types described for them (in that scope's order).
    private string Declarations(IReadOnlyList<BlockItemSyntax> items)
    {
        var lets = items.OfType<LetItemSyntax>().DistinctBy(l => l.Name.Name, StringComparer.Ordinal).ToList();
        return lets.Count == 0
            ? string.Empty
            : "DECLARE " + string.Concat(lets.Select(l => $"{SqlText.Identifier(l.Name.Name)} {_letTypes[l]}; "));
    }

    private async Task<string> TypeNameAsync(int oid, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand("SELECT format_type($1, NULL)", _connection);
        command.Parameters.Add(new NpgsqlParameter<uint> { TypedValue = (uint)oid, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Oid });
        return (string)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
