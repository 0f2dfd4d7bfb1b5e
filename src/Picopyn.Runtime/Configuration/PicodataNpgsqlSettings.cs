using Npgsql;

namespace Picopyn;

/// <summary>
/// The Npgsql settings every connection to Picodata's pgproto needs.
/// </summary>
/// <remarks>
/// Picodata speaks the PostgreSQL wire protocol but serves none of PostgreSQL's catalogs, has no
/// <c>DISCARD</c>, ignores transactions, does not answer a GSS encryption request and has no cancel
/// key. Npgsql's defaults rely on all five, so each setting below switches one of them off.
/// </remarks>
public static class PicodataNpgsqlSettings
{
    /// <summary>Picodata's default pgproto port.</summary>
    public const int DefaultPort = 4327;

    /// <summary>
    /// The most statements Npgsql prepares automatically per physical connection. Prepared
    /// statements count toward a per-instance limit that all clients share, so keep it modest.
    /// </summary>
    public const int DefaultMaxAutoPrepare = 20;

    /// <summary>
    /// Applies the settings Picodata requires to <paramref name="builder"/>, leaving every other
    /// setting (host, credentials, timeouts, TLS) as the caller set it.
    /// </summary>
    /// <param name="builder">The connection string builder to adjust.</param>
    /// <returns>The same <paramref name="builder"/>, for chaining.</returns>
    public static NpgsqlConnectionStringBuilder Apply(NpgsqlConnectionStringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Type loading reads pg_type on the first open; Picodata has no pg_type. Data sources turn
        // it off through the builder (CreateDataSourceBuilder); the connection-string form is
        // obsolete since Npgsql 9 but still honoured, and it is the only form that reaches code
        // which opens its own NpgsqlConnection from a string (tools, Dapper baselines).
#pragma warning disable CS0618
        builder.ServerCompatibilityMode = ServerCompatibilityMode.NoTypeLoading;
#pragma warning restore CS0618
        // Otherwise a reused pooled connection is reset with DISCARD ALL, a syntax error on Picodata.
        builder.NoResetOnClose = true;
        // Transactions are no-ops on Picodata and Npgsql's BEGIN does not even parse there.
        builder.Enlist = false;
        // Picodata never answers a GSSENCRequest.
        builder.GssEncryptionMode = GssEncryptionMode.Disable;
        // Picodata sends no cancel key, so a timed-out command cannot be cancelled: break its connection at
        // once rather than wait for an answer to a cancel request that never comes.
        builder.CancellationTimeout = -1;
        if (builder.MaxAutoPrepare == 0 || builder.MaxAutoPrepare > DefaultMaxAutoPrepare)
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        return builder;
    }

    /// <summary>
    /// A data source builder for one Picodata instance: <paramref name="connectionString"/> with
    /// <see cref="Apply"/>'s settings, and type loading switched off.
    /// </summary>
    /// <param name="connectionString">An Npgsql connection string naming one instance.</param>
    public static NpgsqlDataSourceBuilder CreateDataSourceBuilder(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        Apply(builder.ConnectionStringBuilder);
        builder.ConfigureTypeLoading(typeLoading => typeLoading.EnableTypeLoading(false));
        return builder;
    }
}
