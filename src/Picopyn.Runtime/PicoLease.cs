using System.Runtime.CompilerServices;
using Npgsql;
using Picopyn.Topology;

namespace Picopyn;

/// <summary>
/// One connection held for several statements, from <see cref="PicoClient.AcquireAsync"/>. Its
/// statements run on one instance, in order; nothing is retried elsewhere, so a lost connection
/// fails its statement. Not thread-safe. Dispose it (<c>await using</c>) to give the connection back.
/// </summary>
/// <remarks>Picodata runs every statement in autocommit: a lease is not a transaction.</remarks>
public sealed class PicoLease : PicoExecutor, IAsyncDisposable
{
    private readonly StatementRunner _runner;
    private readonly InstanceNode _node;
    private readonly NpgsqlConnection _connection;
    private bool _broken;
    private bool _disposed;

    internal PicoLease(StatementRunner runner, InstanceNode node, NpgsqlConnection connection)
    {
        _runner = runner;
        _node = node;
        _connection = connection;
    }

    /// <summary>The instance this lease's connection goes to.</summary>
    public PicoInstanceInfo Instance => _node.Snapshot(openConnections: 0);

    /// <summary>Whether the connection broke (or a statement was cancelled): it is closed on dispose, and statements fail.</summary>
    public bool IsBroken => _broken;

    /// <summary>Gives the connection back to the client's pool (closing it if it broke).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _runner.ReleaseAsync(_node, _connection, _broken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    private protected override async Task<TResult> RunAsync<TState, TResult>(
        PicoStatement statement, TState state, Func<NpgsqlCommand, TState, CancellationToken, Task<TResult>> body, CancellationToken cancellationToken)
    {
        ThrowIfUnusable(statement.Sql);
        var telemetry = _runner.StartTelemetry(statement);
        telemetry.Sending(_node);
        try
        {
            using var command = new NpgsqlCommand(statement.Sql, _connection);
            return await body(command, state, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            telemetry.Failed(exception);
            throw Fail(exception, statement.Sql, cancellationToken);
        }
        finally
        {
            telemetry.Stop();
        }
    }

    /// <inheritdoc />
    private protected override async IAsyncEnumerable<TRow> StreamCoreAsync<TArgs, TRow>(
        PicoStatement statement, TArgs args, PicoParameterBinder<TArgs>? bind, PicoRowReader<TRow> readRow,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ThrowIfUnusable(statement.Sql);
        var telemetry = _runner.StartTelemetry(statement);
        telemetry.Sending(_node);
        try
        {
            using var command = new NpgsqlCommand(statement.Sql, _connection);
            NpgsqlDataReader reader;
            try
            {
                bind?.Invoke(command.Parameters, args);
                reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                telemetry.Failed(exception);
                throw Fail(exception, statement.Sql, cancellationToken);
            }

            await using (reader.ConfigureAwait(false))
            {
                while (true)
                {
                    bool hasRow;
                    TRow row;
                    try
                    {
                        hasRow = await StreamRows.NextAsync(reader, cancellationToken).ConfigureAwait(false);
                        row = hasRow ? StreamRows.Read(readRow, reader, _node.DisplayName) : default!;
                    }
                    catch (PicoMappingException mapping)
                    {
                        telemetry.Failed(mapping);
                        throw;
                    }
                    catch (Exception exception)
                    {
                        telemetry.Failed(exception);
                        throw Fail(exception, statement.Sql, cancellationToken);
                    }

                    if (!hasRow)
                    {
                        yield break;
                    }

                    yield return row;
                }
            }
        }
        finally
        {
            telemetry.Stop();
        }
    }

    // Records what the failure did to the connection; returns (or rethrows) the exception to throw.
    private Exception Fail(Exception exception, string sql, CancellationToken cancellationToken)
    {
        var kind = FailureClassifier.Classify(exception, _connection, cancellationToken);
        if (FailureClassifier.MustDiscard(kind, _connection))
        {
            _broken = true;
        }

        if (kind is FailureKind.ConnectionLost or FailureKind.Timeout)
        {
            _runner.ReportLostConnection(_node, exception);
        }

        return FailureClassifier.Rethrow(kind, exception, _node, sql, _runner.CommandTimeout);
    }

    private void ThrowIfUnusable(string sql)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_broken)
        {
            throw new PicoQueryException(
                "The lease's connection broke earlier; acquire a new lease.", _node.DisplayName, sql, mayHaveRun: false, connectionLost: true);
        }
    }
}
