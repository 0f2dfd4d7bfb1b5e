using System.Collections.Generic;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Sql;

internal sealed partial class SqlParser
{
    private static readonly HashSet<string> Privileges = new(System.StringComparer.OrdinalIgnoreCase)
    {
        "read", "write", "execute", "create", "alter", "drop", "session", "usage",
    };

    // CreateUser, AlterUser, DropUser, CreateRole, DropRole.
    private OtherStatementSyntax UserOrRole(int start, string word, string entity)
    {
        Advance();
        var rule = (word == "create" ? "Create" : word == "drop" ? "Drop" : "Alter") + (entity == "user" ? "User" : "Role");
        if (word == "create")
        {
            IfNotExists();
        }
        else if (word == "drop")
        {
            AcceptAll("if", "exists");
        }

        var name = Identifier($"the {entity}'s name");
        if (rule == "CreateUser")
        {
            // ((^"with")? ~ ^"password" ~ SingleQuotedString ~ (^"using" ~ method)? | ^"using" ~ Ldap)
            if (Accept("using"))
            {
                Expect("ldap", "LDAP after USING");
            }
            else
            {
                Accept("with");
                Expect("password", "PASSWORD or USING LDAP after the user's name");
                ExpectString("the password");
                if (Accept("using"))
                {
                    AuthMethod();
                }
            }
        }
        else if (rule == "AlterUser")
        {
            // AlterOption = AlterLogin | AlterNoLogin | AlterPassword | AlterRename
            Accept("with");
            if (Accept("password"))
            {
                if (Accept("using"))
                {
                    Expect("ldap", "LDAP after USING");
                }
                else
                {
                    ExpectString("the new password");
                    if (Accept("using"))
                    {
                        AuthMethod();
                    }
                }
            }
            else if (Accept("rename"))
            {
                Expect("to", "TO after RENAME");
                Identifier("the user's new name");
            }
            else if (!Accept("login") && !Accept("nologin"))
            {
                Fail("LOGIN, NOLOGIN, PASSWORD or RENAME TO after the user's name");
            }
        }
        else if (rule == "AlterRole")
        {
            Fail("USER after ALTER (roles are not altered)");
        }

        WaitAppliedAndTimeout();
        return new OtherStatementSyntax(From(start), rule, [name]);
    }

    // ChapSha1 = ^"chap-sha1", Md5 = ^"md5", ScramSha256 = ^"scram-sha256": written without spaces.
    private void AuthMethod()
    {
        if (Accept("md5"))
        {
            return;
        }

        var first = Current;
        var dash = Peek(1);
        var second = Peek(2);
        if (first.Kind == SqlTokenKind.Word && dash.IsSymbol("-") && dash.Start == first.End && second.Start == dash.End
            && ((first.IsWord("chap") && second.IsWord("sha1")) || (first.IsWord("scram") && second.IsWord("sha256"))))
        {
            _position += 3;
            return;
        }

        Fail("CHAP-SHA1, MD5 or SCRAM-SHA256 after USING");
    }

    // GrantPrivilege = ^"grant" ~ PrivBlock ~ ^"to" ~ Identifier …; RevokePrivilege = ^"revoke" ~ PrivBlock ~ ^"from" ~ Identifier …;
    // AuditPolicy = ^"audit" ~ ^"policy" ~ Identifier ~ (^"by" | ^"except") ~ Identifier …
    private OtherStatementSyntax Acl(string word)
    {
        var start = Start;
        Advance();
        var parts = new List<SyntaxNode>();
        if (word == "audit")
        {
            Expect("policy", "POLICY after AUDIT");
            parts.Add(Identifier("the audit policy's name"));
            if (!Accept("by"))
            {
                Expect("except", "BY or EXCEPT and a user after the policy's name");
            }

            parts.Add(Identifier("the user's name"));
            WaitAppliedAndTimeout();
            return new OtherStatementSyntax(From(start), "AuditPolicy", parts);
        }

        PrivBlock(parts);
        Expect(word == "grant" ? "to" : "from", word == "grant" ? "TO and the grantee" : "FROM and the grantee");
        parts.Add(Identifier("the grantee's name"));
        WaitAppliedAndTimeout();
        return new OtherStatementSyntax(From(start), word == "grant" ? "GrantPrivilege" : "RevokePrivilege", parts);
    }

