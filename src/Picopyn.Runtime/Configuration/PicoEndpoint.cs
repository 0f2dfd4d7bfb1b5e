using System.Globalization;

namespace Picopyn;

/// <summary>A pgproto address: a host name or IP and a TCP port.</summary>
/// <param name="Host">The host name or IP address (an IPv6 address without brackets).</param>
/// <param name="Port">The TCP port, 1 to 65535.</param>
public readonly record struct PicoEndpoint(string Host, int Port)
{
    /// <summary>
    /// Parses <c>host</c>, <c>host:port</c>, <c>[v6]</c> or <c>[v6]:port</c>; a missing port is
    /// <paramref name="defaultPort"/>.
    /// </summary>
    /// <exception cref="PicoConfigurationException">The text is not a valid address.</exception>
    public static PicoEndpoint Parse(string text, int defaultPort = PicodataNpgsqlSettings.DefaultPort)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        string host;
        string? portText = null;
        if (trimmed.StartsWith('['))
        {
            var close = trimmed.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new PicoConfigurationException($"The address '{trimmed}' opens an IPv6 bracket it never closes.");
            }

            host = trimmed[1..close];
            var rest = trimmed[(close + 1)..];
            if (rest.Length > 0)
            {
                portText = rest.StartsWith(':') ? rest[1..] : throw new PicoConfigurationException($"Unexpected '{rest}' after the IPv6 address in '{trimmed}'.");
            }
        }
        else
        {
            var colon = trimmed.LastIndexOf(':');
            if (colon >= 0 && trimmed.IndexOf(':', StringComparison.Ordinal) != colon)
            {
                // Several colons and no brackets: a bare IPv6 address without a port.
                host = trimmed;
            }
            else if (colon >= 0)
            {
                host = trimmed[..colon];
                portText = trimmed[(colon + 1)..];
            }
            else
            {
                host = trimmed;
            }
        }

        if (host.Length == 0)
        {
            throw new PicoConfigurationException($"The address '{trimmed}' has no host.");
        }

        var port = portText is null ? defaultPort : ParsePort(portText, host);
        return new PicoEndpoint(host, port);
    }

    /// <summary>Checks that <paramref name="text"/> is a port number from 1 to 65535.</summary>
    internal static int ParsePort(string text, string host)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            throw new PicoConfigurationException($"The port '{text}' of host '{host}' is not a number.");
        }

        return port is >= 1 and <= 65535
            ? port
            : throw new PicoConfigurationException($"The port {port} of host '{host}' is out of range (1 to 65535).");
    }

    /// <summary>Whether the host is a wildcard (<c>0.0.0.0</c>, <c>::</c>) that no client can connect to.</summary>
    public bool IsWildcard => Host is "0.0.0.0" or "::" or "0:0:0:0:0:0:0:0";

    /// <summary><c>host:port</c>, with brackets around an IPv6 host.</summary>
    public override string ToString() =>
        Host.Contains(':', StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"[{Host}]:{Port}")
            : string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");
}
