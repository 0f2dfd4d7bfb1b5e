using System.Data.Common;
using Npgsql;

namespace Picopyn;

/// <summary>
/// What a connection string or DSN says: the seed hosts, and the settings every connection gets —
/// to a seed or to a discovered instance alike (user, password, database, TLS, extras).
/// </summary>
internal sealed class PicoConnectionSettings
{
    // libpq URI parameter names users bring from other drivers, and the Npgsql keyword for each.
    private static readonly Dictionary<string, string> LibpqNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["sslpassword"] = "SSL Password",
        ["sslrootcert"] = "Root Certificate",
        ["connect_timeout"] = "Timeout",
        ["application_name"] = "Application Name",
        ["options"] = "Options",
        ["user"] = "Username",
        ["password"] = "Password",
        ["dbname"] = "Database",
        ["keepalives_idle"] = "Tcp Keepalive Time",
    };

    // libpq's sslmode values (what a postgresql:// URI carries) and Npgsql's names for them.
    private static readonly Dictionary<string, string> LibpqSslModes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["disable"] = nameof(SslMode.Disable),
        ["allow"] = nameof(SslMode.Allow),
        ["prefer"] = nameof(SslMode.Prefer),
        ["require"] = nameof(SslMode.Require),
        ["verify-ca"] = nameof(SslMode.VerifyCA),
        ["verify-full"] = nameof(SslMode.VerifyFull),
    };

    // Settings that would make Npgsql do what Picodata cannot serve.
    private static readonly Dictionary<string, string> RefusedSettings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["target_session_attrs"] = "it probes servers with pg_is_in_recovery(), which Picodata does not serve",
        ["Target Session Attributes"] = "it probes servers with pg_is_in_recovery(), which Picodata does not serve",
        ["Multiplexing"] = "Picopyn pools connections itself",
        ["Load Balance Hosts"] = "Picopyn balances across instances itself",
    };

    private readonly string _template;

    private PicoConnectionSettings(IReadOnlyList<PicoEndpoint> seeds, NpgsqlConnectionStringBuilder template)
    {
        Seeds = seeds;
        User = template.Username;
        Database = template.Database;
        _template = template.ConnectionString;
    }

    /// <summary>The hosts named in the connection string, in order, without duplicates.</summary>
    public IReadOnlyList<PicoEndpoint> Seeds { get; }

    /// <summary>The login, for messages (never the password).</summary>
    public string? User { get; }

    /// <summary>The database name sent in every startup packet.</summary>
    public string? Database { get; }

    /// <summary>The Npgsql settings for a connection to <paramref name="endpoint"/>, Picodata's requirements applied.</summary>
    public NpgsqlConnectionStringBuilder CreateBuilder(PicoEndpoint endpoint)
    {
        var builder = new NpgsqlConnectionStringBuilder(_template) { Host = endpoint.Host, Port = endpoint.Port };
        return PicodataNpgsqlSettings.Apply(builder);
    }

    /// <summary>
    /// Parses a <c>postgresql://</c> URI or an Npgsql keyword string, then applies
    /// <paramref name="extraSettings"/> (Npgsql keywords or libpq names) on top.
    /// </summary>
    /// <exception cref="PicoConfigurationException">Anything malformed, unknown or out of range; the message never quotes the password.</exception>
    public static PicoConnectionSettings Parse(string connectionString, IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new PicoConfigurationException("The connection string is empty.");
        }

        var trimmed = connectionString.Trim();
        var (seeds, builder) = IsUri(trimmed) ? ParseUri(trimmed) : ParseKeywords(trimmed);
        if (extraSettings is not null)
        {
            foreach (var (name, value) in extraSettings)
            {
                Set(builder, name, value, "extra setting");
            }
        }

        return new PicoConnectionSettings(seeds.Distinct().ToArray(), builder);
    }

    private static bool IsUri(string text) =>
        text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) ||
        text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase);

    private static (List<PicoEndpoint> Seeds, NpgsqlConnectionStringBuilder Builder) ParseUri(string uri)
    {
        var rest = uri[(uri.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var builder = new NpgsqlConnectionStringBuilder();

        var query = string.Empty;
        var questionMark = rest.IndexOf('?', StringComparison.Ordinal);
        if (questionMark >= 0)
        {
            query = rest[(questionMark + 1)..];
            rest = rest[..questionMark];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash >= 0 ? rest[..slash] : rest;
        var path = slash >= 0 ? rest[(slash + 1)..] : string.Empty;

        // The password may itself hold '@' when not percent-encoded: the last '@' ends the user info.
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            authority = authority[(at + 1)..];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Unescape(colon >= 0 ? userInfo[..colon] : userInfo, "user name");
            if (colon >= 0)
            {
                builder.Password = Unescape(userInfo[(colon + 1)..], "password");
            }
        }

        if (path.Length > 0)
        {
            builder.Database = Unescape(path, "database name");
        }

        var seeds = new List<PicoEndpoint>();
        foreach (var host in authority.Split(',', StringSplitOptions.TrimEntries))
        {
            seeds.Add(host.Length == 0
                ? throw new PicoConfigurationException("The DSN names an empty host; write postgresql://user:password@host:port[,host:port...]/database.")
                : PicoEndpoint.Parse(Unescape(host, "host")));
        }

        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new PicoConfigurationException($"The DSN parameter '{Unescape(pair, "parameter")}' has no value; write name=value.");
            }

            Set(builder, Unescape(pair[..equals], "parameter name"), Unescape(pair[(equals + 1)..], "parameter value"), "DSN parameter");
        }

        return (seeds, builder);
    }

    private static (List<PicoEndpoint> Seeds, NpgsqlConnectionStringBuilder Builder) ParseKeywords(string text)
    {
        // First the generic parser, to learn which keys the user wrote and to give an unknown one a clear error.
        var raw = new DbConnectionStringBuilder();
        try
        {
            raw.ConnectionString = text;
        }
        catch (ArgumentException)
        {
            throw new PicoConfigurationException(
                "The connection string is neither a postgresql:// URI nor a valid 'Keyword=value;...' string.");
        }

        var builder = new NpgsqlConnectionStringBuilder();
        string? hosts = null;
        int? port = null;
        foreach (string key in raw.Keys)
        {
            var value = raw[key]?.ToString() ?? string.Empty;
            if (key.Equals("host", StringComparison.OrdinalIgnoreCase) || key.Equals("server", StringComparison.OrdinalIgnoreCase))
            {
                hosts = value;
            }
            else if (key.Equals("port", StringComparison.OrdinalIgnoreCase))
            {
                port = PicoEndpoint.ParsePort(value, "(every host)");
            }
            else
            {
                Set(builder, key, value, "setting");
            }
        }

        if (string.IsNullOrWhiteSpace(hosts))
        {
            throw new PicoConfigurationException("The connection string names no Host.");
        }

        var seeds = hosts.Split(',', StringSplitOptions.TrimEntries)
            .Select(h => h.Length == 0
                ? throw new PicoConfigurationException("The connection string's Host list has an empty entry.")
                : PicoEndpoint.Parse(h, port ?? PicodataNpgsqlSettings.DefaultPort))
            .ToList();
        return (seeds, builder);
    }

    private static void Set(NpgsqlConnectionStringBuilder builder, string name, string value, string what)
    {
        if (RefusedSettings.TryGetValue(name, out var why))
        {
            throw new PicoConfigurationException($"The {what} '{name}' cannot be used with Picodata: {why}.");
        }

        var keyword = LibpqNames.GetValueOrDefault(name, name);
        if (keyword.Equals("Host", StringComparison.OrdinalIgnoreCase) || keyword.Equals("Port", StringComparison.OrdinalIgnoreCase))
        {
            throw new PicoConfigurationException($"The {what} '{name}' cannot set hosts or ports; name them in the host list.");
        }

        if (!builder.ContainsKey(keyword))
        {
            throw new PicoConfigurationException($"Unknown {what} '{name}': it is neither an Npgsql connection keyword nor a libpq parameter Picopyn maps.");
        }

        var isSslMode = keyword.Equals("SSL Mode", StringComparison.OrdinalIgnoreCase) || keyword.Equals("SslMode", StringComparison.OrdinalIgnoreCase);
        try
        {
            builder[keyword] = isSslMode ? LibpqSslModes.GetValueOrDefault(value, value) : value;
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            // The value itself is left out: for a password-like setting it would be the secret.
            throw new PicoConfigurationException(isSslMode
                ? $"The {what} '{name}' has an invalid value; it takes {string.Join(", ", LibpqSslModes.Keys)} (or Npgsql's names)."
                : $"The {what} '{name}' has an invalid value.");
        }
    }

    private static string Unescape(string text, string what)
    {
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            throw new PicoConfigurationException($"The DSN's {what} is not valid percent-encoding.");
        }
    }
}
