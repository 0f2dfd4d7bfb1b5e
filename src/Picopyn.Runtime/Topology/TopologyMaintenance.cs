using Microsoft.Extensions.Logging;
using Picopyn.Diagnostics;
using Picopyn.Discovery;
using Picopyn.Pool;

namespace Picopyn.Topology;

/// <summary>
/// Everything the client does off the request path: warm-up at connect, then, in one background
/// task, discovery every interval (and at once when an instance fails), probing down instances
/// with backoff, and moving at most one connection per <see cref="PicoClientOptions.RebalanceInterval"/>
/// toward the placement plan or along its rotation.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Reliability", "CA1001", Justification = "The semaphores are only waited on asynchronously, so they never allocate a wait handle; the closing token ends the task that uses them.")]
internal sealed class TopologyMaintenance
{
    private readonly PicoClientOptions _options;
    private readonly ClusterTopology _topology;
    private readonly Discoverer _discoverer;
    private readonly ConnectionPool _pool;
    private readonly ILogger _logger;
    private readonly CancellationToken _closing;
    private readonly SemaphoreSlim _wakeUp = new(0);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _discoveryRequested;
    private volatile bool _replacementRequested;
    private Task _background = Task.CompletedTask;

    public TopologyMaintenance(
        PicoClientOptions options, ClusterTopology topology, Discoverer discoverer, ConnectionPool pool, ILogger logger, CancellationToken closing)
    {
        _options = options;
        _topology = topology;
        _discoverer = discoverer;
        _pool = pool;
        _logger = logger;
        _closing = closing;
    }

    private bool Rebalances => _options.RebalanceInterval != Timeout.InfiniteTimeSpan;

    // How long a move waits for a busy instance to give up a connection.
    private TimeSpan SurrenderWait => Rebalances ? _options.RebalanceInterval : _options.AcquireTimeout;

