using System.Data;
using Npgsql;
using NpgsqlTypes;

namespace Picopyn.Cli.Verify;

/// <summary>
/// Has the server describe one statement — extended-protocol Parse and Describe, nothing executed —
/// and compares what it reports with what the generated code binds and reads: the live counterpart
/// of the generator's schema checks. Each step opens its own pooled connection: Picodata answers a
/// statement it refuses with XX000, after which Npgsql breaks the connection.
/// </summary>
internal sealed class StatementVerifier(NpgsqlDataSource dataSource)
{
    public async Task<List<string>> VerifyAsync(QueryManifest query, CancellationToken cancellationToken)
    {
        var problems = new List<string>();

        // What the server infers for each placeholder when the client names no type.
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var derive = new NpgsqlCommand(NamedPlaceholders.Rewrite(query.Sql), connection);
            NpgsqlCommandBuilder.DeriveParameters(derive);
            foreach (NpgsqlParameter parameter in derive.Parameters)
            {
                var number = NamedPlaceholders.Number(parameter.ParameterName);
                var server = ServerName(parameter.NpgsqlDbType);
                if (number < 1 || number > query.Parameters.Count)
                {
                    problems.Add($"the server finds ${number} in the statement, but the code binds {query.Parameters.Count} parameter(s)");
                }
                else if (server is not null && !WireTypes.Fits(server, query.Parameters[number - 1]))
                {
                    problems.Add($"${number} is {server} on the server, but the code binds {WireTypes.Normalize(query.Parameters[number - 1])}; make the parameter {WireTypes.Suggest(server)}");
                }
            }
        }
        catch (PostgresException exception)
        {
            problems.Add("the server refuses the statement: " + exception.MessageText);
            return problems;
        }

        // What it returns, with the parameters typed as the code binds them.
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var describe = new NpgsqlCommand(query.Sql, connection);
            foreach (var type in query.Parameters)
            {
                describe.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = WireTypes.Binding(type), Value = DBNull.Value });
            }

            await using var reader = await describe.ExecuteReaderAsync(CommandBehavior.SchemaOnly, cancellationToken).ConfigureAwait(false);
            if (query.Columns.Count == 0)
            {
                return problems;
            }

            if (reader.FieldCount != query.Columns.Count)
            {
                problems.Add($"the server returns {reader.FieldCount} column(s), the code reads {query.Columns.Count}");
            }

            for (var i = 0; i < Math.Min(reader.FieldCount, query.Columns.Count); i++)
            {
                var server = reader.GetDataTypeName(i);
                var (name, type, _) = query.Columns[i];
                if (!WireTypes.Fits(server, type))
                {
                    problems.Add($"column '{name}' is {server} on the server, but the code reads it as {WireTypes.Normalize(type)}; make the member {WireTypes.Suggest(server)}");
                }
            }
        }
        catch (PostgresException exception)
        {
            problems.Add("the server refuses the statement with the code's parameter types: " + exception.MessageText);
        }

        return problems;
    }

    private static string? ServerName(NpgsqlDbType type) => type switch
    {
        NpgsqlDbType.Bigint => "bigint",
        NpgsqlDbType.Integer => "integer",
        NpgsqlDbType.Smallint => "smallint",
        NpgsqlDbType.Double => "double precision",
        NpgsqlDbType.Numeric => "numeric",
        NpgsqlDbType.Text => "text",
        NpgsqlDbType.Varchar => "character varying",
        NpgsqlDbType.Boolean => "boolean",
        NpgsqlDbType.Uuid => "uuid",
        NpgsqlDbType.TimestampTz => "timestamp with time zone",
        NpgsqlDbType.Json => "json",
        _ => null,
    };
}
