using Npgsql;
using Picopyn.Pool;

namespace Picopyn.Topology;

/// <summary>
/// One instance the client may send statements to: its address and data source, its health
/// (up, or down with a re-probe time), whether it is still in rotation, and its connections.
/// </summary>
/// <remarks>Idle connections and the open count are guarded by the pool's lock.</remarks>
internal sealed class InstanceNode
{
    private readonly object _healthLock = new();
    private volatile InstanceIdentity? _identity;
    private volatile bool _down;
    private volatile bool _retired;
    private int _inFlight;
    private TimeSpan _backoff;
    private DateTime _nextProbeUtc;

    private volatile string _displayName;

    public InstanceNode(PicoEndpoint endpoint, string certificateHost, NpgsqlDataSource dataSource, Tls.TlsExpectation? tls)
    {
        Endpoint = endpoint;
        CertificateHost = certificateHost;
        DataSource = dataSource;
        Tls = tls;
        _displayName = endpoint.ToString();
        PortTag = endpoint.Port;
    }

    public PicoEndpoint Endpoint { get; }

    /// <summary>
    /// The name the instance's TLS certificate is verified against: <see cref="Endpoint"/>'s host, or the advertised
    /// one when a translator moved the connection elsewhere (<see cref="PicoClientOptions.TlsVerificationName"/>).
    /// </summary>
    public string CertificateHost { get; }

    /// <summary>What its certificate must satisfy, for explaining a refusal; <see langword="null"/> when the connection verifies nothing.</summary>
    public Tls.TlsExpectation? Tls { get; }

    /// <summary>Why the instance last failed (connect refused, timed out, lost); for messages.</summary>
    public string? LastFailure { get; set; }

    public NpgsqlDataSource DataSource { get; }

    public InstanceIdentity? Identity
    {
        get => _identity;
        set
        {
            _identity = value;
            _displayName = value is { } identity ? $"{identity.Name} ({Endpoint})" : Endpoint.ToString();
        }
    }

    /// <summary><c>name (host:port)</c> once discovered, else <c>host:port</c>: what messages and logs call it (made once per identity, not per use).</summary>
    public string DisplayName => _displayName;

    /// <summary>The port, boxed once: the <c>server.port</c> of spans and measurements, which take objects.</summary>
    public object PortTag { get; }

    /// <summary>Known to be down: no request goes there until a probe succeeds.</summary>
    public bool IsDown => _down;

    /// <summary>Left the topology: it takes no new work and closes its connections as they come back.</summary>
    public bool IsRetired => _retired;

    /// <summary>May receive new statements.</summary>
    public bool IsEligible => !_down && !_retired;

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Idle connections, oldest first. Pool lock.</summary>
    public IdleConnections Idle { get; } = new();

    /// <summary>Connections open to this instance: idle, busy or being opened. Pool lock.</summary>
    public int OpenConnections { get; set; }

    /// <summary>
    /// The placement waiting for the next healthy connection that comes back to this instance, to
    /// move it elsewhere; <see langword="null"/> when none waits. Pool lock.
    /// </summary>
    public TaskCompletionSource<NpgsqlConnection>? Surrender { get; set; }

    public DateTime NextProbeUtc
    {
        get
        {
            lock (_healthLock)
            {
                return _nextProbeUtc;
            }
        }
    }

    public void StatementStarted() => Interlocked.Increment(ref _inFlight);

    public void StatementEnded() => Interlocked.Decrement(ref _inFlight);

    /// <summary>Takes the instance out of rotation until a probe succeeds.</summary>
    /// <returns><see langword="true"/> when it was up until now.</returns>
    public bool MarkDown(TimeSpan initialBackoff)
    {
        lock (_healthLock)
        {
            if (_down)
            {
                return false;
            }

            _down = true;
            _backoff = initialBackoff;
            _nextProbeUtc = DateTime.UtcNow + _backoff;
            return true;
        }
    }

    /// <summary>A probe failed: wait twice as long (at most <paramref name="maxBackoff"/>) before the next.</summary>
    public void ProbeFailed(TimeSpan maxBackoff)
    {
        lock (_healthLock)
        {
            _backoff = TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, maxBackoff.Ticks));
            _nextProbeUtc = DateTime.UtcNow + _backoff;
        }
    }

    /// <summary>Puts the instance back in rotation.</summary>
    /// <returns><see langword="true"/> when it was down until now.</returns>
    public bool MarkUp()
    {
        lock (_healthLock)
        {
            var wasDown = _down;
            _down = false;
            return wasDown;
        }
    }

    public void Retire() => _retired = true;

    public PicoInstanceInfo Snapshot(int openConnections) => new(
        _identity?.Name, _identity?.Uuid, _identity?.Tier, _identity?.ReplicasetName, Endpoint, IsEligible, InFlight, openConnections, LastFailure);

    public override string ToString() => DisplayName;
}
