using Microsoft.CodeAnalysis;
using Picopyn.Generators.Tests.Harness;

namespace Picopyn.Generators.Tests;

/// <summary>
/// Snapshots of the generated source for every form and return kind (Snapshots/Generated.*.verified.txt;
/// PICOPYN_ACCEPT_SNAPSHOTS=1 accepts new output). Each case must also compile clean with the app.
/// </summary>
public sealed class GeneratedSourceTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Picopyn;

        """;

    private const string Rows = """

        namespace App
        {
            public sealed record User(long Id, string Name, string? Email);

            public sealed class Order
            {
                public long Id { get; init; }
                [PicoColumn("customer")] public string CustomerName { get; set; } = "";
                public int Quantity { get; init; }
                public decimal? Total { get; set; }
                public DateTime CreatedAt { get; init; }
                public Guid? Reference { get; set; }
            }
        }
        """;

    // The schema the Routed.* cases are built with: users sharded by their primary key.
    private const string UsersSchema = "create table users (id integer primary key, name text not null, email text);";

    public static TheoryData<string> Cases => new(Sources.Keys.Order(StringComparer.Ordinal));

    private static readonly Dictionary<string, string> Sources = new()
    {
        ["Form.Interface"] = """
            namespace App;
            public partial interface IUserQueries
            {
                [PicoQuery("select id, name, email from users where id = $1")]
                Task<User?> FindAsync(long id, CancellationToken ct = default);

                [PicoQuery("insert into users (id, name, email) values ($1, $2, $3)")]
                Task<int> InsertAsync(long id, string name, string? email, CancellationToken ct = default);
            }
            """,
        ["Form.NestedInternalInterface"] = """
            namespace App;
            public static partial class Queries
            {
                internal partial interface IUsers
                {
                    [PicoQuery("select name from users where id = $1")]
                    Task<string?> NameAsync(long id);
                }
            }
            """,
        ["Form.StaticWithClientParameter"] = """
            namespace App;
            public static partial class UserSql
            {
                [PicoQuery("select id, name, email from users where id = $1")]
                public static partial Task<User> GetAsync(PicoClient client, long id, CancellationToken ct = default);
            }
            """,
        ["Form.InstanceWithField"] = """
            namespace App;
            public sealed partial class UserStore
            {
                private readonly PicoExecutor _db;
                public UserStore(PicoExecutor db) => _db = db;

                [PicoQuery("delete from users where id = $1")]
                internal partial Task DeleteAsync(long id, CancellationToken ct);
            }
            """,
        ["Form.InstanceWithPrimaryConstructor"] = """
            namespace App;
            public sealed partial class UserStore(PicoClient client)
            {
                [PicoQuery("select count(*) from users")]
                public partial Task<long> CountAsync(CancellationToken ct);
            }
            """,
        ["Form.InstanceWithProperty"] = """
            namespace App;
            public partial record UserStore(PicoLease Lease)
            {
                [PicoQuery("update users set name = $2 where id = $1")]
                public partial ValueTask<long> RenameAsync(long id, string name);
            }
            """,
        ["Return.ReadOnlyList"] = """
            namespace App;
            public partial interface IQ { [PicoQuery("select id, name, email from users where id > $1 order by id")] Task<IReadOnlyList<User>> ListAsync(long after, CancellationToken ct = default); }
            """,
        ["Return.List"] = """
            namespace App;
            public partial interface IQ { [PicoQuery("select id, name, email from users")] Task<List<User>> ListAsync(); }
            """,
        ["Return.Array"] = """
            namespace App;
            public partial interface IQ { [PicoQuery("select id from users")] Task<long[]> IdsAsync(); }
            """,
        ["Return.Stream"] = """
            namespace App;
            public partial interface IQ { [PicoQuery("select id, name, email from users")] IAsyncEnumerable<User> StreamAsync(CancellationToken ct = default); }
            """,
        ["Return.ValueTaskFirstOrNullScalar"] = """
            namespace App;
            public partial interface IQ { [PicoQuery("select max(id) from users")] ValueTask<long?> MaxIdAsync(); }
            """,
        ["Return.ValueTaskNothing"] = """
            namespace App;
            public partial interface IQ { [PicoQuery("truncate users")] ValueTask TruncateAsync(); }
            """,
        ["Return.Tuple"] = """
            namespace App;
            public partial interface IQ { [PicoQuery("select id, email from users")] Task<IReadOnlyList<(long Id, string? Email)>> PairsAsync(); }
            """,
        ["Row.ClassWithPropertiesAndColumnAttribute"] = """
            namespace App;
            public partial interface IQ
            {
                [PicoQuery("select id, customer, quantity, total, created_at, reference from orders where created_at > $1")]
                Task<List<Order>> SinceAsync(DateTime since, CancellationToken ct = default);
            }
            """,
        ["Statement.BlockRead"] = """
            namespace App;
            public partial interface IQ
            {
                [PicoQuery("DO $$ BEGIN LET n = (SELECT count(*) FROM users WHERE id > $1); RETURN QUERY SELECT id, name, email FROM users WHERE id > n; END $$")]
                Task<List<User>> AfterCountAsync(long id, CancellationToken ct = default);
            }
            """,
        ["Statement.BlockWrite"] = """
            namespace App;
            public partial interface IQ
            {
                [PicoQuery("DO $$ BEGIN RETURN QUERY SELECT id, name, email FROM users WHERE id = $1; UPDATE users SET name = $2 WHERE id = $1; END $$")]
                Task<User?> RenameReturningOldAsync(long id, string name, CancellationToken ct = default);
            }
            """,
        ["Statement.Explain"] = """
            namespace App;
            public partial interface IQ { [PicoQuery("EXPLAIN SELECT id FROM users WHERE id = $1")] Task<List<string>> PlanAsync(long id); }
            """,
        ["Write.Idempotent"] = """
            namespace App;
            public partial interface IQ
            {
                [PicoQuery("insert into users (id, name, email) values ($1, $2, null) on conflict do nothing", Idempotent = true)]
                Task<int> EnsureAsync(long id, string name);
            }
            """,
        ["Names.ParametersThatShadowLocals"] = """
            namespace App;
            public partial interface IQ
            {
                [PicoQuery("select id, name, email from users where name = $1 and id > $2")]
                Task<User?> FindAsync(string reader, long @class, CancellationToken Sql);
            }
            """,
        // Routed: with the schema, a point statement hashes its sharding key and goes to the bucket's owner.
        ["Routed.PointReadAndWrite"] = """
            namespace App;
            public partial interface IRoutedUsers
            {
                [PicoQuery("select id, name, email from users where id = $1")]
                Task<User?> FindAsync(long id, CancellationToken ct = default);

                [PicoQuery("insert into users (id, name, email) values ($1, $2, $3)")]
                Task<int> InsertAsync(long id, string name, string? email, CancellationToken ct = default);

                [PicoQuery("select count(*) from users")]
                Task<long> CountAsync(CancellationToken ct = default);
            }
            """,
        ["Failed.ErrorStillGetsABody"] = """
            namespace App;
            public partial interface IQ
            {
                [PicoQuery("select id, name, email from users offset 10")]
                Task<List<User>> PageAsync();
            }
            """,
    };

    [Fact]
    public void Every_snapshot_file_is_a_case_this_class_reads()
    {
        // A case renamed or removed leaves its file behind, where it would read as checked output.
        Assert.Empty(Snapshot.Orphans(Snapshot.DirectoryOf(), Sources.Keys.Select(name => "Generated." + name)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_source_matches_its_snapshot_and_compiles(string name)
    {
        var outcome = name.StartsWith("Routed.", StringComparison.Ordinal)
            ? GeneratorHarness.RunWithSchema(UsersSchema, Usings + Sources[name], Usings + Rows)
            : GeneratorHarness.Run(Usings + Sources[name], Usings + Rows);

        Snapshot.Match(outcome.AllSources(), "Generated." + name);
        var expectedErrors = name.StartsWith("Failed.", StringComparison.Ordinal) ? 1 : 0;
        Assert.Equal(expectedErrors, outcome.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(outcome.CompilerDiagnostics.Where(d => !d.Id.StartsWith("PICO", StringComparison.Ordinal)));
    }
}