    // PrivBlock = PrivBlockPrivilege | PrivBlockRolePass
    private void PrivBlock(List<SyntaxNode> parts)
    {
        if (Current.Kind == SqlTokenKind.Word && Privileges.Contains(Current.Text))
        {
            var next = Peek(1);
            if (next.IsWord("user") || next.IsWord("role") || next.IsWord("table") || next.IsWord("procedure") || next.IsWord("on"))
            {
                var privilege = Advance();
                parts.Add(new KeywordSyntax(TextSpan.Of(privilege), privilege.Text.ToLowerInvariant()));
                if (Accept("on"))
                {
                    if (Accept("user") || Accept("role"))
                    {
                        parts.Add(Identifier("the user's or role's name"));
                    }
                    else if (Accept("table"))
                    {
                        parts.Add(Identifier("the table's name"));
                    }
                    else
                    {
                        Expect("procedure", "USER, ROLE, TABLE or PROCEDURE after ON");
                        parts.Add(ProcWithOptionalParams());
                    }
                }
                else
                {
                    Advance();
                }

                return;
            }
        }

        // PrivBlockRolePass = Identifier: a role granted to a user or role.
        parts.Add(Identifier("a privilege (READ, WRITE, EXECUTE, CREATE, ALTER, DROP, SESSION, USAGE) or a role"));
    }

    // Plugin = CreatePlugin | DropPlugin | AlterPlugin
    private OtherStatementSyntax Plugin(int start, string word)
    {
        Advance();
        var parts = new List<SyntaxNode>();
        if (word == "create")
        {
            IfNotExists();
            parts.Add(Identifier("the plugin's name"));
            PluginVersion();
            TimeoutOption();
            return new OtherStatementSyntax(From(start), "CreatePlugin", parts);
        }

        if (word == "drop")
        {
            AcceptAll("if", "exists");
            parts.Add(Identifier("the plugin's name"));
            PluginVersion();
            AcceptAll("with", "data");
            TimeoutOption();
            return new OtherStatementSyntax(From(start), "DropPlugin", parts);
        }

        // AlterPlugin = … ~ Identifier ~ (EnablePlugin | DisablePlugin | MigrateTo | AddServiceToTier | RemoveServiceFromTier | ChangeConfig)
        parts.Add(Identifier("the plugin's name"));
        if (Accept("migrate"))
        {
            Expect("to", "TO after MIGRATE");
            PluginVersion();
            if (Accept("option"))
            {
                // MigrateUpOption = ^"option" ~ "(" ~ (Timeout | RollbackTimeout) ~ ("," ~ …)* ~ ")"
                ExpectSymbol("(", "'(' after OPTION");
                do
                {
                    if (!Accept("timeout"))
                    {
                        Expect("rollback_timeout", "TIMEOUT or ROLLBACK_TIMEOUT");
                    }

                    ExpectSymbol("=", "'=' after the option");
                    Duration("the option");
                }
                while (!Failed && AcceptSymbol(","));

                ExpectSymbol(")", "')' to close OPTION (");
            }

            return new OtherStatementSyntax(From(start), "AlterPlugin", parts);
        }

        PluginVersion();
        if (Accept("enable") || Accept("disable"))
        {
            TimeoutOption();
        }
        else if (Accept("add") || Accept("remove"))
        {
            var adding = Previous.IsWord("add");
            Expect("service", "SERVICE");
            parts.Add(Identifier("the service's name"));
            Expect(adding ? "to" : "from", adding ? "TO TIER" : "FROM TIER");
            Expect("tier", "TIER");
            parts.Add(Identifier("the tier's name"));
            TimeoutOption();
        }
        else if (Accept("set"))
        {
            // ConfigKV = Identifier ~ "." ~ Identifier ~ "=" ~ SingleQuotedString
            do
            {
                Identifier("a service name");
                ExpectSymbol(".", "'.' and the setting's name");
                Identifier("a setting name");
                ExpectSymbol("=", "'=' after the setting");
                ExpectString("the setting's value");
            }
            while (!Failed && AcceptSymbol(","));

            TimeoutOption();
        }
        else
        {
            Fail("ENABLE, DISABLE, ADD SERVICE, REMOVE SERVICE or SET after the plugin's version");
        }

        return new OtherStatementSyntax(From(start), "AlterPlugin", parts);
    }

    // PluginVersion = Unsigned ~ "." ~ Unsigned ~ "." ~ Unsigned (one number token to the tokenizer)
    private void PluginVersion()
    {
        var token = Current;
        var parts = token.Kind == SqlTokenKind.Number ? token.Text.Split('.') : [];
        if (parts.Length == 3 && IsDigits(parts[0]) && IsDigits(parts[1]) && IsDigits(parts[2]))
        {
            Advance();
            return;
        }

        Fail("the plugin's version (major.minor.patch)");
    }
}
