using System.Security.Cryptography;
using System.Text;

namespace Picopyn.Testing.Emulation;

/// <summary>
/// What a login stores in place of its password, in PostgreSQL's formats, for each of Picodata's password methods:
/// the emulation never keeps a password, and a SCRAM verifier makes PostgreSQL ask for SCRAM-SHA-256.
/// </summary>
internal static class PasswordVerifiers
{
    // PostgreSQL's own defaults for a SCRAM verifier (scram_iterations, a 16-byte salt).
    private const int ScramIterations = 4096;
    private const int ScramSaltLength = 16;

    /// <summary>
    /// An md5 verifier no password produces (md5 output is never all zeros in practice): what a user stores whose
    /// method pgproto does not serve (chap-sha1), so its login fails with 28P01 as on Picodata.
    /// </summary>
    public const string NeverMatches = "md500000000000000000000000000000000";

    /// <summary>The verifier <paramref name="user"/> stores for <paramref name="password"/> under <paramref name="method"/>.</summary>
    /// <remarks>LDAP checks the password itself, which the emulation does against an md5 verifier (the server asks for it in the clear).</remarks>
    public static string For(PicodataAuthMethod method, string user, string password) => method switch
    {
        PicodataAuthMethod.ScramSha256 => ScramSha256(password),
        _ => Md5(user, password),
    };

    /// <summary>PostgreSQL's md5 hash: <c>md5</c> + md5(password + user).</summary>
    public static string Md5(string user, string password)
    {
#pragma warning disable CA5351 // md5 is what Picodata's and PostgreSQL's md5 authentication are made of.
        var hash = MD5.HashData(Encoding.UTF8.GetBytes(password + user));
#pragma warning restore CA5351
        return "md5" + Convert.ToHexString(hash).ToLowerInvariant();
    }

    /// <summary>
    /// A SCRAM-SHA-256 verifier (RFC 5802, RFC 7677) as PostgreSQL stores it:
    /// <c>SCRAM-SHA-256$iterations:salt$StoredKey:ServerKey</c>. The password is taken as UTF-8 without SASLprep,
    /// which leaves ASCII passwords as they are.
    /// </summary>
    public static string ScramSha256(string password) => ScramSha256(password, RandomNumberGenerator.GetBytes(ScramSaltLength), ScramIterations);

    /// <summary>The verifier for a given salt and iteration count: for checking against published vectors.</summary>
    internal static string ScramSha256(string password, byte[] salt, int iterations)
    {
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        var storedKey = SHA256.HashData(HMACSHA256.HashData(salted, "Client Key"u8));
        var serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        return $"SCRAM-SHA-256${iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}";
    }
}
