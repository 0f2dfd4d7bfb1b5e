using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using Picopyn.Generators.Sql;
using Picopyn.Generators.Sql.Syntax;
using Picopyn.Testing.Emulation;

namespace Picopyn.Testing.Front;

/// <summary>
/// What the front lets through to an instance's PostgreSQL. Each statement is read with Picodata's grammar;
/// three kinds do not go as they came, and the answer still reaches the client at its place in the protocol,
/// from a statement the instance runs in their place:
/// <list type="bullet">
/// <item>what Picodata refuses (<see cref="PicodataRefusals.ErrorOf(SqlSyntaxTree)"/>), and what the emulation
/// cannot run: one that fails with Picodata's error, SQLSTATE <c>XX000</c>, the reason as the message; a
/// Parse declaring a parameter type Picodata lacks (<see cref="ParameterTypes"/>), with <c>0A000</c>;</item>
/// <item>what Picodata accepts and does nothing for (<c>BEGIN</c>, <c>COMMIT</c>, <c>ROLLBACK</c>, <c>SET</c>):
/// a call that does nothing but name the command tag Picodata answers with, which
/// <see cref="ResponseRewriter"/> puts in place of PostgreSQL's <c>CALL</c>;</item>
/// <item>Picodata's DDL (<c>CREATE</c>/<c>DROP TABLE</c>, <c>CREATE</c>/<c>DROP INDEX</c>, <c>ALTER TABLE</c>): run by the
/// cluster on every instance first (<see cref="GateDecision.DdlTag"/>), then answered as either of the two above.</item>
/// </list>
/// </summary>
internal static class StatementGate
{
    /// <summary>Raises its message with its SQLSTATE; created on every instance (<see cref="InstanceSchema"/>).</summary>
    public const string RefuseFunction = "pico_sys.refuse";

    /// <summary>Sends a notice of <see cref="CompletionNotice"/> and its argument, the tag to answer with.</summary>
    public const string CompleteProcedure = "pico_sys.complete";

    /// <summary>The start of the notice <see cref="CompleteProcedure"/> sends; the tag follows it.</summary>
    public const string CompletionNotice = "picopyn front: complete as ";

    // Statements recur (prepared, pooled, looped): each text is read once. Bounded, so a run of distinct texts cannot grow it.
    private const int RememberedTexts = 10_000;
    private static readonly ConcurrentDictionary<string, GateDecision> Decisions = new(StringComparer.Ordinal);

    /// <summary>The <see cref="MessageRewrite"/> of a session's requests: Query and Parse messages are decided here.</summary>
    public static Rewritten Rewrite(ReadOnlySpan<byte> message, ArrayBufferWriter<byte> output) =>
        message[0] is WireMessages.Query or WireMessages.Parse ? Rewrite(message, StatementOf(message), output) : Rewritten.No;

    /// <summary>As <see cref="Rewrite(ReadOnlySpan{byte}, ArrayBufferWriter{byte})"/>, for a Query or Parse whose statement text the caller has read.</summary>
    public static Rewritten Rewrite(ReadOnlySpan<byte> message, string sql, ArrayBufferWriter<byte> output)
    {
        var decision = Decide(sql);
        if (message[0] == WireMessages.Parse && ParameterTypes.RefusalOf(message) is { } refusal)
        {
            decision = Refusing(sql, refusal, ParameterTypes.FeatureNotSupported);
        }

        if (decision.DdlTag is not null || decision.IsBlock)
        {
            return Rewritten.Later;
        }

        if (decision.Substitute is null)
        {
            return Rewritten.No;
        }

        WriteInPlaceOf(message, decision, output);
        return Rewritten.Yes;
    }

    /// <summary>The statement text of a Query or Parse message.</summary>
    public static string StatementOf(ReadOnlySpan<byte> message)
    {
        var offset = 5;
        if (message[0] == WireMessages.Parse)
        {
            WireMessages.SkipString(message, ref offset); // the statement's name
        }

        return WireMessages.ReadString(message, ref offset);
    }

    /// <summary>What the front does with <paramref name="sql"/>.</summary>
    public static GateDecision Decide(string sql)
    {
        if (Decisions.TryGetValue(sql, out var decision))
        {
            return decision;
        }

        decision = DecideAnew(sql);
        if (Decisions.Count >= RememberedTexts)
        {
            Decisions.Clear();
        }

        Decisions[sql] = decision;
        return decision;
    }

    /// <summary>A decision that answers <paramref name="sql"/> with Picodata's error <paramref name="reason"/> (SQLSTATE <paramref name="sqlState"/>).</summary>
    public static GateDecision Refusing(string sql, string reason, string sqlState = PicodataErrors.InternalError) =>
        new($"SELECT {RefuseFunction}({SqlText.Literal(reason)}, {SqlText.Literal(sqlState)})", Placeholders(sql), null);

    /// <summary>A decision that answers <paramref name="sql"/> with CommandComplete <paramref name="tag"/> and nothing else.</summary>
    public static GateDecision Completing(string sql, string tag) =>
        new($"CALL {CompleteProcedure}({SqlText.Literal(tag)})", Placeholders(sql), null);

