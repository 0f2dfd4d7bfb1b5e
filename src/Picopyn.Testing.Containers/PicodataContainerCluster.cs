using Docker.DotNet;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Networks;
using Npgsql;

namespace Picopyn.Testing.Containers;

/// <summary>
/// A Picodata cluster in Docker containers, made by <see cref="PicodataClusterBuilder"/>: one container per instance,
/// driven through <see cref="IPicodataCluster"/> so tests written for the emulated cluster run on it unchanged.
/// </summary>
/// <remarks>
/// <para>
/// Two networks: the <em>clients'</em> network, on which each instance's pgproto and HTTP ports are published on fixed
/// loopback ports of the host, and the <em>cluster's</em> network (internal, unreachable from the host), on which the
/// instances also reach each other. Taking an instance off the clients' network
/// (<see cref="DisconnectInstanceAsync"/>) is a partition: the client's connections to it go unanswered while it
/// stays Online to its peers. Instance operations map to containers: stop (<c>docker stop</c>, graceful), kill
/// (<c>SIGKILL</c>), start, restart, freeze (<c>docker pause</c>) and thaw.
/// </para>
/// <para>
/// The cluster is set up as Picodata's container recipe says (see docs/picodata.md, "Containers"): instance 1 first, the others
/// join through it; each is waited for on <c>/api/v1/health/ready</c> and then until <c>_pico_instance</c> says
/// Online; then, as the admin over pgproto, the application user is created (<c>USING md5</c>) and granted
/// <c>CREATE</c>, <c>READ</c> and <c>WRITE TABLE</c>. Instances advertise their container names; clients reach them
/// through <see cref="AddressTranslator"/>.
/// </para>
/// <para>
/// What only an emulation can do — change the system tables behind the cluster's back, slow or cut a wire, read a
/// statement log — throws <see cref="NotSupportedException"/> here.
/// </para>
/// </remarks>
public sealed partial class PicodataContainerCluster : IPicodataCluster
{
    private const string Admin = "admin";
    private const string ClusterDatabase = "picodata";
    private static readonly TimeSpan GateTimeoutOnDispose = TimeSpan.FromMinutes(2);

    private readonly PicodataClusterSettings _settings;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<PicodataContainerInstance> _instances = [];
    private INetwork? _clientNetwork;
    private INetwork? _clusterNetwork;
    private DockerClient? _docker;
    private int _lifecycle; // 0 new, 1 started (or starting), 2 disposed

    internal PicodataContainerCluster(PicodataClusterSettings settings) => _settings = settings;

    /// <summary>Maps the instances' advertised addresses to their published ports: give <see cref="PublishedAddressTranslator.AsOption"/> to <see cref="PicoClientOptions.AddressTranslator"/>.</summary>
    public PublishedAddressTranslator AddressTranslator { get; } = new();

    /// <summary>The image the instances run.</summary>
    public string Image => _settings.Image;

    /// <inheritdoc />
    public IReadOnlyList<IPicodataInstance> Instances
    {
        get
        {
            lock (_instances)
            {
                return _instances.ToArray();
            }
        }
    }

    /// <inheritdoc />
    public string User => _settings.User;

    /// <inheritdoc />
    public string Password => _settings.Password;

    /// <summary>The database name clients put in the startup packet; Picodata ignores it.</summary>
    public string Database => ClusterDatabase;

    /// <inheritdoc />
    public IPicodataInstance GetInstance(string name) => Find(name);

    /// <inheritdoc />
    /// <remarks>The hosts are the published loopback ports, which a client on the host reaches without translation.</remarks>
    public string BuildDsn(IEnumerable<IPicodataInstance>? seeds = null)
    {
        var hosts = string.Join(',', (seeds ?? Instances).Select(i => $"{i.Host}:{i.Port}"));
        if (hosts.Length == 0)
        {
            throw new ArgumentException("A DSN needs at least one instance.", nameof(seeds));
        }

        return $"postgresql://{Uri.EscapeDataString(User)}:{Uri.EscapeDataString(Password)}@{hosts}/{Uri.EscapeDataString(Database)}";
    }

