namespace Picopyn;

/// <summary>
/// Which host name a discovered instance's TLS certificate must carry under <c>sslmode=verify-full</c>, when
/// <see cref="PicoClientOptions.AddressTranslator"/> sends the connection somewhere other than the address the
/// instance advertises.
/// </summary>
public enum PicoTlsVerificationName
{
    /// <summary>
    /// The host the instance advertises in <c>_pico_peer_address</c> (the default): the name its certificate is
    /// issued for, wherever the translator sends the connection — what a client behind NAT or a port mapping
    /// expects. The name is also sent as the TLS server name (SNI).
    /// </summary>
    AdvertisedHost,

    /// <summary>The host the translator returned: the client verifies the name it connects to, as a plain connection string does.</summary>
    TranslatedHost,
}
