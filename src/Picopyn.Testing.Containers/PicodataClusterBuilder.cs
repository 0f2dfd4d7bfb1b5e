using System.Security.Cryptography;

namespace Picopyn.Testing.Containers;

/// <summary>
/// Describes a Picodata cluster in Docker containers and builds it: one container per instance on a network of their
/// own, configured by Picodata's environment variables (<see cref="PicodataInstanceRecipe"/>), with the application
/// user created and granted what discovery needs.
/// </summary>
/// <remarks>
/// Each <c>With…</c> returns a new builder; the one it is called on is unchanged. Passwords are checked against
/// Picodata's policy here, so a weak one fails when the cluster is described rather than when an instance refuses it.
/// </remarks>
/// <example>
/// <code>
/// await using var cluster = new PicodataClusterBuilder().WithInstances(3).WithUser("app", "Secr3tPassw0rd").Build();
/// await cluster.StartAsync();
/// await using var client = await PicoClient.ConnectAsync(cluster.BuildDsn(),
///     new PicoClientOptions { AddressTranslator = cluster.AddressTranslator.AsOption() });
/// </code>
/// </example>
public sealed class PicodataClusterBuilder
{
    private readonly PicodataClusterSettings _settings;

    /// <summary>A builder for three instances of <see cref="PicodataImage.Default"/>, replication factor 1, user <c>app</c> with a random password.</summary>
    public PicodataClusterBuilder()
        : this(new PicodataClusterSettings(
            PicodataImage.Default,
            Instances: 3,
            ReplicationFactor: 1,
            User: "app",
            Password: RandomPassword(),
            AdminPassword: RandomPassword(),
            NamePrefix: "picodata-" + RandomNumberGenerator.GetHexString(6, lowercase: true),
            StartupTimeout: TimeSpan.FromMinutes(2)))
    {
    }

    private PicodataClusterBuilder(PicodataClusterSettings settings) => _settings = settings;

    /// <summary>The image every instance runs: Picodata's (<see cref="PicodataImage.Default"/>), a mirror of it, another version, or an emulated image.</summary>
    public PicodataClusterBuilder WithImage(string image)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        return new(_settings with { Image = image });
    }

    /// <summary>How many instances start with the cluster (1 or more); more join later with <see cref="PicodataContainerCluster.AddInstanceAsync"/>.</summary>
    public PicodataClusterBuilder WithInstances(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new(_settings with { Instances = count });
    }

    /// <summary>Instances per replicaset (<c>PICODATA_INIT_REPLICATION_FACTOR</c>), read when the cluster bootstraps.</summary>
    public PicodataClusterBuilder WithReplicationFactor(int factor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        return new(_settings with { ReplicationFactor = factor });
    }

    /// <summary>The application user the cluster creates (<c>CREATE USER … USING md5</c>) and grants table access to.</summary>
    /// <exception cref="ArgumentException">The password breaks Picodata's policy.</exception>
    public PicodataClusterBuilder WithUser(string name, string password)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        PicodataPassword.Require(password, nameof(password));
        return new(_settings with { User = name, Password = password });
    }

    /// <summary>The admin's password (<c>PICODATA_ADMIN_PASSWORD</c>); random by default.</summary>
    /// <exception cref="ArgumentException">The password breaks Picodata's policy.</exception>
    public PicodataClusterBuilder WithAdminPassword(string password)
    {
        PicodataPassword.Require(password, nameof(password));
        return new(_settings with { AdminPassword = password });
    }

    /// <summary>
    /// The start of the instances' names, which are also their container names and advertised hosts
    /// (<c>{prefix}-1</c>…); random by default, so that clusters side by side do not clash.
    /// </summary>
    public PicodataClusterBuilder WithNamePrefix(string prefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        return new(_settings with { NamePrefix = prefix });
    }

    /// <summary>How long an instance may take to be ready (its health endpoint) and Online; 2 minutes by default.</summary>
    public PicodataClusterBuilder WithStartupTimeout(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        return new(_settings with { StartupTimeout = timeout });
    }

    /// <summary>The cluster described so far, not started: call <see cref="PicodataContainerCluster.StartAsync"/>.</summary>
    public PicodataContainerCluster Build() => new(_settings);

    // Random, and always within Picodata's policy: upper and lower case and digits.
    private static string RandomPassword() => "Pw" + RandomNumberGenerator.GetHexString(16, lowercase: true) + "9";
}

/// <summary>What <see cref="PicodataClusterBuilder"/> has been told.</summary>
internal sealed record PicodataClusterSettings(
    string Image,
    int Instances,
    int ReplicationFactor,
    string User,
    string Password,
    string AdminPassword,
    string NamePrefix,
    TimeSpan StartupTimeout)
{
    /// <inheritdoc />
    public override string ToString() => $"{Instances} × {Image}"; // never the passwords
}
