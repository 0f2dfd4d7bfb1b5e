namespace Picopyn.Runtime.Tests;

public sealed class ConnectionSettingsTests
{
    [Fact]
    public void A_dsn_with_several_hosts_keeps_every_seed_user_password_and_database()
    {
        var settings = PicoConnectionSettings.Parse("postgresql://app:p%40ss@node1:5000,node2,[::1]:6000/shop?application_name=orders&sslmode=disable");

        Assert.Equal([new PicoEndpoint("node1", 5000), new PicoEndpoint("node2", 4327), new PicoEndpoint("::1", 6000)], settings.Seeds);
        Assert.Equal(("app", "shop"), (settings.User, settings.Database));
        var builder = settings.CreateBuilder(settings.Seeds[1]);
        Assert.Equal(("node2", 4327, "p@ss", "shop", "orders"), (builder.Host, builder.Port, builder.Password, builder.Database, builder.ApplicationName));
        Assert.Equal(Npgsql.SslMode.Disable, builder.SslMode);
    }

    [Theory]
    [InlineData("disable", Npgsql.SslMode.Disable)]
    [InlineData("allow", Npgsql.SslMode.Allow)]
    [InlineData("prefer", Npgsql.SslMode.Prefer)]
    [InlineData("require", Npgsql.SslMode.Require)]
    [InlineData("verify-ca", Npgsql.SslMode.VerifyCA)]
    [InlineData("verify-full", Npgsql.SslMode.VerifyFull)]
    [InlineData("VerifyFull", Npgsql.SslMode.VerifyFull)]
    public void Libpqs_sslmode_values_reach_every_instance_as_Npgsqls(string value, Npgsql.SslMode mode)
    {
        var settings = PicoConnectionSettings.Parse($"postgresql://app:pw@node1/db?sslmode={value}&sslrootcert=/etc/ca.crt");

        var builder = settings.CreateBuilder(new PicoEndpoint("discovered", 4327));
        Assert.Equal((mode, "/etc/ca.crt"), (builder.SslMode, builder.RootCertificate));
    }

