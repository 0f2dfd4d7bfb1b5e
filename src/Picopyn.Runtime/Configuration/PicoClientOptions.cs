using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Picopyn;

/// <summary>How a <see cref="PicoClient"/> pools, balances, discovers and fails over.</summary>
public sealed class PicoClientOptions
{
    /// <summary>
    /// A name for this client in metrics (tag <c>picopyn.client</c>), to tell several clients of one
    /// process apart; <see langword="null"/> (the default) for a generated one.
    /// </summary>
    public string? Name { get; set; }

    /// <summary>
    /// Whether statements with a sharding key (a generated method's routing plan, or a <see cref="PicoKey"/> given
    /// to a call) go to the replicaset that owns their bucket, rather than to the instance balancing picks
    /// (docs/routing.md). Default <see langword="true"/>; without the bucket map (a server before 25.5.1, no
    /// read access to the system tables) statements are balanced whatever this says.
    /// </summary>
    public bool EnableRouting { get; set; } = true;

    /// <summary>Which instance of the owning replicaset serves a routed read. Default <see cref="PicoReadPreference.Leader"/>.</summary>
    public PicoReadPreference ReadPreference { get; set; } = PicoReadPreference.Leader;

    /// <summary>The most server connections the client holds open, over all instances together. Default 10.</summary>
    public int MaxConnections { get; set; } = 10;

    /// <summary>
    /// How many connections to open at connect, spread evenly over the instances; <see langword="null"/>
    /// (the default) opens <see cref="MaxConnections"/>, 0 opens only what discovery needs.
    /// </summary>
    public int? WarmUpConnections { get; set; }

    /// <summary>
    /// How often the pool may move one connection between instances: from an instance holding more
    /// than its share to one holding less (after an instance joined, came back or left), or else one
    /// step of the rotation that, when <see cref="MaxConnections"/> does not divide evenly over the
    /// instances (or is smaller than their number), passes the extra connections from instance to
    /// instance so that each serves its share over time. At most one connection is opened and one
    /// closed per interval; statements never move connections themselves. Default 1 s;
    /// <see cref="Timeout.InfiniteTimeSpan"/> turns moving off (connections then stay where warm-up
    /// and on-demand opening put them, and below the instance count some instances never serve).
    /// </summary>
    public TimeSpan RebalanceInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a statement waits for a free connection before <see cref="PicoPoolTimeoutException"/>. Default 5 s.</summary>
    public TimeSpan AcquireTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long opening one connection may take before the instance counts as down. Default 5 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a statement may run; <see cref="TimeSpan.Zero"/> for no limit. Default 30 s.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How statements are spread over the live instances. Default round-robin.</summary>
    public BalancingStrategy Balancing { get; set; } = BalancingStrategy.RoundRobin;

    /// <summary>A user strategy that picks among the live instances; overrides <see cref="Balancing"/>.</summary>
    public PicoInstanceSelector? InstanceSelector { get; set; }

    /// <summary>
    /// Whether to read the cluster's instances from <c>_pico_instance</c>/<c>_pico_peer_address</c>
    /// (default). Off: only the hosts of the connection string are used.
    /// </summary>
    public bool EnableDiscovery { get; set; } = true;

    /// <summary>How often discovery runs again. Default 10 s. It also runs at once when an instance fails.</summary>
    public TimeSpan DiscoveryInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Only instances of this tier join the rotation; <see langword="null"/> (default) for all tiers.</summary>
    public string? Tier { get; set; }

    /// <summary>
    /// Maps the address an instance advertises in <c>_pico_peer_address</c> to one this client can
    /// reach (NAT, container names, <c>0.0.0.0</c>). By default a wildcard host is replaced by the
    /// host of the instance that answered discovery, and other addresses are used as advertised.
    /// </summary>
    public Func<PicoEndpoint, PicoEndpoint>? AddressTranslator { get; set; }

    /// <summary>
    /// Which name a discovered instance's certificate is checked against under <c>sslmode=verify-full</c> when
    /// <see cref="AddressTranslator"/> maps its advertised address to another host. Default
    /// <see cref="PicoTlsVerificationName.AdvertisedHost"/>: the advertised name, which the certificate is issued
    /// for. A seed is verified against the host of the connection string, and an instance advertising a wildcard
    /// (<c>0.0.0.0</c>) against the host it is reached on, whatever this says.
    /// </summary>
    public PicoTlsVerificationName TlsVerificationName { get; set; } = PicoTlsVerificationName.AdvertisedHost;

    /// <summary>The first wait before re-probing an instance that went down; it doubles per failure. Default 250 ms.</summary>
    public TimeSpan ProbeBackoffInitial { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest wait between probes of a down instance. Default 30 s.</summary>
    public TimeSpan ProbeBackoffMax { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Extra Npgsql connection settings (keywords such as <c>Application Name</c>, or libpq names
    /// such as <c>application_name</c>) for every connection, to seeds and discovered instances alike.
    /// </summary>
    public IDictionary<string, string> ConnectionSettings { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Adjusts each instance's <see cref="NpgsqlDataSourceBuilder"/> (TLS callbacks, type mappings); Picodata's required settings are re-applied after it.</summary>
    public Action<NpgsqlDataSourceBuilder>? ConfigureDataSource { get; set; }

    /// <summary>Where instance up/down and discovery events are logged. Default: nowhere.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Where the client's meter comes from (a host's <see cref="IMeterFactory"/>, which Picopyn.DependencyInjection
    /// passes); <see langword="null"/> (the default): the client makes its own <see cref="Meter"/>, named
    /// <see cref="PicoDiagnostics.MeterName"/> either way.
    /// </summary>
    public IMeterFactory? MeterFactory { get; set; }

    /// <exception cref="PicoConfigurationException">An option is out of range.</exception>
    internal PicoClientOptions Validate()
    {
        Require(MaxConnections is >= 1 and <= 10_000, $"{nameof(MaxConnections)} must be between 1 and 10000; it is {MaxConnections}.");
        Require(WarmUpConnections is null or >= 0, $"{nameof(WarmUpConnections)} must not be negative.");
        Require(AcquireTimeout > TimeSpan.Zero, $"{nameof(AcquireTimeout)} must be positive.");
        Require(ConnectTimeout >= TimeSpan.FromSeconds(1), $"{nameof(ConnectTimeout)} must be at least 1 s (Npgsql counts whole seconds).");
        Require(CommandTimeout >= TimeSpan.Zero, $"{nameof(CommandTimeout)} must not be negative.");
        Require(RebalanceInterval > TimeSpan.Zero || RebalanceInterval == Timeout.InfiniteTimeSpan,
            $"{nameof(RebalanceInterval)} must be positive, or Timeout.InfiniteTimeSpan to never move connections.");
        Require(DiscoveryInterval > TimeSpan.Zero, $"{nameof(DiscoveryInterval)} must be positive.");
        Require(ProbeBackoffInitial > TimeSpan.Zero && ProbeBackoffMax >= ProbeBackoffInitial,
            $"{nameof(ProbeBackoffInitial)} must be positive and no larger than {nameof(ProbeBackoffMax)}.");
        Require(Enum.IsDefined(Balancing), $"{nameof(Balancing)} {Balancing} is not a balancing strategy.");
        Require(Enum.IsDefined(TlsVerificationName), $"{nameof(TlsVerificationName)} {TlsVerificationName} is not a {nameof(PicoTlsVerificationName)}.");
        var copy = (PicoClientOptions)MemberwiseClone();
        return copy;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new PicoConfigurationException(message);
        }
    }
}