    /// <summary>Discovers (when enabled) and opens the warm-up connections as the plan places them.</summary>
    /// <returns><see langword="false"/> when discovery reached no seed host.</returns>
    public async Task<bool> StartAsync(CancellationToken cancellationToken)
    {
        if (_options.EnableDiscovery && !await _discoverer.DiscoverAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var target = Math.Min(_options.WarmUpConnections ?? _options.MaxConnections, _options.MaxConnections);
        while (_pool.OpenConnections < target && _pool.MostWanted(_topology.Nodes) is { } node)
        {
            try
            {
                if (!await _pool.FillAsync(node, cancellationToken).ConfigureAwait(false))
                {
                    break;
                }
            }
            catch (InstanceConnectException exception)
            {
                FailureClassifier.ThrowIfLoginRejected(exception.InnerException!, node, null);
                _topology.MarkDown(exception);
            }
        }

        _background = Task.Run(RunAsync, CancellationToken.None);
        return true;
    }

    /// <summary>Asks the background task to run discovery now.</summary>
    public void RequestDiscovery()
    {
        _discoveryRequested = true;
        WakeUp();
    }

    /// <summary>Asks the background task to replace connections that closed (broken, or their instance left).</summary>
    public void RequestReplacement()
    {
        _replacementRequested = true;
        WakeUp();
    }

    /// <summary>Discovery now, a probe of every down instance, and the placement brought to the plan.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_options.EnableDiscovery)
            {
                await _discoverer.DiscoverAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var node in _topology.Nodes.Where(n => n.IsDown))
            {
                await ProbeAsync(node, cancellationToken).ConfigureAwait(false);
            }

            await ReplaceDroppedAsync(cancellationToken).ConfigureAwait(false);
            for (var moves = 0; moves < _options.MaxConnections; moves++)
            {
                if (!await RebalanceStepAsync(rotate: false, cancellationToken).ConfigureAwait(false))
                {
                    break;
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>One placement step, as the background takes every interval (for tests that step the rotation themselves).</summary>
    public async Task<bool> RebalanceOnceAsync(bool rotate, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RebalanceStepAsync(rotate, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Waits for the background task to end (the closing token stops it).</summary>
    public async Task StopAsync()
    {
        try
        {
            await _background.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The background task ends by cancellation.
        }
    }

    private async Task RunAsync()
    {
        var nextDiscovery = DateTime.UtcNow + _options.DiscoveryInterval;
        var nextRebalance = Rebalances ? DateTime.UtcNow + _options.RebalanceInterval : DateTime.MaxValue;
        while (!_closing.IsCancellationRequested)
        {
            try
            {
                var wake = _options.EnableDiscovery ? nextDiscovery : DateTime.UtcNow + _options.ProbeBackoffMax;
                wake = wake < nextRebalance ? wake : nextRebalance;
                foreach (var node in _topology.Nodes)
                {
                    if (node.IsDown && node.NextProbeUtc < wake)
                    {
                        wake = node.NextProbeUtc;
                    }
                }

                var delay = wake - DateTime.UtcNow;
                if (delay > TimeSpan.Zero)
                {
                    await _wakeUp.WaitAsync(delay, _closing).ConfigureAwait(false);
                }

                await _gate.WaitAsync(_closing).ConfigureAwait(false);
                try
                {
                    if (_options.EnableDiscovery && (_discoveryRequested || DateTime.UtcNow >= nextDiscovery))
                    {
                        _discoveryRequested = false;
                        await _discoverer.DiscoverAsync(_closing).ConfigureAwait(false);
                        nextDiscovery = DateTime.UtcNow + _options.DiscoveryInterval;
                    }

                    foreach (var node in _topology.Nodes)
                    {
                        if (node.IsDown && node.NextProbeUtc <= DateTime.UtcNow)
                        {
                            await ProbeAsync(node, _closing).ConfigureAwait(false);
                        }
                    }

                    if (_replacementRequested)
                    {
                        _replacementRequested = false;
                        await ReplaceDroppedAsync(_closing).ConfigureAwait(false);
                    }

                    if (DateTime.UtcNow >= nextRebalance)
                    {
                        await RebalanceStepAsync(rotate: true, _closing).ConfigureAwait(false);
                        nextRebalance = DateTime.UtcNow + _options.RebalanceInterval;
                    }

                    await _topology.ForgetRetiredAsync().ConfigureAwait(false);
                }
                finally
                {
                    _gate.Release();
                }
            }
            catch (Exception exception) when (_closing.IsCancellationRequested && exception is OperationCanceledException or ObjectDisposedException)
            {
                // The client is being disposed: whatever this round was doing stops here.
                return;
            }
            catch (Exception exception)
            {
                Log.BackgroundFailed(_logger, exception);
            }
        }
    }

    private void WakeUp()
    {
        if (_wakeUp.CurrentCount == 0)
        {
            _wakeUp.Release();
        }
    }

    private async Task ReplaceDroppedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _pool.ReplaceDroppedAsync(_topology.Nodes, cancellationToken).ConfigureAwait(false);
        }
        catch (InstanceConnectException exception)
        {
            _topology.MarkDown(exception);
        }
    }

    private async Task<bool> RebalanceStepAsync(bool rotate, CancellationToken cancellationToken)
    {
        try
        {
            return await _pool.RebalanceOnceAsync(_topology.Nodes, rotate, SurrenderWait, cancellationToken).ConfigureAwait(false);
        }
        catch (InstanceConnectException exception)
        {
            _topology.MarkDown(exception);
            return false;
        }
    }

    /// <summary>Tries to connect to a down instance; success puts it back in rotation.</summary>
    private async Task ProbeAsync(InstanceNode node, CancellationToken cancellationToken)
    {
        try
        {
            // Connecting is the probe; the connection then stays in the pool for the next statement.
            await _topology.RunOnAsync(node, null, static (_, _, _) => Task.FromResult(true), cancellationToken).ConfigureAwait(false);
        }
        catch (InstanceConnectException exception)
        {
            node.LastFailure = FailureClassifier.Describe(exception.InnerException!);
            node.ProbeFailed(_options.ProbeBackoffMax);
        }
        catch (PicoPoolTimeoutException)
        {
            // Every connection is busy: probe on the next round, without counting it as a failure.
        }
        catch (Exception exception) when (FailureClassifier.IsInstanceFailure(exception, cancellationToken))
        {
            node.LastFailure = FailureClassifier.Describe(exception);
            node.ProbeFailed(_options.ProbeBackoffMax);
        }
    }
}
