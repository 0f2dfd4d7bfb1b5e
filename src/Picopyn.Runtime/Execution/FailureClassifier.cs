using System.Data;
using System.Globalization;
using System.Net.Sockets;
using Npgsql;
using Picopyn.Topology;

namespace Picopyn;

/// <summary>
/// Turns what went wrong into a decision: Picodata sends <c>XX000</c> for nearly every error, so
/// retrying is decided by what happened to the connection, not by the SQLSTATE.
/// </summary>
internal static class FailureClassifier
{
    public static FailureKind Classify(Exception exception, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            return FailureKind.Cancelled;
        }

        if (exception is NpgsqlException { InnerException: TimeoutException })
        {
            return FailureKind.Timeout;
        }

        // The server answered: it is alive and the statement failed. Npgsql breaks the connection
        // after any class-XX error, and Picodata reports nearly every error as XX000, so a broken
        // connection after an ERROR says nothing about the instance. FATAL and PANIC end the session.
        if (exception is PostgresException postgres)
        {
            return IsServerAnswer(postgres) ? FailureKind.ServerError : FailureKind.ConnectionLost;
        }

        return connection.FullState is ConnectionState.Broken or ConnectionState.Closed
            ? FailureKind.ConnectionLost
            : FailureKind.Caller;
    }

    /// <summary>Whether the connection must be closed rather than pooled after a failure of this kind.</summary>
    public static bool MustDiscard(FailureKind kind, NpgsqlConnection connection) =>
        kind is FailureKind.Cancelled or FailureKind.ConnectionLost or FailureKind.Timeout ||
        connection.FullState != ConnectionState.Open;

    /// <summary>An error the server answered a statement with, as opposed to one ending the session.</summary>
    public static bool IsServerAnswer(PostgresException exception) =>
        exception.InvariantSeverity is not ("FATAL" or "PANIC");

    /// <summary>The exception the caller sees for a failure, or <see langword="null"/> to rethrow the original.</summary>
    public static PicoQueryException? Wrap(FailureKind kind, Exception exception, InstanceNode node, string sql, TimeSpan commandTimeout) => kind switch
    {
        FailureKind.ServerError => new PicoQueryException(
            $"The server rejected the statement: {((PostgresException)exception).MessageText}.",
            node.DisplayName, sql, mayHaveRun: false, connectionLost: false, ((PostgresException)exception).SqlState, exception),
        FailureKind.ConnectionLost => new PicoQueryException(
            $"The connection was lost while the statement ran ({Describe(exception)}).",
            node.DisplayName, sql, mayHaveRun: true, connectionLost: true, (exception as PostgresException)?.SqlState, exception),
        FailureKind.Timeout => new PicoQueryException(
            string.Create(CultureInfo.InvariantCulture, $"The statement did not finish within the command timeout ({commandTimeout.TotalSeconds:0.###} s); its connection was closed."),
            node.DisplayName, sql, mayHaveRun: true, connectionLost: true, innerException: exception),
        _ => null,
    };

    /// <summary>
    /// The exception to throw for a failure: <see cref="Wrap"/>'s, or else the original one,
    /// rethrown here with its stack trace intact. Use as <c>throw FailureClassifier.Rethrow(...)</c>.
    /// </summary>
    public static Exception Rethrow(FailureKind kind, Exception exception, InstanceNode node, string sql, TimeSpan commandTimeout)
    {
        if (Wrap(kind, exception, node, sql, commandTimeout) is { } wrapped)
        {
            return wrapped;
        }

        // A result that did not fit the method is raised inside the reader, where the instance is unknown.
        if (exception is PicoMappingException { Instance: null } mapping)
        {
            return mapping.WithInstance(node.DisplayName);
        }

        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(exception).Throw();
        return exception;
    }

    /// <summary>
    /// Whether a failure to open a connection is the login or database being refused — the same on
    /// every instance, so not a reason to try another or to take this one out of rotation.
    /// </summary>
    public static bool IsLoginRejected(Exception exception, out PostgresException rejection)
    {
        rejection = (exception as PostgresException)!;
        return rejection is not null && (rejection.SqlState.StartsWith("28", StringComparison.Ordinal) || rejection.SqlState == PostgresErrorCodes.InvalidCatalogName);
    }

    /// <summary>
    /// Whether a failure to reach or use an instance says something about the instance: not the
    /// caller cancelling, not the client being disposed.
    /// </summary>
    public static bool IsInstanceFailure(Exception exception, CancellationToken cancellationToken) =>
        !(exception is OperationCanceledException && cancellationToken.IsCancellationRequested) && exception is not ObjectDisposedException;

    /// <summary>Throws <see cref="PicoConnectionException"/> when the failure is the login or database being refused.</summary>
    public static void ThrowIfLoginRejected(Exception exception, InstanceNode node, string? sql)
    {
        if (IsLoginRejected(exception, out var rejection))
        {
            throw new PicoConnectionException(
                $"The instance refused the connection: {rejection.MessageText}.", node.DisplayName, sql, rejection.SqlState, rejection);
        }
    }

    /// <summary>A short reason for logs and messages; Npgsql's messages hold no credentials.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        PostgresException postgres => $"{postgres.SqlState}: {postgres.MessageText}",
        _ when TlsFailure(exception) is Tls.TlsRejectedException rejected => "the TLS handshake failed: " + rejected.Message,
        _ when TlsFailure(exception) is { } tls =>
            "the TLS handshake failed: the instance's certificate was not accepted (verify-ca and verify-full check that " +
            $"sslrootcert's authority issued it, verify-full also that it names the host): {tls.Message}",
        { InnerException: SocketException socket } => $"socket error {socket.SocketErrorCode}",
        SocketException socket => $"socket error {socket.SocketErrorCode}",
        { InnerException: TimeoutException } or TimeoutException => "timed out",
        { InnerException: IOException io } => io.Message,
        _ => exception.Message,
    };

    /// <summary>The TLS failure in <paramref name="exception"/>'s chain (a refused certificate, a failed handshake); <see langword="null"/> when none.</summary>
    public static System.Security.Authentication.AuthenticationException? TlsFailure(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is System.Security.Authentication.AuthenticationException tls)
            {
                return tls;
            }
        }

        return null;
    }
}
