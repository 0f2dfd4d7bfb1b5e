using System.Diagnostics.CodeAnalysis;
using Picopyn.Generators.Sql;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Testing.Emulation;

/// <summary>
/// Runs Picodata's access-control statements on the emulation, as an emulated image's instance receives them from
/// its admin: <c>CREATE USER … WITH PASSWORD '…' [USING md5 | scram-sha256 | chap-sha1]</c>, <c>ALTER USER … [WITH] PASSWORD '…'</c> and
/// <c>DROP USER</c> become rows of the storage's user table, which every instance turns into logins
/// (<see cref="InstanceSchema.SyncUsers"/>). Privileges are not enforced — every application login may read and
/// write every user table — except <c>READ</c> on the system tables, which <c>GRANT</c>/<c>REVOKE</c> switch for all
/// users at once. Roles are taken and have no effect.
/// </summary>
internal static class PicodataAccessControl
{
    /// <summary>The storage statements for one access-control statement, and whether the instances' logins must follow.</summary>
    /// <exception cref="PicodataDdlRefusedException">The text is no access-control statement Picodata takes.</exception>
    public static AccessControlChange Translate(string sql) =>
        TryTranslate(sql, out var change) ? change : throw new PicodataDdlRefusedException(SqlParser.Parse(sql).Error?.Message ?? $"'{sql}' is no access-control statement");

    /// <summary>Translates <paramref name="sql"/> when it is an access-control statement (read once); <see langword="false"/> for anything else (DDL).</summary>
    /// <exception cref="PicodataDdlRefusedException">An access-control statement the emulation does not run.</exception>
    public static bool TryTranslate(string sql, [NotNullWhen(true)] out AccessControlChange? change)
    {
        if (SqlParser.Parse(sql).Statement is not OtherStatementSyntax { Rule: var rule })
        {
            change = null;
            return false;
        }

        var tokens = SqlTokenizer.Tokenize(sql);
        change = rule switch
        {
            "CreateUser" or "AlterUser" => SetPassword(tokens, sql),
            "DropUser" => new([$"DELETE FROM {StorageSchema.SystemSchema}.{StorageSchema.UsersTable} WHERE name = {SqlText.Literal(NameAfter(tokens, "user", sql))}"], UsersChanged: true),
            "GrantPrivilege" or "RevokePrivilege" => Privilege(tokens, granting: rule == "GrantPrivilege"),
            "CreateRole" or "DropRole" => new([], UsersChanged: false),
            _ => throw new PicodataDdlRefusedException($"the emulated cluster does not run {rule} statements (Picodata does)"),
        };
        return true;
    }

    private static AccessControlChange SetPassword(List<SqlToken> tokens, string sql)
    {
        var name = NameAfter(tokens, "user", sql);
        var passwordAt = tokens.FindIndex(t => t.IsWord("password"));
        if (passwordAt < 0 || passwordAt + 1 >= tokens.Count || tokens[passwordAt + 1].Kind != SqlTokenKind.String)
        {
            // CREATE USER … USING LDAP, ALTER USER … LOGIN / NOLOGIN / RENAME: nothing the emulation keeps.
            return new([], UsersChanged: false);
        }

        var password = StringValue(tokens[passwordAt + 1].Text);
        // USING scram-sha256 stores a SCRAM verifier (the login then authenticates with SCRAM); md5, the default, an md5
        // hash; chap-sha1, iproto's method, one no password matches: Picodata refuses such a user on pgproto (28P01).
        var method = tokens.Skip(passwordAt + 2).SkipWhile(t => !t.IsWord("using")).Skip(1).FirstOrDefault(); // default: no USING
        var verifier = method.IsWord("chap")
            ? PasswordVerifiers.NeverMatches
            : PasswordVerifiers.For(method.IsWord("scram") ? PicodataAuthMethod.ScramSha256 : PicodataAuthMethod.Md5, name, password);
        var users = $"{StorageSchema.SystemSchema}.{StorageSchema.UsersTable}";
        var row = $"({SqlText.Literal(name)}, {SqlText.Literal(verifier)})";
        var ifNotExists = tokens.Exists(t => t.IsWord("exists"));
        var statement = tokens[0].IsWord("alter")
            ? $"UPDATE {users} SET password = {SqlText.Literal(verifier)} WHERE name = {SqlText.Literal(name)}"
            : ifNotExists
                ? $"INSERT INTO {users} VALUES {row} ON CONFLICT (name) DO NOTHING"
                : $"INSERT INTO {users} VALUES {row}";
        return new([statement], UsersChanged: true);
    }

    // GRANT READ TABLE / GRANT READ ON TABLE _pico_… : the system tables become readable (or not) for every user.
    private static AccessControlChange Privilege(List<SqlToken> tokens, bool granting)
    {
        var read = tokens.Count > 1 && tokens[1].IsWord("read");
        // READ TABLE is every table; READ ON TABLE <name> one.
        var on = tokens.FindIndex(t => t.IsWord("on"));
        var table = on >= 0 && on + 2 < tokens.Count && tokens[on + 1].IsWord("table") && tokens[on + 2].IsName ? tokens[on + 2].Name : null;
        var systemTables = table is null || table.StartsWith("_pico_", StringComparison.Ordinal);
        return read && systemTables
            ? new([$"UPDATE {StorageSchema.SystemSchema}.emulation_access SET system_tables_hidden = {(granting ? "false" : "true")}"], UsersChanged: false)
            : new([], UsersChanged: false);
    }

    private static string NameAfter(List<SqlToken> tokens, string keyword, string sql)
    {
        var at = tokens.FindIndex(t => t.IsWord(keyword));
        for (var i = at + 1; at >= 0 && i < tokens.Count; i++)
        {
            if (tokens[i].IsWord("if") || tokens[i].IsWord("not") || tokens[i].IsWord("exists"))
            {
                continue;
            }

            if (tokens[i].IsName)
            {
                return tokens[i].Name;
            }
        }

        throw new PicodataDdlRefusedException($"no {keyword} name in '{sql}'");
    }

    private static string StringValue(string literal) => literal.Substring(1, literal.Length - 2).Replace("''", "'", StringComparison.Ordinal);
}

/// <summary>What an access-control statement changes on the storage.</summary>
/// <param name="StorageStatements">Run on the storage, in one script.</param>
/// <param name="UsersChanged">Whether every instance must then bring its logins in line (<see cref="InstanceSchema.SyncUsers"/>).</param>
internal sealed record AccessControlChange(IReadOnlyList<string> StorageStatements, bool UsersChanged);
