using System.Globalization;

namespace Picopyn.Testing.Containers;

/// <summary>
/// How instance <see cref="Index"/> of a containerised cluster is configured: its container name (also its
/// network alias and advertised host) and the environment Picodata reads at start (the <c>env =</c>
/// names of Picodata's src/cli/args.rs; see docs/picodata.md, "Containers"). Every instance joins through the first one, which
/// is started first.
/// </summary>
/// <param name="Index">1 for the first instance (the one that bootstraps), then 2, 3…</param>
/// <param name="NamePrefix">The common start of the instances' names: <c>picodata</c> gives <c>picodata-1</c>…</param>
/// <param name="ReplicationFactor">Instances per replicaset, read only when the cluster bootstraps.</param>
/// <param name="AdminPassword">The admin's password, read only when the cluster bootstraps; it must pass Picodata's policy.</param>
public sealed record PicodataInstanceRecipe(int Index, string NamePrefix, int ReplicationFactor, string AdminPassword)
{
    /// <summary>The instance's name, container name, network alias and advertised host: <c>{prefix}-{index}</c>.</summary>
    public string Name => string.Create(CultureInfo.InvariantCulture, $"{NamePrefix}-{Index}");

    /// <summary>The address the cluster advertises for its pgproto (what discovery returns): <c>{name}:4327</c>.</summary>
    public PicoEndpoint AdvertisedPgproto => new(Name, PicodataPorts.Pgproto);

    /// <summary>The environment the instance's container starts with.</summary>
    /// <exception cref="ArgumentException">An index, factor or prefix that no cluster can have, or a password Picodata refuses.</exception>
    public IReadOnlyDictionary<string, string> Environment()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Index, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ReplicationFactor, 1);
        ArgumentException.ThrowIfNullOrWhiteSpace(NamePrefix);
        PicodataPassword.Require(AdminPassword, nameof(AdminPassword));
        var first = this with { Index = 1 };
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PICODATA_INSTANCE_NAME"] = Name,
            ["PICODATA_PEER"] = Address(first.Name, PicodataPorts.Iproto),
            ["PICODATA_IPROTO_LISTEN"] = Address("0.0.0.0", PicodataPorts.Iproto),
            ["PICODATA_IPROTO_ADVERTISE"] = Address(Name, PicodataPorts.Iproto),
            ["PICODATA_PG_LISTEN"] = Address("0.0.0.0", PicodataPorts.Pgproto),
            ["PICODATA_PG_ADVERTISE"] = Address(Name, PicodataPorts.Pgproto),
            ["PICODATA_HTTP_LISTEN"] = Address("0.0.0.0", PicodataPorts.Http),
            ["PICODATA_INIT_REPLICATION_FACTOR"] = ReplicationFactor.ToString(CultureInfo.InvariantCulture),
            ["PICODATA_ADMIN_PASSWORD"] = AdminPassword,
        };
    }

    /// <inheritdoc />
    public override string ToString() => Name; // never the password a record's ToString would print

    private static string Address(string host, int port) => string.Create(CultureInfo.InvariantCulture, $"{host}:{port}");
}
