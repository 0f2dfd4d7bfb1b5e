using System.Runtime.CompilerServices;
using Npgsql;

namespace Picopyn;

/// <summary>
/// Runs statements: the surface shared by <see cref="PicoClient"/> (which picks an instance per
/// statement and fails over) and <see cref="PicoLease"/> (one connection for several statements).
/// </summary>
/// <remarks>
/// The three abstract methods are the low-level surface generated code uses: typed parameters
/// bound by a callback, results read by a callback, and the statement's kind, which decides
/// whether it may run again elsewhere after a lost connection. Arguments pass through as a
/// generic <c>TArgs</c> (a value tuple), so nothing is boxed. The other methods are the loosely
/// typed API for hand-written code: parameters as <see cref="object"/>s, rows as <see cref="PicoRow"/>s.
/// </remarks>
public abstract class PicoExecutor
{
    private protected PicoExecutor()
    {
    }

    /// <summary>Runs a statement that returns no rows and returns the number of rows it affected.</summary>
    public Task<int> ExecuteAsync<TArgs>(
        PicoStatement statement, TArgs args, PicoParameterBinder<TArgs>? bind, CancellationToken cancellationToken = default) =>
        RunAsync(statement, (args, bind), static (command, state, ct) =>
        {
            state.bind?.Invoke(command.Parameters, state.args);
            return command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);

    /// <summary>Runs a statement and lets <paramref name="read"/> consume its result.</summary>
    public Task<TResult> QueryAsync<TArgs, TResult>(
        PicoStatement statement, TArgs args, PicoParameterBinder<TArgs>? bind, PicoResultReader<TArgs, TResult> read,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        return RunAsync(statement, (args, bind, read), static async (command, state, ct) =>
        {
            state.bind?.Invoke(command.Parameters, state.args);
            var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await state.read(reader, state.args, ct).ConfigureAwait(false);
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="body"/> with a command for <paramref name="statement"/> on a connection
    /// this executor chooses, deciding by what fails whether to try again elsewhere.
    /// </summary>
    private protected abstract Task<TResult> RunAsync<TState, TResult>(
        PicoStatement statement, TState state, Func<NpgsqlCommand, TState, CancellationToken, Task<TResult>> body,
        CancellationToken cancellationToken);

    /// <summary>
    /// Streams a statement's rows through <paramref name="readRow"/>. The connection is held until
    /// the enumeration ends or is disposed (<c>await foreach</c> does both).
    /// </summary>
    public IAsyncEnumerable<TRow> StreamAsync<TArgs, TRow>(
        PicoStatement statement, TArgs args, PicoParameterBinder<TArgs>? bind, PicoRowReader<TRow> readRow,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(readRow);
        return StreamCoreAsync(statement, args, bind, readRow, cancellationToken);
    }

    /// <summary>Streams the rows on a connection this executor chooses; <paramref name="readRow"/> is not null.</summary>
    private protected abstract IAsyncEnumerable<TRow> StreamCoreAsync<TArgs, TRow>(
        PicoStatement statement, TArgs args, PicoParameterBinder<TArgs>? bind, PicoRowReader<TRow> readRow,
        CancellationToken cancellationToken);

    /// <summary>
    /// Runs an INSERT, UPDATE, DELETE or DDL statement and returns the rows affected. It is never
    /// retried after it was sent, unless <paramref name="idempotent"/> says running it twice is harmless.
    /// </summary>
    /// <param name="sql">The statement, with <c>$1..$n</c> placeholders.</param>
    /// <param name="parameters">The values of <c>$1..$n</c>, in order.</param>
    /// <param name="idempotent">Whether the statement may run again on another instance after a lost connection.</param>
    /// <param name="cancellationToken">Cancels the call; a statement already sent may still have run.</param>
    public Task<int> ExecuteAsync(
        string sql, IReadOnlyList<object?>? parameters = null, bool idempotent = false, CancellationToken cancellationToken = default) =>
        ExecuteAsync(Loose(sql, idempotent, null), (parameters, sql), BindLoose, cancellationToken);

    /// <summary>
    /// Runs an INSERT, UPDATE or DELETE whose rows are all in the bucket of <paramref name="key"/> on the replicaset
    /// that owns it (docs/routing.md), and returns the rows affected; never retried after it was sent unless
    /// <paramref name="idempotent"/>.
    /// </summary>
    /// <param name="sql">The statement, with <c>$1..$n</c> placeholders.</param>
    /// <param name="parameters">The values of <c>$1..$n</c>, in order.</param>
    /// <param name="key">The sharding key of the rows it writes (<see cref="PicoKey.Of"/>).</param>
    /// <param name="idempotent">Whether the statement may run again on another instance after a lost connection.</param>
    /// <param name="cancellationToken">Cancels the call; a statement already sent may still have run.</param>
    public Task<int> ExecuteAsync(
        string sql, IReadOnlyList<object?>? parameters, PicoKey key, bool idempotent = false, CancellationToken cancellationToken = default) =>
        ExecuteAsync(Loose(sql, idempotent, key), (parameters, sql), BindLoose, cancellationToken);

    /// <summary>Runs a query and returns all its rows.</summary>
    public Task<IReadOnlyList<PicoRow>> FetchAsync(
        string sql, IReadOnlyList<object?>? parameters = null, CancellationToken cancellationToken = default) =>
        FetchAllAsync(PicoStatement.Infer(sql), parameters, cancellationToken);

    /// <summary>Runs a query whose rows are all in the bucket of <paramref name="key"/> on the replicaset that owns it, and returns all its rows.</summary>
    public Task<IReadOnlyList<PicoRow>> FetchAsync(
        string sql, IReadOnlyList<object?>? parameters, PicoKey key, CancellationToken cancellationToken = default) =>
        FetchAllAsync(PicoStatement.Infer(sql) with { Key = key }, parameters, cancellationToken);

    /// <summary>Runs a query and returns its first row, or <see langword="null"/> when it returns none.</summary>
    public Task<PicoRow?> FetchRowAsync(
        string sql, IReadOnlyList<object?>? parameters = null, CancellationToken cancellationToken = default) =>
        FetchFirstAsync(PicoStatement.Infer(sql), parameters, cancellationToken);

    /// <summary>Runs a query by <paramref name="key"/>'s bucket on the replicaset that owns it; its first row, or <see langword="null"/>.</summary>
    public Task<PicoRow?> FetchRowAsync(
        string sql, IReadOnlyList<object?>? parameters, PicoKey key, CancellationToken cancellationToken = default) =>
        FetchFirstAsync(PicoStatement.Infer(sql) with { Key = key }, parameters, cancellationToken);

    /// <summary>
    /// Runs a query and returns the first column of its first row as <typeparamref name="T"/>;
    /// <see langword="default"/> when there is no row or the value is NULL.
    /// </summary>
    public Task<T?> FetchValueAsync<T>(
        string sql, IReadOnlyList<object?>? parameters = null, CancellationToken cancellationToken = default) =>
        FetchScalarAsync<T>(PicoStatement.Infer(sql), parameters, cancellationToken);

    /// <summary>Runs a query by <paramref name="key"/>'s bucket on the replicaset that owns it; the first column of its first row.</summary>
    public Task<T?> FetchValueAsync<T>(
        string sql, IReadOnlyList<object?>? parameters, PicoKey key, CancellationToken cancellationToken = default) =>
        FetchScalarAsync<T>(PicoStatement.Infer(sql) with { Key = key }, parameters, cancellationToken);

    /// <summary>Streams a query's rows; the connection is held until the enumeration ends or is disposed.</summary>
    public IAsyncEnumerable<PicoRow> StreamAsync(
        string sql, IReadOnlyList<object?>? parameters = null, CancellationToken cancellationToken = default) =>
        StreamRowsAsync(PicoStatement.Infer(sql), parameters, cancellationToken);

    /// <summary>Streams the rows of a query by <paramref name="key"/>'s bucket from the replicaset that owns it.</summary>
    public IAsyncEnumerable<PicoRow> StreamAsync(
        string sql, IReadOnlyList<object?>? parameters, PicoKey key, CancellationToken cancellationToken = default) =>
        StreamRowsAsync(PicoStatement.Infer(sql) with { Key = key }, parameters, cancellationToken);

    private static PicoStatement Loose(string sql, bool idempotent, PicoKey? key)
    {
        var kind = StatementClassifier.Classify(sql) == PicoStatementKind.Read ? PicoStatementKind.Read
            : idempotent ? PicoStatementKind.IdempotentWrite : PicoStatementKind.Write;
        return new PicoStatement(sql, kind) { Key = key };
    }

    private Task<IReadOnlyList<PicoRow>> FetchAllAsync(PicoStatement statement, IReadOnlyList<object?>? parameters, CancellationToken cancellationToken) =>
        QueryAsync(statement, (parameters, statement.Sql), BindLoose, static async (reader, _, ct) =>
        {
            var columns = new PicoRow.ColumnNames(reader);
            var rows = new List<PicoRow>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                rows.Add(PicoRow.Read(reader, columns));
            }

            return (IReadOnlyList<PicoRow>)rows;
        }, cancellationToken);

    private Task<PicoRow?> FetchFirstAsync(PicoStatement statement, IReadOnlyList<object?>? parameters, CancellationToken cancellationToken) =>
        QueryAsync(statement, (parameters, statement.Sql), BindLoose, static async (reader, _, ct) =>
            await reader.ReadAsync(ct).ConfigureAwait(false) ? PicoRow.Read(reader, new PicoRow.ColumnNames(reader)) : null,
            cancellationToken);

    private Task<T?> FetchScalarAsync<T>(PicoStatement statement, IReadOnlyList<object?>? parameters, CancellationToken cancellationToken) =>
        QueryAsync(statement, (parameters, statement.Sql), BindLoose, static async (reader, _, ct) =>
        {
            if (!await reader.ReadAsync(ct).ConfigureAwait(false) || reader.FieldCount == 0 || reader.IsDBNull(0))
            {
                return default;
            }

            return PicoRow.Convert<T?>(reader.GetValue(0), reader.GetName(0));
        }, cancellationToken);

    private async IAsyncEnumerable<PicoRow> StreamRowsAsync(
        PicoStatement statement, IReadOnlyList<object?>? parameters, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        PicoRow.ColumnNames? columns = null;
        var rows = StreamAsync(statement, (parameters, statement.Sql), BindLoose, reader =>
        {
            columns ??= new PicoRow.ColumnNames(reader);
            return PicoRow.Read(reader, columns);
        }, cancellationToken);
        await foreach (var row in rows.ConfigureAwait(false))
        {
            yield return row;
        }
    }

    private static void BindLoose(NpgsqlParameterCollection target, (IReadOnlyList<object?>? Values, string Sql) args) =>
        ParameterGuard.Bind(target, args.Values, args.Sql);
}
