using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Npgsql;
using Picopyn.Diagnostics;
using Picopyn.Pool;
using Picopyn.Routing;
using Picopyn.Topology;

namespace Picopyn;

/// <summary>
/// Runs callers' statements on the pool: a lease, a connection on the instance the balancer picks,
/// and — when the connection is lost — the decision whether the statement may run again elsewhere.
/// </summary>
/// <remarks>
/// Connecting to an instance that refuses is always retried on another (nothing was sent). A
/// statement whose connection was lost after it was sent runs again only when it is a read or
/// marked idempotent; a stream only before its first row. Nothing on the success path allocates
/// beyond what Npgsql does: rentals are structs and the calls complete synchronously when a
/// connection is idle.
/// </remarks>
internal sealed class StatementRunner
{
    private readonly ConnectionPool _pool;
    private readonly ClusterTopology _topology;
    private readonly Balancer _balancer;
    private readonly PicoMetrics _metrics;
    private readonly StatementRouter? _router;
    private readonly ILogger _logger;
    private readonly CancellationToken _closing;
    private readonly string? _database;
    private int _callerLeases;

    public StatementRunner(
        ConnectionPool pool, ClusterTopology topology, Balancer balancer, PicoMetrics metrics, StatementRouter? router, ILogger logger,
        TimeSpan commandTimeout, string? database, CancellationToken closing)
    {
        _database = database;
        _router = router;
        _pool = pool;
        _topology = topology;
        _balancer = balancer;
        _metrics = metrics;
        _logger = logger;
        CommandTimeout = commandTimeout;
        _closing = closing;
    }

    public TimeSpan CommandTimeout { get; }

    /// <summary>Leases held by callers right now (statements running, leases held); the client's own are not counted.</summary>
    public int CallerLeases => Volatile.Read(ref _callerLeases);

    /// <summary>A connection for a <see cref="PicoLease"/>: on the instance the balancer picks, held until <see cref="ReleaseAsync"/>.</summary>
    public async Task<Rental> AcquireAsync(CancellationToken cancellationToken)
    {
        await EnterAsync(null, cancellationToken).ConfigureAwait(false);
        try
        {
            var rental = await RentWithFailoverAsync(null, null, null, null, cancellationToken).ConfigureAwait(false);
            rental.Node.StatementStarted();
            return rental;
        }
        catch
        {
            Exit();
            throw;
        }
    }

    /// <summary>Gives a caller's connection and lease back.</summary>
    public ValueTask ReleaseAsync(InstanceNode node, NpgsqlConnection connection, bool discard)
    {
        node.StatementEnded();
        Interlocked.Decrement(ref _callerLeases);
        return _pool.ReleaseAsync(node, connection, discard);
    }

    /// <summary>The span and duration of one call (nothing when nobody listens): statements of the client and of its leases.</summary>
    public StatementTelemetry StartTelemetry(in PicoStatement statement) => StatementTelemetry.Start(_metrics, _database, statement);

    /// <summary>A lost connection (or a timed-out statement) takes its instance out of rotation.</summary>
    public void ReportLostConnection(InstanceNode node, Exception exception) => _topology.MarkDown(node, FailureClassifier.Describe(exception));

