using Microsoft.CodeAnalysis;
using Picopyn.Generators.Tests.Harness;

namespace Picopyn.Generators.Tests;

/// <summary>
/// Build-time routing plans: with a schema, a statement whose rows are in one bucket gets its key hashed in the
/// generated call (and says so in its plan comment); any other is balanced, and a hidden PICO400 on its SQL says why.
/// </summary>
public sealed class RoutingPlanTests
{
    private const string Schema = """
        create table users (id integer primary key, name text not null, score double) distributed by (id);
        create table tags (tag text not null, owner uuid not null, hits integer not null, primary key (tag, owner)) distributed by (tag, owner);
        create table prices (item decimal primary key, label text);
        create table metrics (at double primary key, v integer);
        create table events (id integer primary key, kind text) distributed by (id) in tier hot;
        create table settings (key text primary key, value text) distributed globally;
        create table carts (id integer primary key, user_id integer not null) distributed by (user_id);
        """;

    [Theory]
    [InlineData("select name from users where id = $1", "Task<string?> A(long id)", "users.id = $1", ".Add(id)")]
    [InlineData("select name from users where id = $1", "Task<string?> A(int id)", "users.id = $1", ".Add((long)id)")]
    [InlineData("select name from users u where $1 = u.id and u.name <> 'x'", "Task<string?> A(long id)", "users.id = $1", ".Add(id)")]
    [InlineData("select name from users where id = 42", "Task<string?> A()", "users.id = 42", ".Add(42L)")]
    [InlineData("insert into users (name, id) values ($1, $2)", "Task<int> A(string name, long id)", "users.id = $2", ".Add(id)")]
    [InlineData("insert into users values ($1, $2, null)", "Task<int> A(long id, string name)", "users.id = $1", ".Add(id)")]
    [InlineData("update users set name = $2 where id = $1", "Task<int> A(long id, string name)", "users.id = $1", ".Add(id)")]
    [InlineData("delete from users where id = $1", "Task<int> A(long id)", "users.id = $1", ".Add(id)")]
    [InlineData("select hits from tags where owner = $2 and tag = $1", "Task<long> A(string tag, System.Guid owner)", "tags.tag = $1 and tags.owner = $2", ".Add(tag).Add(owner)")]
    [InlineData("select label from prices where item = $1", "Task<string?> A(decimal item)", "prices.item = $1", ".Add(item)")]
    [InlineData("select label from prices where item = 1.50", "Task<string?> A()", "prices.item = 1.50", ".Add(1.50m)")]
    public void A_single_bucket_statement_hashes_its_key_in_the_generated_call(string sql, string signature, string routedBy, string key)
    {
        var outcome = Generate(sql, signature);

        Assert.Empty(outcome.Diagnostics);
        Assert.Empty(outcome.HiddenDiagnostics);
        Assert.Empty(outcome.CompilerDiagnostics);
        var source = outcome.AllSources();
        Assert.Contains($"Key = global::Picopyn.PicoKey.From(new global::Picopyn.PicoBucketHasher(){key}), RoutedBy = \"{routedBy}\"", source, StringComparison.Ordinal);
        Assert.Contains($"Routed by {routedBy}.", source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_block_whose_statements_share_one_key_is_routed_by_it()
    {
        const string block = "do $$ begin return query select name from users where id = $1; update users set name = $2 where id = $1; end $$";

        var outcome = Generate(block, "Task<string?> A(long id, string name)");

        Assert.Empty(outcome.Diagnostics);
        Assert.Contains("Routed by users.id = $1.", outcome.AllSources(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_block_over_two_keys_is_balanced()
    {
        const string block = "do $$ begin update users set name = $3 where id = $1; update users set name = $3 where id = $2; end $$";

        var note = Assert.Single(Generate(block, "Task<int> A(long a, long b, string name)").HiddenDiagnostics);

        Assert.Contains("touch more than one bucket", note.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_in_another_tier_names_its_tier_in_the_key()
    {
        var source = Generate("select kind from events where id = $1", "Task<string?> A(long id)").AllSources();

        Assert.Contains("PicoKey.From(new global::Picopyn.PicoBucketHasher().Add(id), \"hot\")", source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("select name from users where id in ($1, $2)", "Task<List<string>> A(long a, long b)", "id is bound by IN: several buckets")]
    [InlineData("select name from users where id = $1 or name = $2", "Task<List<string>> A(long id, string name)", "bound under OR")]
    [InlineData("select name from users where id > $1", "Task<List<string>> A(long id)", "the WHERE does not pin id to one value")]
    [InlineData("select name from users", "Task<List<string>> A()", "no WHERE: every bucket")]
    [InlineData("select value from settings where key = $1", "Task<string?> A(string key)", "settings is global: any instance serves it")]
    [InlineData("select hits from tags where tag = $1", "Task<List<long>> A(string tag)", "the WHERE does not pin owner to one value")]
    [InlineData("select v from metrics where at = $1", "Task<long?> A(double at)", "at is double: its buckets are not computed until verified")]
    [InlineData("insert into users values ($1, 'a', null), ($2, 'b', null)", "Task<int> A(long a, long b)", "several rows: several buckets")]
    [InlineData("update carts set user_id = $2 where user_id = $1", "Task<int> A(long user, long next)", "of the sharding key: the row may move")]
    [InlineData("select u.name from users u join tags t on t.tag = u.name where u.id = $1", "Task<List<string>> A(long id)", "a join reads more than one table")]
    [InlineData("select name from users where id = $1", "Task<string?> A(long? id)", "'id', which can be null")]
    public void Any_other_statement_is_balanced_and_a_hidden_note_says_why(string sql, string signature, string reason)
    {
        var outcome = Generate(sql, signature);

        var note = Assert.Single(outcome.HiddenDiagnostics);
        Assert.Equal("PICO400", note.Id);
        Assert.Equal(DiagnosticSeverity.Hidden, note.Severity);
        Assert.Contains(reason, note.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        // On the SQL text: the first character of the statement.
        var text = outcome.Output.SyntaxTrees.First().ToString();
        Assert.Equal(sql, text.Substring(note.Location.SourceSpan.Start, sql.Length));
        Assert.DoesNotContain("PicoKey", outcome.AllSources(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_schema_nothing_is_routed_and_nothing_is_said()
    {
        var outcome = GeneratorHarness.Run(AppSource.Prelude + """public partial interface IQ { [PicoQuery("select name from users where id = $1")] Task<string?> A(long id); }""");

        Assert.Empty(outcome.HiddenDiagnostics);
        Assert.DoesNotContain("PicoKey", outcome.AllSources(), StringComparison.Ordinal);
    }

    private static GeneratorOutcome Generate(string sql, string signature) =>
        GeneratorHarness.RunWithSchema(Schema, AppSource.Prelude + $$"""public partial interface IQ { [PicoQuery("{{sql}}")] {{signature}}; }""");
}