    [Fact]
    public void An_sslmode_no_driver_knows_fails_naming_the_values_it_takes()
    {
        var failure = Assert.Throws<PicoConfigurationException>(() => PicoConnectionSettings.Parse("postgresql://app:pw@node1/db?sslmode=verify_full"));

        Assert.Contains("'sslmode' has an invalid value; it takes disable, allow, prefer, require, verify-ca, verify-full", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_connection_gets_Picodata_settings_and_the_extra_settings()
    {
        var settings = PicoConnectionSettings.Parse(
            "Host=a,b:7000;Port=5555;Username=app;Password=pw;Database=db",
            new Dictionary<string, string> { ["Application Name"] = "extra", ["keepalives_idle"] = "30" });

        Assert.Equal([new PicoEndpoint("a", 5555), new PicoEndpoint("b", 7000)], settings.Seeds);
        var builder = settings.CreateBuilder(new PicoEndpoint("discovered", 4327));
        Assert.Equal(("discovered", "db", "extra", 30), (builder.Host, builder.Database, builder.ApplicationName, builder.TcpKeepAliveTime));
        Assert.True(builder.NoResetOnClose);
        Assert.False(builder.Enlist);
    }

    [Fact]
    public void A_keyword_string_without_a_port_means_Picodata_default_port()
    {
        var settings = PicoConnectionSettings.Parse("Host=node1;Username=app");

        Assert.Equal(new PicoEndpoint("node1", 4327), Assert.Single(settings.Seeds));
    }

    [Theory]
    [InlineData("postgresql://app:TopSecret1@node1:70000/db", "out of range")]
    [InlineData("postgresql://app:TopSecret1@node1:abc/db", "not a number")]
    [InlineData("postgresql://app:TopSecret1@node1,,node2/db", "empty host")]
    [InlineData("postgresql://app:TopSecret1@node1/db?bogus_setting=1", "Unknown DSN parameter 'bogus_setting'")]
    [InlineData("postgresql://app:TopSecret1@node1/db?target_session_attrs=read-write", "pg_is_in_recovery")]
    [InlineData("Host=node1;Password=TopSecret1;Bogus Keyword=1", "Unknown setting 'Bogus Keyword'")]
    [InlineData("Username=app;Password=TopSecret1", "no Host")]
    [InlineData("just some text TopSecret1", "neither a postgresql:// URI")]
    [InlineData("Host=node1;Password=TopSecret1;Timeout=soon", "'Timeout' has an invalid value")]
    [InlineData("   ", "empty")]
    public void Malformed_settings_get_a_clear_error_without_the_password(string connectionString, string expected)
    {
        var error = Assert.Throws<PicoConfigurationException>(() => PicoConnectionSettings.Parse(connectionString));

        // Keyword strings are case-insensitive, and their parser reports keys in lower case.
        Assert.Contains(expected, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("TopSecret1", error.ToString(), StringComparison.Ordinal);
    }

    // Each rule of PicoClientOptions.Validate, broken just past its bound, and the words its refusal must have.
    private static readonly Dictionary<string, (Action<PicoClientOptions> Break, string Says)> BrokenRules = new()
    {
        ["no connections"] = (o => o.MaxConnections = 0, "MaxConnections must be between 1 and 10000; it is 0."),
        ["too many connections"] = (o => o.MaxConnections = 10_001, "MaxConnections must be between 1 and 10000; it is 10001."),
        ["negative warm-up"] = (o => o.WarmUpConnections = -1, "WarmUpConnections must not be negative."),
        ["zero acquire timeout"] = (o => o.AcquireTimeout = TimeSpan.Zero, "AcquireTimeout must be positive."),
        ["sub-second connect timeout"] = (o => o.ConnectTimeout = TimeSpan.FromMilliseconds(999), "ConnectTimeout must be at least 1 s"),
        ["negative command timeout"] = (o => o.CommandTimeout = TimeSpan.FromTicks(-1), "CommandTimeout must not be negative."),
        ["zero rebalance interval"] = (o => o.RebalanceInterval = TimeSpan.Zero, "RebalanceInterval must be positive, or Timeout.InfiniteTimeSpan"),
        ["zero discovery interval"] = (o => o.DiscoveryInterval = TimeSpan.Zero, "DiscoveryInterval must be positive."),
        ["zero probe backoff"] = (o => o.ProbeBackoffInitial = TimeSpan.Zero, "ProbeBackoffInitial must be positive and no larger than ProbeBackoffMax."),
        ["backoff above its maximum"] = (o => o.ProbeBackoffInitial = o.ProbeBackoffMax + TimeSpan.FromSeconds(1), "ProbeBackoffInitial must be positive and no larger than ProbeBackoffMax."),
        ["unknown balancing"] = (o => o.Balancing = (BalancingStrategy)99, "Balancing 99 is not a balancing strategy."),
        ["unknown verification name"] = (o => o.TlsVerificationName = (PicoTlsVerificationName)99, "TlsVerificationName 99 is not a PicoTlsVerificationName."),
    };

    public static TheoryData<string> BrokenRuleNames => new(BrokenRules.Keys);

    [Theory]
    [MemberData(nameof(BrokenRuleNames))]
    public void Each_out_of_range_option_is_refused_before_connecting_in_words_that_name_it(string rule)
    {
        var options = new PicoClientOptions();
        BrokenRules[rule].Break(options);

        // Nothing listens at node1: a client that got past the options would fail later, and differently.
        var error = Assert.Throws<PicoConfigurationException>(() => PicoClient.Create("postgresql://app:secret@node1:4327/db", options));

        Assert.Contains(BrokenRules[rule].Says, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_at_their_bounds_are_accepted()
    {
        var options = new PicoClientOptions
        {
            MaxConnections = 10_000, WarmUpConnections = 0, AcquireTimeout = TimeSpan.FromTicks(1), ConnectTimeout = TimeSpan.FromSeconds(1),
            CommandTimeout = TimeSpan.Zero, RebalanceInterval = Timeout.InfiniteTimeSpan, DiscoveryInterval = TimeSpan.FromTicks(1),
            ProbeBackoffInitial = TimeSpan.FromSeconds(30), ProbeBackoffMax = TimeSpan.FromSeconds(30),
        };

        using var client = PicoClient.Create("postgresql://app:secret@node1:4327/db", options);

        Assert.False(client.IsConnected);
    }
}