    public async Task<TResult> RunAsync<TState, TResult>(
        PicoStatement statement, TState state, Func<NpgsqlCommand, TState, CancellationToken, Task<TResult>> body, CancellationToken cancellationToken)
    {
        var telemetry = StartTelemetry(statement);
        try
        {
            await EnterAsync(statement.Sql, cancellationToken).ConfigureAwait(false);
            var leased = true;
            try
            {
                List<InstanceNode>? tried = null;
                var retriedTimeout = false;
                while (true)
                {
                    var (node, connection) = await RentWithFailoverAsync(statement.Sql, statement, tried, telemetry.Activity, cancellationToken).ConfigureAwait(false);
                    telemetry.Sending(node);
                    node.StatementStarted();
                    var discard = false;
                    var retry = false;
                    try
                    {
                        using var command = new NpgsqlCommand(statement.Sql, connection);
                        return await body(command, state, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception exception)
                    {
                        var kind = FailureClassifier.Classify(exception, connection, cancellationToken);
                        discard = FailureClassifier.MustDiscard(kind, connection);
                        retry = ShouldRetry(kind, exception, node, statement, ref retriedTimeout);
                        if (!retry)
                        {
                            throw FailureClassifier.Rethrow(kind, exception, node, statement.Sql, CommandTimeout);
                        }

                        StatementTelemetry.RecordRetry(telemetry.Activity, node, "statement", exception);
                        (tried ??= []).Add(node);
                    }
                    finally
                    {
                        if (retry)
                        {
                            node.StatementEnded();
                            await _pool.ReturnAsync(node, connection, discard).ConfigureAwait(false);
                        }
                        else
                        {
                            leased = false;
                            await ReleaseAsync(node, connection, discard).ConfigureAwait(false);
                        }
                    }
                }
            }
            finally
            {
                if (leased)
                {
                    Exit();
                }
            }
        }
        catch (Exception exception) when (telemetry.Failed(exception))
        {
            throw; // never reached: Failed records the failure and lets it go on
        }
        finally
        {
            telemetry.Stop();
        }
    }

    /// <remarks>A read moves to another instance when its connection is lost before the first row; after that, the failure reaches the caller.</remarks>
    public async IAsyncEnumerable<TRow> StreamAsync<TArgs, TRow>(
        PicoStatement statement, TArgs args, PicoParameterBinder<TArgs>? bind, PicoRowReader<TRow> readRow,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // One span from the first MoveNext to the end or disposal of the enumeration. An iterator cannot yield
        // inside a try with a catch, so each step that can fail records its failure itself.
        var telemetry = StartTelemetry(statement);
        try
        {
            NpgsqlDataReader reader;
            InstanceNode node;
            NpgsqlConnection connection;
            NpgsqlCommand command;
            try
            {
                await EnterAsync(statement.Sql, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (telemetry.Failed(exception))
            {
                throw; // never reached
            }

            var leased = true;
            try
            {
                try
                {
                    (node, connection, command, reader) = await OpenReaderAsync(statement, args, bind, telemetry.Activity, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (telemetry.Failed(exception))
                {
                    throw; // never reached
                }

                telemetry.Sending(node);
                var discard = false;
                try
                {
                    while (true)
                    {
                        bool hasRow;
                        try
                        {
                            hasRow = await StreamRows.NextAsync(reader, cancellationToken).ConfigureAwait(false);
                        }
                        catch (Exception exception)
                        {
                            telemetry.Failed(exception);
                            var kind = FailureClassifier.Classify(exception, connection, cancellationToken);
                            discard = FailureClassifier.MustDiscard(kind, connection);
                            if (kind is FailureKind.ConnectionLost or FailureKind.Timeout)
                            {
                                ReportLostConnection(node, exception);
                            }

                            throw FailureClassifier.Rethrow(kind, exception, node, statement.Sql, CommandTimeout);
                        }

                        if (!hasRow)
                        {
                            break;
                        }

                        TRow row;
                        try
                        {
                            row = StreamRows.Read(readRow, reader, node.DisplayName);
                        }
                        catch (Exception exception) when (telemetry.Failed(exception))
                        {
                            throw; // never reached
                        }

                        yield return row;
                    }
                }
                finally
                {
                    discard |= !await StreamRows.DisposeReaderAsync(reader).ConfigureAwait(false);
                    await command.DisposeAsync().ConfigureAwait(false);
                    leased = false;
                    await ReleaseAsync(node, connection, discard).ConfigureAwait(false);
                }
            }
            finally
            {
                if (leased)
                {
                    Exit();
                }
            }
        }
        finally
        {
            telemetry.Stop();
        }
    }

    private async Task<(InstanceNode Node, NpgsqlConnection Connection, NpgsqlCommand Command, NpgsqlDataReader Reader)> OpenReaderAsync<TArgs>(
        PicoStatement statement, TArgs args, PicoParameterBinder<TArgs>? bind, Activity? activity, CancellationToken cancellationToken)
    {
        List<InstanceNode>? tried = null;
        var retriedTimeout = false;
        while (true)
        {
            var (node, connection) = await RentWithFailoverAsync(statement.Sql, statement, tried, activity, cancellationToken).ConfigureAwait(false);
            node.StatementStarted();
            var command = new NpgsqlCommand(statement.Sql, connection);
            try
            {
                bind?.Invoke(command.Parameters, args);
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                return (node, connection, command, reader);
            }
            catch (Exception exception)
            {
                await command.DisposeAsync().ConfigureAwait(false);
                node.StatementEnded();
                var kind = FailureClassifier.Classify(exception, connection, cancellationToken);
                await _pool.ReturnAsync(node, connection, FailureClassifier.MustDiscard(kind, connection)).ConfigureAwait(false);
                if (ShouldRetry(kind, exception, node, statement, ref retriedTimeout))
                {
                    StatementTelemetry.RecordRetry(activity, node, "statement", exception);
                    (tried ??= []).Add(node);
                    continue;
                }

                throw FailureClassifier.Rethrow(kind, exception, node, statement.Sql, CommandTimeout);
            }
        }
    }

    // A caller's lease: counted apart from the client's own, for ConnectionsInUse.
    private async ValueTask EnterAsync(string? sql, CancellationToken cancellationToken)
    {
        await _pool.Leases.EnterAsync(sql, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _callerLeases);
    }

    private void Exit()
    {
        Interlocked.Decrement(ref _callerLeases);
        _pool.Leases.Exit();
    }

    // A lost connection takes its instance out of rotation, and so does a timeout: the instance may have
    // stopped answering (a frozen machine), and its probe puts it back as soon as it takes a connection
    // again. The statement moves on only when that is safe, and after a timeout only once, so a statement
    // that is slow everywhere is not run on every instance before the caller hears of it.
    private bool ShouldRetry(FailureKind kind, Exception exception, InstanceNode node, PicoStatement statement, ref bool retriedTimeout)
    {
        if (kind is not (FailureKind.ConnectionLost or FailureKind.Timeout))
        {
            return false;
        }

        ReportLostConnection(node, exception);
        if (!statement.IsRetryable || _closing.IsCancellationRequested || (kind == FailureKind.Timeout && retriedTimeout))
        {
            return false;
        }

        retriedTimeout |= kind == FailureKind.Timeout;
        _metrics.Retried(node);
        Log.StatementRetried(_logger, node.DisplayName, statement.Kind);
        return true;
    }

    /// <summary>
    /// A connection on the instance that owns a keyed statement's bucket (<see cref="StatementRouter"/>), else on
    /// the one the balancer picks; an instance that cannot be connected to is taken out of rotation and
    /// another one is tried. Nothing has been sent yet, so this is always safe.
    /// </summary>
    private async ValueTask<Rental> RentWithFailoverAsync(
        string? sql, PicoStatement? statement, List<InstanceNode>? tried, Activity? activity, CancellationToken cancellationToken)
    {
        Exception? lastFailure = null;
        while (true)
        {
            var nodes = _topology.Nodes;
            try
            {
                if (statement?.Key is { } key && _router is not null && _balancer.Selector is null)
                {
                    return await RentRoutedAsync(key, statement.Value, nodes, tried, activity, cancellationToken).ConfigureAwait(false) is { Node: not null } routed
                        ? routed
                        : throw NoInstanceAvailable(sql, lastFailure);
                }

                if (_balancer.Selector is null)
                {
                    var rental = await _pool.RentAsync(nodes, _balancer, tried, cancellationToken).ConfigureAwait(false);
                    return rental.Node is null ? throw NoInstanceAvailable(sql, lastFailure) : rental;
                }

                if (!Balancer.AnyCandidate(nodes, tried))
                {
                    throw NoInstanceAvailable(sql, lastFailure);
                }

                var chosen = _balancer.PickWithSelector(nodes, tried, sql);
                return await _pool.RentOnAsync(chosen, cancellationToken).ConfigureAwait(false);
            }
            catch (InstanceConnectException failure)
            {
                FailureClassifier.ThrowIfLoginRejected(failure.InnerException!, failure.Node, sql);
                _topology.MarkDown(failure);
                StatementTelemetry.RecordRetry(activity, failure.Node, "connect", failure.InnerException!);
                (tried ??= []).Add(failure.Node);
                lastFailure = failure.InnerException;
            }
        }
    }

    // On the owner when it is in rotation (a busy owner at its share of connections: balanced, see ConnectionPool.RentRoutedAsync).
    private async ValueTask<Rental> RentRoutedAsync(
        PicoKey key, PicoStatement statement, InstanceNode[] nodes, List<InstanceNode>? tried, Activity? activity, CancellationToken cancellationToken)
    {
        var choice = _router!.Choose(key, statement.Kind == PicoStatementKind.Read, _topology.Buckets, nodes, tried);
        if (choice.Owner is not { } owner)
        {
            FellBack(choice.FallBack!, activity);
            return await _pool.RentAsync(nodes, _balancer, tried, cancellationToken).ConfigureAwait(false);
        }

        var rental = await _pool.RentRoutedAsync(owner, nodes, _balancer, tried, cancellationToken).ConfigureAwait(false);
        if (rental.Node == owner)
        {
            _metrics.Routed(owner);
            activity?.SetTag("picopyn.route", "routed");
        }
        else
        {
            FellBack("owner_busy", activity);
        }

        return rental;
    }

    private void FellBack(string reason, Activity? activity)
    {
        _metrics.FellBack(reason);
        activity?.SetTag("picopyn.route", "fell_back");
        activity?.SetTag("picopyn.route.reason", reason);
    }

    private PicoNoInstanceAvailableException NoInstanceAvailable(string? sql, Exception? lastFailure)
    {
        var known = _topology.Nodes;
        return new PicoNoInstanceAvailableException(
            $"No instance is available: the {known.Length} known instance(s) are down or already failed this call " +
            $"({_topology.DescribeFailures("up")}).",
            sql, lastFailure);
    }
}
