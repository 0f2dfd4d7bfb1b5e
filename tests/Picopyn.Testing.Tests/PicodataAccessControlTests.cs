using Picopyn.Testing.Emulation;

namespace Picopyn.Testing.Tests;

/// <summary>How the emulated image keeps users and the system tables' access: the storage statements for each access-control statement.</summary>
public sealed class PicodataAccessControlTests
{
    private const string Users = "pico.emulation_users";

    [Fact]
    public void The_password_hash_is_PostgreSQLs_md5_of_password_and_user()
    {
        // PostgreSQL's md5 format: "md5" + md5(password || user); this vector is Python's hashlib.md5(b"Secr3tPassapp").
        Assert.Equal("md56f4ed0925dc8b3d3de0c9c7e8d35e85b", PasswordVerifiers.Md5("app", "Secr3tPass"));
    }

    [Fact]
    public void The_scram_verifier_signs_RFC_7677s_exchange_as_its_server_did()
    {
        // RFC 7677 §3: user "user", password "pencil", salt W22ZaJ0SNY7soEsUEjb6gQ==, 4096 iterations. A server holding
        // the verifier proves itself with HMAC(ServerKey, AuthMessage); the RFC gives that signature.
        var verifier = PasswordVerifiers.ScramSha256("pencil", Convert.FromBase64String("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
        const string AuthMessage = "n=user,r=rOprNGfwEbeRWgbNEkqO,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";

        Assert.StartsWith("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$", verifier, StringComparison.Ordinal);
        var serverKey = Convert.FromBase64String(verifier.Split(':')[^1]);
        var signature = System.Security.Cryptography.HMACSHA256.HashData(serverKey, System.Text.Encoding.UTF8.GetBytes(AuthMessage));
        Assert.Equal("6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=", Convert.ToBase64String(signature));
    }

    [Fact]
    public void Create_user_using_scram_stores_a_scram_verifier()
    {
        var statement = Assert.Single(PicodataAccessControl.Translate("CREATE USER \"app\" WITH PASSWORD 'Secr3tPass' USING scram-sha256").StorageStatements);

        Assert.StartsWith($"INSERT INTO {Users} VALUES ('app', 'SCRAM-SHA-256$4096:", statement, StringComparison.Ordinal);
        Assert.DoesNotContain("Secr3tPass", statement, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chap_sha1_user_stores_a_verifier_no_password_matches_as_pgproto_refuses_it()
    {
        var statement = Assert.Single(PicodataAccessControl.Translate("CREATE USER \"iproto_only\" WITH PASSWORD 'Secr3tPass' USING chap-sha1").StorageStatements);

        Assert.Equal($"INSERT INTO {Users} VALUES ('iproto_only', '{PasswordVerifiers.NeverMatches}')", statement);
    }

    [Fact]
    public void Create_user_stores_the_hash_never_the_password()
    {
        var change = PicodataAccessControl.Translate("CREATE USER \"app\" WITH PASSWORD 'Secr3tPass' USING md5");

        Assert.True(change.UsersChanged);
        var statement = Assert.Single(change.StorageStatements);
        Assert.Equal($"INSERT INTO {Users} VALUES ('app', 'md56f4ed0925dc8b3d3de0c9c7e8d35e85b')", statement);
        Assert.DoesNotContain("Secr3tPass", statement, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("create user if not exists Reader password 'Rd1passwd'", "INSERT INTO pico.emulation_users VALUES ('reader', ", "ON CONFLICT (name) DO NOTHING")]
    [InlineData("alter user \"app\" with password 'N3wPassword'", "UPDATE pico.emulation_users SET password = 'md5", "WHERE name = 'app'")]
    [InlineData("drop user \"app\"", "DELETE FROM pico.emulation_users WHERE name = 'app'", "")]
    public void Users_are_added_changed_and_dropped_on_the_storage(string sql, string starts, string ends)
    {
        var change = PicodataAccessControl.Translate(sql);

        Assert.True(change.UsersChanged);
        var statement = Assert.Single(change.StorageStatements);
        Assert.StartsWith(starts, statement, StringComparison.Ordinal);
        Assert.EndsWith(ends, statement, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GRANT READ TABLE TO \"app\"", "false")]
    [InlineData("grant read on table _pico_instance to app", "false")]
    [InlineData("REVOKE READ ON TABLE \"_pico_peer_address\" FROM \"app\"", "true")]
    public void Read_on_the_system_tables_switches_their_access(string sql, string hidden)
    {
        var change = PicodataAccessControl.Translate(sql);

        Assert.False(change.UsersChanged);
        Assert.Equal($"UPDATE pico.emulation_access SET system_tables_hidden = {hidden}", Assert.Single(change.StorageStatements));
    }

    [Theory]
    [InlineData("GRANT WRITE TABLE TO \"app\"")]
    [InlineData("GRANT CREATE TABLE TO \"app\"")]
    [InlineData("grant read on table users to app")]
    [InlineData("create role auditors")]
    public void Other_privileges_and_roles_are_taken_and_change_nothing(string sql)
    {
        var change = PicodataAccessControl.Translate(sql);

        Assert.Empty(change.StorageStatements);
        Assert.False(change.UsersChanged);
    }

    [Fact]
    public void A_statement_that_is_no_access_control_is_refused()
    {
        Assert.Throws<PicodataDdlRefusedException>(() => PicodataAccessControl.Translate("select 1"));
    }
}
