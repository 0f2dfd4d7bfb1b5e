using Docker.DotNet;
using Docker.DotNet.Models;

namespace Picopyn.Testing.Containers;

/// <content>The instance operations, each on the instance's container: start, stop, kill, restart, pause, the partition, and joining a new instance.</content>
public sealed partial class PicodataContainerCluster
{
    /// <inheritdoc />
    /// <remarks>The container starts again with its data, on the same published ports; it is waited for until ready and Online.</remarks>
    public Task StartInstanceAsync(string name, CancellationToken cancellationToken = default) =>
        ExclusiveAsync(async () =>
        {
            var instance = Find(name);
            if (instance.ProcessState == InstanceProcessState.Running)
            {
                throw new PicodataContainerException($"Instance '{name}' already runs on 127.0.0.1:{instance.Port}.");
            }

            await StartStoppedAsync(instance, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    /// <remarks><c>docker stop</c>: SIGTERM, then the instance is waited for until another one's <c>_pico_instance</c> says Offline.</remarks>
    public Task StopInstanceAsync(string name, CancellationToken cancellationToken = default) =>
        ExclusiveAsync(() => StopRunningAsync(RequireRunning(name, "stop"), cancellationToken), cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// <c>SIGKILL</c> to the container. The system tables still say Online — until, on real Picodata, the governor
    /// notices (seconds later); the emulated image has no governor and keeps saying Online.
    /// </remarks>
    public Task KillInstanceAsync(string name, CancellationToken cancellationToken = default) =>
        ExclusiveAsync(async () =>
        {
            var instance = RequireRunning(name, "kill");
            if (instance.IsPaused)
            {
                // A paused container takes no signal until it is unpaused; the kill must land at once.
                await instance.Container.UnpauseAsync(cancellationToken).ConfigureAwait(false);
                instance.IsPaused = false;
            }

            await _docker!.Containers.KillContainerAsync(instance.ContainerId, new ContainerKillParameters { Signal = "KILL" }, cancellationToken)
                .ConfigureAwait(false);
            instance.ProcessState = InstanceProcessState.Killed;
        }, cancellationToken);

    /// <inheritdoc />
    public Task RestartInstanceAsync(string name, CancellationToken cancellationToken = default) =>
        ExclusiveAsync(async () =>
        {
            var instance = Find(name);
            if (instance.ProcessState == InstanceProcessState.Running)
            {
                await StopRunningAsync(instance, cancellationToken).ConfigureAwait(false);
            }

            await StartStoppedAsync(instance, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// <c>docker pause</c>: every process of the container is frozen. Its published ports still take connections (Docker's
    /// proxy on the host accepts them) and nothing answers until <see cref="ThawInstanceAsync"/>.
    /// </remarks>
    public Task FreezeInstanceAsync(string name, CancellationToken cancellationToken = default) =>
        ExclusiveAsync(async () =>
        {
            var instance = RequireRunning(name, "freeze");
            if (!instance.IsPaused)
            {
                await PauseAsync(instance, cancellationToken).ConfigureAwait(false);
                instance.IsPaused = true;
            }
        }, cancellationToken);

    /// <inheritdoc />
    public Task ThawInstanceAsync(string name, CancellationToken cancellationToken = default) =>
        ExclusiveAsync(async () =>
        {
            var instance = Find(name);
            if (instance.IsPaused)
            {
                await instance.Container.UnpauseAsync(cancellationToken).ConfigureAwait(false);
                instance.IsPaused = false;
            }
        }, cancellationToken);

    /// <summary>
    /// A partition between the clients and one instance: its container leaves the clients' network and stays on the
    /// cluster's, alive and Online to its peers. Its published ports still accept connections (Docker's proxy on the
    /// host) but nothing reaches the instance behind them, so what a client sends goes unanswered; the connections it
    /// had stay open and silent. <see cref="ReconnectInstanceAsync"/> heals it on the same ports.
    /// </summary>
    public Task DisconnectInstanceAsync(string name, CancellationToken cancellationToken = default) =>
        ExclusiveAsync(async () =>
        {
            var instance = RequireRunning(name, "disconnect");
            if (!instance.IsDisconnected)
            {
                await _docker!.Networks.DisconnectNetworkAsync(
                    _clientNetwork!.Name, new NetworkDisconnectParameters { Container = instance.ContainerId, Force = true }, cancellationToken).ConfigureAwait(false);
                instance.IsDisconnected = true;
            }
        }, cancellationToken);

    /// <summary>Heals <see cref="DisconnectInstanceAsync"/>: the container rejoins the clients' network and its published ports reach it again.</summary>
    public Task ReconnectInstanceAsync(string name, CancellationToken cancellationToken = default) =>
        ExclusiveAsync(async () =>
        {
            var instance = Find(name);
            if (instance.IsDisconnected)
            {
                await instance.Container.ConnectAsync(_clientNetwork!, cancellationToken).ConfigureAwait(false);
                instance.IsDisconnected = false;
            }
        }, cancellationToken);

    /// <inheritdoc />
    /// <remarks>A new container joins through instance 1 and is waited for until Online; <paramref name="online"/> must be <see langword="true"/> (Picodata decides when a joining instance goes Online).</remarks>
    public Task<IPicodataInstance> AddInstanceAsync(bool online = true, CancellationToken cancellationToken = default)
    {
        if (!online)
        {
            throw new NotSupportedException("A joining Picodata instance goes Online when the cluster says so; a container cluster cannot hold it Offline.");
        }

        return ExclusiveAsync<IPicodataInstance>(async () =>
        {
            int index;
            lock (_instances)
            {
                index = _instances.Max(i => i.Recipe.Index) + 1;
            }

            var instance = await LaunchAsync(index, cancellationToken).ConfigureAwait(false);
            await WaitForStateAsync(instance, InstanceState.Online, cancellationToken).ConfigureAwait(false);
            return instance;
        }, cancellationToken);
    }

    // runc's cgroup freezer can fail to freeze busy processes ("unable to freeze"), and then thaws them again: try anew.
    private static async Task PauseAsync(PicodataContainerInstance instance, CancellationToken cancellationToken)
    {
        const int attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await instance.Container.PauseAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (DockerApiException exception) when (attempt < attempts && exception.Message.Contains("unable to freeze", StringComparison.Ordinal))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task StartStoppedAsync(PicodataContainerInstance instance, CancellationToken cancellationToken)
    {
        var incarnation = instance.Incarnation;
        await StartContainerAsync(instance, cancellationToken).ConfigureAwait(false);
        await WaitUntilAsync(
            async () =>
            {
                await RefreshAsync(cancellationToken).ConfigureAwait(false);
                return instance.State == InstanceState.Online && instance.Incarnation > incarnation;
            },
            $"'{instance.Name}' Online again with an incarnation above {incarnation}",
            cancellationToken).ConfigureAwait(false);
    }

    private async Task StopRunningAsync(PicodataContainerInstance instance, CancellationToken cancellationToken)
    {
        if (instance.IsPaused)
        {
            await instance.Container.UnpauseAsync(cancellationToken).ConfigureAwait(false);
            instance.IsPaused = false;
        }

        await instance.Container.StopAsync(cancellationToken).ConfigureAwait(false);
        instance.ProcessState = InstanceProcessState.Stopped;
        bool othersReachable;
        lock (_instances)
        {
            othersReachable = _instances.Exists(i => i.IsReachable);
        }

        if (othersReachable)
        {
            await WaitForStateAsync(instance, InstanceState.Offline, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task WaitForStateAsync(PicodataContainerInstance instance, InstanceState state, CancellationToken cancellationToken) =>
        WaitUntilAsync(
            async () =>
            {
                await RefreshAsync(cancellationToken).ConfigureAwait(false);
                return instance.State == state;
            },
            $"'{instance.Name}' {state} in _pico_instance",
            cancellationToken);
}
