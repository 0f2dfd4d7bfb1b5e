namespace Picopyn.Testing;

/// <summary>How an emulated cluster's application user authenticates over pgproto: Picodata's password methods.</summary>
public enum PicodataAuthMethod
{
    /// <summary><c>md5</c>, Picodata's default for new users: the client sends an md5 digest salted by the server.</summary>
    Md5,

    /// <summary><c>scram-sha256</c>: SCRAM-SHA-256 without channel binding (Picodata offers no <c>-PLUS</c> mechanism).</summary>
    ScramSha256,

    /// <summary>
    /// <c>ldap</c>: Picodata asks for the password in the clear (AuthenticationCleartextPassword) and checks it
    /// with its directory — the method TLS matters most for. The emulation checks it against the user's password.
    /// </summary>
    Ldap,
}
