namespace Picopyn.Topology;

/// <summary>
/// Makes the node of one instance: its own Npgsql data source, with the connection string's
/// credentials and TLS settings, the client's timeouts, the user's adjustments and Picodata's
/// required settings on top.
/// </summary>
internal sealed class InstanceNodeFactory
{
    private readonly PicoConnectionSettings _settings;
    private readonly PicoClientOptions _options;

    public InstanceNodeFactory(PicoConnectionSettings settings, PicoClientOptions options)
    {
        _settings = settings;
        _options = options;
    }

    /// <param name="endpoint">Where the client connects.</param>
    /// <param name="certificateHost">The name the instance's certificate must carry (verify-full): the endpoint's host, or the name it advertises.</param>
    public InstanceNode Create(PicoEndpoint endpoint, string certificateHost)
    {
        var connectionString = _settings.CreateBuilder(endpoint);
        connectionString.Timeout = (int)Math.Ceiling(_options.ConnectTimeout.TotalSeconds);
        connectionString.CommandTimeout = (int)Math.Ceiling(_options.CommandTimeout.TotalSeconds);
        var builder = PicodataNpgsqlSettings.CreateDataSourceBuilder(connectionString.ConnectionString);
        if (!string.Equals(certificateHost, endpoint.Host, StringComparison.OrdinalIgnoreCase))
        {
            // Npgsql checks the name it connects to; this one is checked (and sent as SNI) instead. Set only when it
            // differs: the callback excludes Npgsql's older TLS callbacks, which a user's ConfigureDataSource may set
            // (and a user's own UseSslClientAuthenticationOptionsCallback there replaces this one).
            builder.UseSslClientAuthenticationOptionsCallback(tls => tls.TargetHost = certificateHost);
        }

        if (_options.ConfigureDataSource is { } configure)
        {
            configure(builder);

            // Whatever the callback did, Picodata's requirements stand.
            PicodataNpgsqlSettings.Apply(builder.ConnectionStringBuilder);
            builder.ConfigureTypeLoading(typeLoading => typeLoading.EnableTypeLoading(false));
        }

        // The client is the pool (see ConnectionPool): Npgsql's own pooling would hide connections from the cap.
        builder.ConnectionStringBuilder.Pooling = false;
        return new InstanceNode(endpoint, certificateHost, builder.Build(), Tls.TlsExpectation.Of(builder.ConnectionStringBuilder, certificateHost, _options.ConnectTimeout));
    }
}
