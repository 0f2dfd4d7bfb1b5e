using Microsoft.Extensions.Logging;
using Npgsql;
using Picopyn.Diagnostics;
using Picopyn.Pool;
using Picopyn.Topology;

namespace Picopyn.Discovery;

/// <summary>
/// Reads the cluster's instances from the system tables through the first instance that answers,
/// and makes the Online ones (of the chosen tier) the rotation.
/// </summary>
internal sealed class Discoverer
{
    private readonly ClusterTopology _topology;
    private readonly PicoClientOptions _options;
    private readonly int _seedCount;
    private readonly PicoMetrics _metrics;
    private readonly ILogger _logger;
    private bool _unavailableLogged;
    private bool _legacyInstanceUuid;
    private bool _bucketMapUnavailableLogged;
    private DateTime _bucketMapRetryUtc;

    public Discoverer(ClusterTopology topology, PicoClientOptions options, int seedCount, PicoMetrics metrics, ILogger logger)
    {
        _topology = topology;
        _options = options;
        _seedCount = seedCount;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>How long a client waits before asking again for a bucket map a server could not give.</summary>
    private static readonly TimeSpan BucketMapRetry = TimeSpan.FromMinutes(5);

    private enum Outcome
    {
        Answered,
        Unavailable,
        InstanceFailed,
        NoInstance,
        PoolBusy,
    }

    /// <summary>Runs discovery once.</summary>
    /// <returns><see langword="true"/> when some instance answered, even if the tables could not be read.</returns>
    /// <exception cref="PicoConnectionException">The login or database was refused.</exception>
    public async Task<bool> DiscoverAsync(CancellationToken cancellationToken)
    {
        // Any instance in rotation can answer: through an idle connection wherever there is one, so
        // that discovery never moves a connection. Then the down ones, seeds first: one may be back.
        var failed = new List<InstanceNode>();
        var outcome = Outcome.InstanceFailed;
        while (outcome == Outcome.InstanceFailed)
        {
            outcome = await TryThroughAsync(null, failed, cancellationToken).ConfigureAwait(false);
        }

        foreach (var node in _topology.Nodes.Where(n => n.IsDown && !failed.Contains(n)).ToArray())
        {
            if (outcome != Outcome.NoInstance && outcome != Outcome.InstanceFailed)
            {
                break;
            }

            outcome = await TryThroughAsync(node, failed, cancellationToken).ConfigureAwait(false);
        }

        if (outcome is Outcome.NoInstance or Outcome.InstanceFailed)
        {
            _metrics.Discovered("unreachable");
        }

        return outcome is Outcome.Answered or Outcome.Unavailable;
    }

    // Reads the topology through `node` (null: any instance in rotation outside `failed`) and applies it.
    private async Task<Outcome> TryThroughAsync(InstanceNode? node, List<InstanceNode> failed, CancellationToken cancellationToken)
    {
        InstanceNode? answering = null;
        try
        {
            var answer = await _topology.RunOnAsync(node, failed, (through, connection, ct) =>
            {
                answering = through;
                return ReadAsync(connection, ct);
            }, cancellationToken).ConfigureAwait(false);
            if (answering is null)
            {
                return Outcome.NoInstance;
            }

            var self = answer!.SelfUuid;
            if (answer.SelfUnknown)
            {
                self = await ReadLegacySelfUuidAsync(answering, cancellationToken).ConfigureAwait(false);
            }

            Apply(answer.Instances, answering, self);
            if (answer.Buckets is not null)
            {
                _topology.Buckets = answer.Buckets;
            }

            _unavailableLogged = false;
            _metrics.Discovered("ok");
            return Outcome.Answered;
        }
        catch (PicoPoolTimeoutException)
        {
            // Every connection is busy with callers' statements: try again on the next round.
            return Outcome.PoolBusy;
        }
        catch (PostgresException exception) when (FailureClassifier.IsServerAnswer(exception) && !FailureClassifier.IsLoginRejected(exception, out _))
        {
            // Typically Picodata's "Read access to space '_pico_instance' is denied": work on the seeds.
            _metrics.Discovered("unavailable");
            if (!_unavailableLogged)
            {
                _unavailableLogged = true;
                Log.DiscoveryUnavailable(_logger, exception.MessageText, _seedCount);
            }

            return Outcome.Unavailable;
        }
        catch (Exception exception) when (FailureClassifier.IsInstanceFailure(exception, cancellationToken))
        {
            var cause = exception is InstanceConnectException connect ? connect.InnerException! : exception;
            var failedNode = (exception as InstanceConnectException)?.Node ?? answering ?? node;
            if (failedNode is null)
            {
                throw;
            }

            FailureClassifier.ThrowIfLoginRejected(cause, failedNode, DiscoveryQueries.Instances);
            _topology.MarkDown(failedNode, FailureClassifier.Describe(cause));
            failed.Add(failedNode);
            return Outcome.InstanceFailed;
        }
    }

    private sealed record Answer(List<DiscoveredInstance> Instances, string? SelfUuid, bool SelfUnknown, Routing.BucketMap? Buckets);

    // The instances, which of them answers, and where the buckets live, on one connection: discovery never
    // takes a connection of its own (that would move one under a cap below the instance count).
    private async Task<Answer> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var instances = await DiscoveryQueries.ReadInstancesAsync(connection, cancellationToken).ConfigureAwait(false);
        if (_legacyInstanceUuid)
        {
            return new Answer(instances, null, SelfUnknown: true, null);
        }

        string? self;
        try
        {
            self = await DiscoveryQueries.ReadScalarAsync(connection, DiscoveryQueries.SelfUuid, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException exception) when (FailureClassifier.IsServerAnswer(exception))
        {
            // No pico_instance_uuid() here (Picodata before 25.3): the legacy one, on a fresh
            // connection, since Npgsql breaks the connection after Picodata's XX000.
            return new Answer(instances, null, SelfUnknown: true, null);
        }

        return new Answer(instances, self, false, await ReadBucketMapAsync(connection, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The bucket map, last on discovery's connection. A server that cannot give it — no grants, or no
    /// <c>_pico_bucket</c> before Picodata 25.5.1 — answers XX000, which costs the connection (Npgsql breaks it):
    /// then there is no map, said once, and it is asked again only after <see cref="BucketMapRetry"/>.
    /// </summary>
    private async Task<Routing.BucketMap?> ReadBucketMapAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (DateTime.UtcNow < _bucketMapRetryUtc)
        {
            return null;
        }

        try
        {
            var map = await Routing.BucketMapQueries.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
            _bucketMapUnavailableLogged = false;
            return map;
        }
        catch (PostgresException exception) when (FailureClassifier.IsServerAnswer(exception))
        {
            _topology.Buckets = null;
            _bucketMapRetryUtc = DateTime.UtcNow + BucketMapRetry;
            if (!_bucketMapUnavailableLogged)
            {
                _bucketMapUnavailableLogged = true;
                Log.BucketMapUnavailable(_logger, exception.MessageText);
            }

            return null;
        }
    }

    /// <summary>Which instance answers on servers before 25.3: the deprecated <c>instance_uuid()</c>.</summary>
    private async Task<string?> ReadLegacySelfUuidAsync(InstanceNode node, CancellationToken cancellationToken)
    {
        try
        {
            var uuid = await _topology.RunOnAsync(
                node, null, static (_, connection, ct) => DiscoveryQueries.ReadScalarAsync(connection, DiscoveryQueries.LegacySelfUuid, ct), cancellationToken)
                .ConfigureAwait(false);
            if (!_legacyInstanceUuid)
            {
                _legacyInstanceUuid = true;
                Log.LegacyInstanceUuid(_logger, node.DisplayName);
            }

            return uuid;
        }
        catch (Exception exception) when (FailureClassifier.IsInstanceFailure(exception, cancellationToken))
        {
            return null;
        }
    }

    private void Apply(List<DiscoveredInstance> instances, InstanceNode answering, string? selfUuid)
    {
        var desired = new List<(PicoEndpoint Endpoint, string CertificateHost, InstanceIdentity Identity)>();
        foreach (var instance in instances.OrderBy(i => i.Name, StringComparer.Ordinal))
        {
            if (instance.CurrentState != "Online" || (_options.Tier is { } tier && instance.Tier != tier))
            {
                continue;
            }

            PicoEndpoint endpoint;
            string certificateHost;
            if (instance.Uuid == selfUuid)
            {
                // The address this client reached it on is known to work, whatever it advertises.
                endpoint = answering.Endpoint;
                certificateHost = answering.CertificateHost;
            }
            else
            {
                try
                {
                    (endpoint, certificateHost) = Translate(PicoEndpoint.Parse(instance.Address), answering.Endpoint);
                }
                catch (PicoConfigurationException)
                {
                    Log.BadAdvertisedAddress(_logger, instance.Name, instance.Address);
                    continue;
                }
            }

            if (!desired.Exists(d => d.Endpoint == endpoint))
            {
                desired.Add((endpoint, certificateHost, new InstanceIdentity(instance.Name, instance.Uuid, instance.Tier, instance.ReplicasetName)));
            }
        }

        if (desired.Count == 0)
        {
            Log.DiscoveryFoundNothing(_logger, _options.Tier is null ? string.Empty : $" in tier '{_options.Tier}'");
            return;
        }

        _topology.Apply(desired);
        Log.DiscoveryCompleted(_logger, answering.DisplayName, instances.Count(i => i.CurrentState == "Online"), desired.Count);
    }

    /// <summary>
    /// Where the client reaches an advertised address — the user's translator's answer, else the address itself, but
    /// a wildcard host (<c>0.0.0.0</c>) is the host of the instance that answered — and the name its certificate is
    /// verified against: the advertised host unless <see cref="PicoClientOptions.TlsVerificationName"/> says the
    /// translated one (a wildcard, which no certificate carries, is verified as the host reached).
    /// </summary>
    private (PicoEndpoint Endpoint, string CertificateHost) Translate(PicoEndpoint advertised, PicoEndpoint answering)
    {
        var reachable = advertised.IsWildcard ? advertised with { Host = answering.Host } : advertised;
        if (_options.AddressTranslator is not { } translate)
        {
            return (reachable, reachable.Host);
        }

        var translated = translate(advertised);
        return (translated, _options.TlsVerificationName == PicoTlsVerificationName.AdvertisedHost ? reachable.Host : translated.Host);
    }
}
