namespace Picopyn.Testing.Containers.Tests;

/// <summary>The admin password policy, against the messages of Picodata's own test (test/int/sql/test_sql.py, test_sql_user_password_checks).</summary>
public sealed class PicodataPasswordTests
{
    [Theory]
    // Picodata's test vectors, with the messages its test matches.
    [InlineData("1234", "invalid password: too short (expected at least 8 characters, got 4); missing uppercase letter; missing lowercase letter")]
    [InlineData("withoutdigitsanduppercase", "invalid password: missing uppercase letter; missing digit")]
    // The other rules, one at a time.
    [InlineData("NOLOWERCASE1", "invalid password: missing lowercase letter")]
    [InlineData("Short1a", "invalid password: too short (expected at least 8 characters, got 7)")]
    public void Says_what_Picodata_says_of_a_password_it_refuses(string password, string expected) =>
        Assert.Equal(expected, PicodataPassword.Violations(password));

    [Theory]
    [InlineData("Passw0rd")]
    [InlineData("S3cret-Pa55-Never-Shown")]
    public void Takes_what_Picodata_takes(string password) => Assert.Null(PicodataPassword.Violations(password));

    [Fact]
    public void Counts_bytes_as_Picodata_does()
    {
        // Seven characters, eight UTF-8 bytes: Rust's str::len is the byte count.
        Assert.Null(PicodataPassword.Violations("Pässw0r"));
    }

    [Fact]
    public void A_refusal_never_quotes_the_password()
    {
        var error = Assert.Throws<ArgumentException>(() => PicodataPassword.Require("weakpassword", "password"));

        Assert.DoesNotContain("weakpassword", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing uppercase letter; missing digit", error.Message, StringComparison.Ordinal);
    }
}
