namespace Picopyn.Testing.Containers;

/// <summary>
/// The client's <see cref="PicoClientOptions.AddressTranslator"/> for a containerised cluster: the instances
/// advertise their container names (<c>picodata-2:4327</c>), which a client on the host cannot resolve, and each
/// pgproto port is published on a free host port. Advertised addresses it does not know pass unchanged.
/// </summary>
public sealed class PublishedAddressTranslator
{
    // Host names are case-insensitive (DNS); an advertised name may come back in another case than it was set.
    private readonly Dictionary<PicoEndpoint, PicoEndpoint> _published = new(EndpointComparer.Instance);
    private readonly object _lock = new();

    /// <summary>Maps an instance's advertised pgproto address to where the host reaches it (again after a restart republished it).</summary>
    public void Publish(PicoEndpoint advertised, PicoEndpoint onHost)
    {
        lock (_lock)
        {
            _published[advertised] = onHost;
        }
    }

    /// <summary>Where the host reaches <paramref name="advertised"/>: the published port, or the address itself when it was never published.</summary>
    public PicoEndpoint Translate(PicoEndpoint advertised)
    {
        lock (_lock)
        {
            return _published.TryGetValue(advertised, out var onHost) ? onHost : advertised;
        }
    }

    /// <summary>This translator as the option takes it: <c>options.AddressTranslator = translator.AsOption()</c>.</summary>
    public Func<PicoEndpoint, PicoEndpoint> AsOption() => Translate;
}

file sealed class EndpointComparer : IEqualityComparer<PicoEndpoint>
{
    public static readonly EndpointComparer Instance = new();

    public bool Equals(PicoEndpoint x, PicoEndpoint y) => x.Port == y.Port && string.Equals(x.Host, y.Host, StringComparison.OrdinalIgnoreCase);

    public int GetHashCode(PicoEndpoint endpoint) => HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(endpoint.Host), endpoint.Port);
}
