using System.Collections;
using System.Globalization;

namespace Picopyn.Testing.EmulatedImage;

/// <summary>
/// What an instance is told at start, read from Picodata's own environment variables (the <c>env =</c> names of
/// Picodata's src/cli/args.rs; see docs/picodata.md, "Containers") — so the emulated image is configured exactly as Picodata's.
/// </summary>
/// <param name="Name"><c>PICODATA_INSTANCE_NAME</c>.</param>
/// <param name="Peer"><c>PICODATA_PEER</c>: the instance a new one joins through; the one that names itself bootstraps.</param>
/// <param name="IprotoListen"><c>PICODATA_IPROTO_LISTEN</c>: where the bootstrapping instance serves the cluster's shared storage.</param>
/// <param name="IprotoAdvertise"><c>PICODATA_IPROTO_ADVERTISE</c>: the host peers reach this instance at.</param>
/// <param name="PgListen"><c>PICODATA_PG_LISTEN</c>: where its pgproto front listens.</param>
/// <param name="PgAdvertise"><c>PICODATA_PG_ADVERTISE</c>: the pgproto address <c>_pico_peer_address</c> gives clients.</param>
/// <param name="HttpListen"><c>PICODATA_HTTP_LISTEN</c>: the health endpoint.</param>
/// <param name="ReplicationFactor"><c>PICODATA_INIT_REPLICATION_FACTOR</c>: written to <c>_pico_tier</c>; every replicaset here holds one instance.</param>
/// <param name="AdminPassword"><c>PICODATA_ADMIN_PASSWORD</c>: the admin's, over pgproto and between the instances.</param>
/// <param name="DataDirectory"><c>PICODATA_INSTANCE_DIR</c>, by default <c>/var/lib/picodata</c>: kept across a container's restarts.</param>
internal sealed record InstanceEnvironment(
    string Name,
    PicoEndpoint Peer,
    PicoEndpoint IprotoListen,
    PicoEndpoint IprotoAdvertise,
    PicoEndpoint PgListen,
    PicoEndpoint PgAdvertise,
    PicoEndpoint HttpListen,
    int ReplicationFactor,
    string AdminPassword,
    string DataDirectory)
{
    /// <summary>Whether this instance starts the cluster: its peer is itself.</summary>
    public bool Bootstraps =>
        Peer.Port == IprotoAdvertise.Port && string.Equals(Peer.Host, IprotoAdvertise.Host, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the variables; a missing or malformed one fails with its name.</summary>
    /// <exception cref="InvalidOperationException">A variable is missing or malformed.</exception>
    public static InstanceEnvironment Read(IDictionary variables)
    {
        string Required(string name) => variables[name] is string { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: the emulated image takes Picodata's environment variables (docs/picodata.md#containers).");
        string Optional(string name, string fallback) => variables[name] is string { Length: > 0 } value ? value : fallback;
        PicoEndpoint Address(string name, string? fallback = null)
        {
            var text = fallback is null ? Required(name) : Optional(name, fallback);
            try
            {
                return PicoEndpoint.Parse(text);
            }
            catch (PicoConfigurationException exception)
            {
                throw new InvalidOperationException($"{name}='{text}' is no host:port address.", exception);
            }
        }

        var name = Required("PICODATA_INSTANCE_NAME");
        var iprotoListen = Address("PICODATA_IPROTO_LISTEN", "0.0.0.0:3301");
        var pgListen = Address("PICODATA_PG_LISTEN", "0.0.0.0:4327");
        var factorText = Optional("PICODATA_INIT_REPLICATION_FACTOR", "1");
        if (!int.TryParse(factorText, NumberStyles.None, CultureInfo.InvariantCulture, out var factor) || factor < 1)
        {
            throw new InvalidOperationException($"PICODATA_INIT_REPLICATION_FACTOR='{factorText}' is no positive number.");
        }

        return new InstanceEnvironment(
            name,
            Address("PICODATA_PEER"),
            iprotoListen,
            Address("PICODATA_IPROTO_ADVERTISE", $"{name}:{iprotoListen.Port}"),
            pgListen,
            Address("PICODATA_PG_ADVERTISE", $"{name}:{pgListen.Port}"),
            Address("PICODATA_HTTP_LISTEN", "0.0.0.0:8081"),
            factor,
            Required("PICODATA_ADMIN_PASSWORD"),
            Optional("PICODATA_INSTANCE_DIR", "/var/lib/picodata"));
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} (peer {Peer}, pgproto {PgAdvertise})"; // never the password
}
