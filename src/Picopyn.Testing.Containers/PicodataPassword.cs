using System.Globalization;

namespace Picopyn.Testing.Containers;

/// <summary>
/// Picodata's default password policy (<c>auth_password_length_min</c> 8, upper case, lower case and a digit
/// enforced; src/access_control.rs), which <c>PICODATA_ADMIN_PASSWORD</c> and <c>CREATE USER</c> must pass:
/// checked here so that a weak password fails when the cluster is described, in Picodata's words, not when an
/// instance refuses to bootstrap.
/// </summary>
public static class PicodataPassword
{
    /// <summary>Why Picodata would refuse <paramref name="password"/>, in its own message; <see langword="null"/> when it would take it.</summary>
    public static string? Violations(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var violations = new List<string>();
        // Picodata counts bytes (Rust's str::len), not characters.
        var length = System.Text.Encoding.UTF8.GetByteCount(password);
        if (length < 8)
        {
            violations.Add(string.Create(CultureInfo.InvariantCulture, $"too short (expected at least 8 characters, got {length})"));
        }

        if (!password.Any(char.IsUpper))
        {
            violations.Add("missing uppercase letter");
        }

        if (!password.Any(char.IsLower))
        {
            violations.Add("missing lowercase letter");
        }

        if (!password.Any(char.IsAsciiDigit))
        {
            violations.Add("missing digit");
        }

        return violations.Count == 0 ? null : "invalid password: " + string.Join("; ", violations);
    }

    /// <summary>Throws when Picodata would refuse <paramref name="password"/>.</summary>
    /// <exception cref="ArgumentException">The password breaks Picodata's policy; the message says how, never what it is.</exception>
    public static void Require(string password, string parameterName)
    {
        if (Violations(password) is { } why)
        {
            throw new ArgumentException($"Picodata would refuse this password — {why}.", parameterName);
        }
    }
}