    /// <inheritdoc />
    /// <exception cref="PicodataContainerException">An instance did not become ready or Online in time (its container's log is in the message), or the user set-up was refused.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _lifecycle, 1, 0) != 0)
        {
            throw new PicodataContainerException(_lifecycle == 2 ? "The cluster was disposed; build a new one." : "The cluster was already started.");
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _docker = TestcontainersSettings.OS.DockerEndpointAuthConfig.GetDockerClientBuilder(Guid.NewGuid()).Build();
            _clientNetwork = new NetworkBuilder().WithName(_settings.NamePrefix + "-clients").WithCleanUp(true).Build();
            // Internal and with no address on the host's side: the host cannot reach an instance through it.
            _clusterNetwork = new NetworkBuilder()
                .WithName(_settings.NamePrefix + "-cluster")
                .WithOption("com.docker.network.bridge.inhibit_ipv4", "true")
                .WithCreateParameterModifier(parameters => parameters.Internal = true)
                .WithCleanUp(true)
                .Build();
            await _clientNetwork.CreateAsync(cancellationToken).ConfigureAwait(false);
            await _clusterNetwork.CreateAsync(cancellationToken).ConfigureAwait(false);

            // Instance 1 bootstraps the cluster; the others join through it.
            await LaunchAsync(1, cancellationToken).ConfigureAwait(false);
            await Task.WhenAll(Enumerable.Range(2, _settings.Instances - 1).Select(i => LaunchAsync(i, cancellationToken))).ConfigureAwait(false);
            await WaitUntilAsync(
                async () => (await RefreshAsync(cancellationToken).ConfigureAwait(false)).All(i => i.State == InstanceState.Online),
                $"all {_settings.Instances} instances Online in _pico_instance",
                cancellationToken).ConfigureAwait(false);
            await CreateApplicationUserAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // A half-started cluster is of no use: leave nothing behind and refuse further calls.
            await TearDownAsync().ConfigureAwait(false);
            Volatile.Write(ref _lifecycle, 2);
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Removes every container and both networks.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _lifecycle, 2) == 2)
        {
            return;
        }

        var entered = await _gate.WaitAsync(GateTimeoutOnDispose).ConfigureAwait(false);
        try
        {
            await TearDownAsync().ConfigureAwait(false);
        }
        finally
        {
            if (entered)
            {
                _gate.Release();
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"Picodata in containers: {string.Join(", ", Instances)}";

    // Removed through the engine, forcefully: a container that failed to start, is paused or stopped goes as well.
    private async Task TearDownAsync()
    {
        PicodataContainerInstance[] instances;
        lock (_instances)
        {
            instances = [.. _instances];
        }

        if (_docker is { } docker)
        {
            await Task.WhenAll(instances.Select(i => IgnoreFailureAsync(() => docker.Containers.RemoveContainerAsync(
                i.Recipe.Name, new ContainerRemoveParameters { Force = true, RemoveVolumes = true })))).ConfigureAwait(false);
            foreach (var network in new[] { _clusterNetwork, _clientNetwork })
            {
                if (network is not null)
                {
                    await IgnoreFailureAsync(() => docker.Networks.DeleteNetworkAsync(network.Name)).ConfigureAwait(false);
                }
            }

            docker.Dispose();
        }

        foreach (var instance in instances)
        {
            await IgnoreFailureAsync(() => instance.Container.DisposeAsync().AsTask()).ConfigureAwait(false);
        }
    }

    // Teardown goes on past a failure: one stuck container must not leave the rest behind.
    private static async Task IgnoreFailureAsync(Func<Task> step)
    {
        try
        {
            await step().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DockerApiException or HttpRequestException or TimeoutException or InvalidOperationException)
        {
            // Nothing to do: the next step still runs, and Docker reports what is left.
        }
    }

    private async Task<PicodataContainerInstance> LaunchAsync(int index, CancellationToken cancellationToken)
    {
        var recipe = new PicodataInstanceRecipe(index, _settings.NamePrefix, _settings.ReplicationFactor, _settings.AdminPassword);
        var ports = HostPorts.Allocate(2);
        var container = new ContainerBuilder(_settings.Image)
            .WithName(recipe.Name)
            .WithNetwork(_clientNetwork)
            .WithEnvironment(recipe.Environment())
            .WithPortBinding(ports[0], PicodataPorts.Pgproto)
            .WithPortBinding(ports[1], PicodataPorts.Http)
            .WithCreateParameterModifier(parameters =>
            {
                // Published on loopback only: tests talk to 127.0.0.0/8, nothing else reaches the instances.
                foreach (var binding in parameters.HostConfig?.PortBindings?.Values.SelectMany(b => b) ?? [])
                {
                    binding.HostIP = "127.0.0.1";
                }
            })
            .WithCleanUp(true)
            .Build();
        var instance = new PicodataContainerInstance(recipe, container, ports[0], ports[1], UserConnectionString);
        lock (_instances)
        {
            _instances.Add(instance);
        }

        AddressTranslator.Publish(recipe.AdvertisedPgproto, new PicoEndpoint(instance.Host, instance.Port));
        await StartContainerAsync(instance, cancellationToken).ConfigureAwait(false);
        await instance.Container.ConnectAsync(_clusterNetwork!, cancellationToken).ConfigureAwait(false);
        return instance;
    }

    // Started, then waited for on Picodata's readiness endpoint (docs/picodata.md, "Containers") through its published port.
    private async Task StartContainerAsync(PicodataContainerInstance instance, CancellationToken cancellationToken)
    {
        try
        {
            await instance.Container.StartAsync(cancellationToken).ConfigureAwait(false);
            instance.ProcessState = InstanceProcessState.Running;
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var ready = new Uri($"http://127.0.0.1:{instance.HttpPort}/api/v1/health/ready");
            await WaitUntilAsync(
                async () =>
                {
                    // A container whose program died will never be ready: say so now, with its log, not at the timeout.
                    var state = await _docker!.Containers.InspectContainerAsync(instance.ContainerId, cancellationToken).ConfigureAwait(false);
                    if (state.State is { Running: false } stopped)
                    {
                        throw new PicodataContainerException($"its container exited with code {stopped.ExitCode} before it was ready");
                    }

                    try
                    {
                        using var response = await http.GetAsync(ready, cancellationToken).ConfigureAwait(false);
                        return response.IsSuccessStatusCode;
                    }
                    catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                    {
                        return false;
                    }
                },
                $"'{instance.Name}' ready at {ready}",
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is PicodataContainerException or DockerApiException or InvalidOperationException or TimeoutException)
        {
            throw new PicodataContainerException(
                $"Instance '{instance.Name}' ({_settings.Image}) did not become ready: {exception.Message}{Environment.NewLine}" +
                $"Its log:{Environment.NewLine}{await ReadLogAsync(instance).ConfigureAwait(false)}",
                exception);
        }
    }

    private static async Task<string> ReadLogAsync(PicodataContainerInstance instance)
    {
        try
        {
            var (stdout, stderr) = await instance.Container.GetLogsAsync().ConfigureAwait(false);
            return (stdout + stderr).Trim();
        }
        catch (Exception exception) when (exception is DockerApiException or InvalidOperationException)
        {
            return $"(not readable: {exception.Message})";
        }
    }

    private string UserConnectionString(string host, int port) => ConnectionString(host, port, User, Password);

    private static string ConnectionString(string host, int port, string user, string password) =>
        PicodataNpgsqlSettings.Apply(new NpgsqlConnectionStringBuilder
        {
            Host = host,
            Port = port,
            Username = user,
            Password = password,
            Database = ClusterDatabase,
        }).ConnectionString;

    private PicodataContainerInstance Find(string name)
    {
        lock (_instances)
        {
            return _instances.Find(i => string.Equals(i.Name, name, StringComparison.Ordinal)) ?? throw new PicodataContainerException(
                $"No instance is called '{name}'. Instances: {string.Join(", ", _instances.Select(i => i.Name))}.");
        }
    }

    private PicodataContainerInstance RequireRunning(string name, string operation)
    {
        var instance = Find(name);
        return instance.ProcessState == InstanceProcessState.Running
            ? instance
            : throw new PicodataContainerException($"Cannot {operation} instance '{name}': its container is {instance.ProcessState.ToString().ToLowerInvariant()}.");
    }

    private void RequireStarted()
    {
        if (Volatile.Read(ref _lifecycle) != 1 || _docker is null)
        {
            throw new PicodataContainerException(_lifecycle == 2 ? "The cluster was disposed." : "The cluster is not started: call StartAsync first.");
        }
    }

    private Task<bool> ExclusiveAsync(Func<Task> operation, CancellationToken cancellationToken) =>
        ExclusiveAsync(async () =>
        {
            await operation().ConfigureAwait(false);
            return true;
        }, cancellationToken);

    // Operations on one cluster run one at a time, as IPicodataCluster promises.
    private async Task<T> ExclusiveAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        RequireStarted();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await operation().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
