using System.Diagnostics;
using Npgsql;
using Picopyn.Topology;

namespace Picopyn.Diagnostics;

/// <summary>
/// The span and the duration measurement of one logical call — a statement, a stream, a lease's statement —
/// following OpenTelemetry's database conventions: a CLIENT span named by the statement's summary, the query
/// attributes set at its start (samplers read them), <c>server.address</c>/<c>server.port</c> of the instance
/// that answered (the last one tried), retries as events, <c>error.type</c> on failure.
/// </summary>
/// <remarks>
/// A struct, started only when someone listens: with no <see cref="ActivityListener"/> on
/// <see cref="PicoDiagnostics.ActivitySourceName"/> and no listener on the duration histogram, starting and
/// stopping it reads two flags and allocates nothing.
/// </remarks>
internal struct StatementTelemetry
{
    /// <summary>The source of every client's spans.</summary>
    public static readonly ActivitySource Source = new(PicoDiagnostics.ActivitySourceName, typeof(StatementTelemetry).Assembly.GetName().Version?.ToString());

    private readonly PicoMetrics? _metrics;
    private readonly string? _database;
    private readonly QuerySummary? _summary;
    private readonly long _startedAt;
    private InstanceNode? _node;
    private Exception? _failure;

    private StatementTelemetry(PicoMetrics? metrics, string? database, QuerySummary summary, long startedAt, Activity? activity)
    {
        _metrics = metrics;
        _database = database;
        _summary = summary;
        _startedAt = startedAt;
        Activity = activity;
    }

    /// <summary>The call's span; <see langword="null"/> when nobody listens or the sampler dropped it.</summary>
    public Activity? Activity { get; }

    /// <summary>Starts the span (when traced) and the clock (when the duration is measured).</summary>
    public static StatementTelemetry Start(PicoMetrics metrics, string? database, in PicoStatement statement)
    {
        var traced = Source.HasListeners();
        var timed = metrics.MeasuresDuration;
        if (!traced && !timed)
        {
            return default;
        }

        var summary = QuerySummary.Of(statement);
        Activity? activity = null;
        if (traced)
        {
            var tags = new TagList
            {
                { "db.system.name", PicoDiagnostics.DbSystemName },
                { "db.query.summary", summary.Text },
                { "db.query.text", statement.Sql },
            };
            if (database is not null)
            {
                tags.Add("db.namespace", database);
            }

            if (summary.Operation is not null)
            {
                tags.Add("db.operation.name", summary.Operation);
            }

            if (statement.RoutedBy is not null)
            {
                tags.Add("picopyn.routed_by", statement.RoutedBy);
            }

            activity = Source.StartActivity(summary.Text, ActivityKind.Client, default(ActivityContext), tags);
        }

        return new StatementTelemetry(timed ? metrics : null, database, summary, timed ? Stopwatch.GetTimestamp() : 0, activity);
    }

    /// <summary>The instance the statement is (now) sent to: the last one is the span's server.</summary>
    public void Sending(InstanceNode node)
    {
        _node = node;
        if (Activity is { } activity)
        {
            activity.SetTag("server.address", node.Endpoint.Host);
            activity.SetTag("server.port", node.PortTag);
        }
    }

    /// <summary>An attempt that failed and was tried again elsewhere: an event on the call's span, not an error of the call.</summary>
    public static void RecordRetry(Activity? activity, InstanceNode node, string phase, Exception exception) =>
        activity?.AddEvent(new ActivityEvent("picopyn.retry", tags: new ActivityTagsCollection
        {
            ["picopyn.instance"] = node.DisplayName,
            ["picopyn.phase"] = phase,
            ["error.type"] = ErrorType(exception),
        }));

    /// <summary>Records the call's failure; <see langword="false"/>, so that it can sit in an exception filter and let the exception go on.</summary>
    public bool Failed(Exception exception)
    {
        _failure ??= exception;
        return false;
    }

    /// <summary>Ends the span and records the duration.</summary>
    public readonly void Stop()
    {
        if (_summary is null)
        {
            return;
        }

        var errorType = _failure is null ? null : ErrorType(_failure);
        if (Activity is { } activity)
        {
            if (_failure is not null)
            {
                activity.SetTag("error.type", errorType);
                if (SqlStateOf(_failure) is { } sqlState)
                {
                    activity.SetTag("db.response.status_code", sqlState);
                }

                activity.SetStatus(ActivityStatusCode.Error, _failure.Message);
            }

            activity.Dispose();
        }

        if (_metrics is not null)
        {
            var tags = new TagList
            {
                { "db.system.name", PicoDiagnostics.DbSystemName },
                { PicoMetrics.ClientTag, _metrics.ClientName },
                { "db.query.summary", _summary.Text },
            };
            if (_database is not null)
            {
                tags.Add("db.namespace", _database);
            }

            if (_summary.Operation is not null)
            {
                tags.Add("db.operation.name", _summary.Operation);
            }

            if (_node is not null)
            {
                tags.Add("server.address", _node.Endpoint.Host);
                tags.Add("server.port", _node.PortTag);
            }

            if (errorType is not null)
            {
                tags.Add("error.type", errorType);
            }

            _metrics.OperationDuration(Stopwatch.GetElapsedTime(_startedAt).TotalSeconds, tags);
        }
    }

    // The server's SQLSTATE when the server refused the statement, else the exception's type.
    private static string ErrorType(Exception exception) => SqlStateOf(exception) ?? exception.GetType().FullName ?? exception.GetType().Name;

    private static string? SqlStateOf(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is PostgresException postgres)
            {
                return postgres.SqlState;
            }
        }

        return null;
    }
}