    /// <summary>
    /// Writes the message to send in place of <paramref name="message"/> (a Query or Parse) by <paramref name="decision"/>.
    /// A Parse's substitute declares as many parameters as the Bind that follows will send (the statement's
    /// placeholders, or more when the client declared more), each bytea, which takes any bytes, so the Bind
    /// succeeds and the Execute gives the answer.
    /// </summary>
    public static void WriteInPlaceOf(ReadOnlySpan<byte> message, GateDecision decision, ArrayBufferWriter<byte> output)
    {
        var substitute = decision.Substitute!;
        if (message[0] == WireMessages.Query)
        {
            WireMessages.WriteMessage(output, WireMessages.Query, substitute, WireMessages.WriteString);
            return;
        }

        var offset = 5;
        var name = WireMessages.ReadString(message, ref offset);
        var declared = DeclaredTypes(message);
        var types = decision.KeepsParameterTypes
            ? declared
            : Enumerable.Repeat(17, Math.Max(declared.Length, decision.Placeholders)).ToArray(); // bytea
        WireMessages.WriteParse(output, name, substitute, types);
    }

    /// <summary>The parameter type OIDs a Parse message declares (0: none); none for a Query.</summary>
    public static int[] DeclaredTypes(ReadOnlySpan<byte> message)
    {
        var oids = DeclaredTypeOids(message);
        var types = new int[oids.Length / 4];
        for (var i = 0; i < types.Length; i++)
        {
            types[i] = BinaryPrimitives.ReadInt32BigEndian(oids[(4 * i)..]);
        }

        return types;
    }

    /// <summary>The 4-byte type OIDs a Parse message declares, where they stand in it (nothing decoded, nothing allocated); none for a Query.</summary>
    public static ReadOnlySpan<byte> DeclaredTypeOids(ReadOnlySpan<byte> message)
    {
        if (message[0] != WireMessages.Parse)
        {
            return [];
        }

        var offset = 5;
        WireMessages.SkipString(message, ref offset);
        WireMessages.SkipString(message, ref offset);
        var count = offset + 2 <= message.Length ? BinaryPrimitives.ReadInt16BigEndian(message[offset..]) : 0;
        return message.Slice(offset + 2, 4 * Math.Max(0, Math.Min(count, (message.Length - offset - 2) / 4)));
    }

    private static GateDecision DecideAnew(string sql)
    {
        if (sql.Length == 0)
        {
            return GateDecision.AsSent; // PostgreSQL answers EmptyQueryResponse, as Picodata does
        }

        var tree = SqlParser.Parse(sql);
        if (PicodataRefusals.ErrorOf(tree) is { } reason)
        {
            return Refusing(sql, reason);
        }

        // Picodata's tags (its pgproto CommandTag): END is COMMIT.
        return tree.Statement switch
        {
            TransactionStatementSyntax { Keyword.Text: var word } =>
                Completing(sql, word is "begin" ? "BEGIN" : word is "rollback" ? "ROLLBACK" : "COMMIT"),
            OtherStatementSyntax { Rule: "SetParam" or "SetTransaction" } => Completing(sql, "SET"),
            CreateTableStatementSyntax => Ddl(sql, "CREATE TABLE"),
            DropTableStatementSyntax => Ddl(sql, "DROP TABLE"),
            CreateIndexStatementSyntax => Ddl(sql, "CREATE INDEX"),
            DropIndexStatementSyntax => Ddl(sql, "DROP INDEX"),
            AlterTableStatementSyntax => Ddl(sql, "ALTER TABLE"),
            BlockStatementSyntax => new GateDecision(null, Placeholders(sql), null, IsBlock: true),
            // Users and privileges are cluster-wide, as DDL is: the cluster runs them (or says it does not).
            OtherStatementSyntax { Rule: var rule } when AccessControlTag(rule) is { } tag => Ddl(sql, tag),
            OtherStatementSyntax other when !RunsOnPostgres(other.Rule) =>
                Refusing(sql, $"the emulated cluster does not run {other.Rule} statements (Picodata does)"),
            CallStatementSyntax => Refusing(sql, "the emulated cluster has no Picodata procedures to CALL"),
            _ => GateDecision.AsSent,
        };
    }

    private static GateDecision Ddl(string sql, string tag) => new(null, Placeholders(sql), tag);

    // Picodata's access-control statements and the tags it completes them with (its src/pgproto/backend/describe.rs:
    // a user is a role there too). GRANT and REVOKE of a role to a user are tagged GRANT ROLE / REVOKE ROLE by Picodata.
    private static string? AccessControlTag(string rule) => rule switch
    {
        "CreateUser" or "CreateRole" => "CREATE ROLE",
        "AlterUser" => "ALTER ROLE",
        "DropUser" or "DropRole" => "DROP ROLE",
        "GrantPrivilege" => "GRANT",
        "RevokePrivilege" => "REVOKE",
        _ => null,
    };

    // What else of Picodata's grammar PostgreSQL runs as Picodata does.
    private static bool RunsOnPostgres(string rule) => rule is "Deallocate" or "DeallocateAll";

    // The parameters a Bind for this text carries: the highest $n, or the number of '?' — read from the tokens, as the text may not parse.
    private static short Placeholders(string sql)
    {
        var highest = 0;
        var anonymous = 0;
        foreach (var token in SqlTokenizer.Tokenize(sql))
        {
            if (token.Kind == SqlTokenKind.DollarParameter && int.TryParse(token.Text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                highest = Math.Max(highest, n);
            }
            else if (token.Kind == SqlTokenKind.QuestionParameter)
            {
                anonymous++;
            }
        }

        return (short)Math.Min(short.MaxValue, Math.Max(highest, anonymous));
    }
}
