namespace Picopyn.Generators.EndToEndTests;

// The app-side code under test: real [PicoQuery] interfaces and classes, compiled with the generator.

public sealed record User(long Id, string Name, string? Email);

public sealed class Account
{
    public long Id { get; init; }

    [PicoColumn("name")]
    public string Holder { get; set; } = "";

    public double? Score { get; init; }

    public decimal? Balance { get; init; }

    public bool Active { get; init; }

    public DateTime CreatedAt { get; init; }

    public Guid? Ref { get; init; }

    public int Visits { get; init; }
}

public sealed record Stamp(long Id, DateTimeOffset CreatedAt);

public sealed record SlowRead(long Slow, string Instance);

public partial interface IUserQueries
{
    [PicoQuery("select id, name, email from users where id = $1")]
    Task<User?> FindAsync(long id, CancellationToken ct = default);

    [PicoQuery("select id, name, email from users where id = $1")]
    Task<User> GetAsync(long id, CancellationToken ct = default);

    [PicoQuery("select id, name, email from users where id >= $1 and id < 100 order by id")]
    Task<IReadOnlyList<User>> FromAsync(long first, CancellationToken ct = default);

    [PicoQuery("select id, name, email from users where id < 100 order by id")]
    Task<List<User>> ListAsync(CancellationToken ct = default);

    [PicoQuery("select id from users where id < 100 order by id")]
    Task<long[]> IdsAsync(CancellationToken ct = default);

    [PicoQuery("select id, name, email from users where id < 100 order by id")]
    IAsyncEnumerable<User> StreamAsync(CancellationToken ct = default);

    [PicoQuery("select count(*) from users where id < 100")]
    ValueTask<long> CountAsync(CancellationToken ct = default);

    [PicoQuery("select email from users where id = $1")]
    Task<string?> EmailAsync(long id, CancellationToken ct = default);

    [PicoQuery("select id, email from users where id < 100 order by id")]
    ValueTask<List<(long Id, string? Email)>> PairsAsync(CancellationToken ct = default);

    [PicoQuery("select id, name, score, balance, active, created_at, ref, visits from users where id = $1")]
    Task<Account?> AccountAsync(long id, CancellationToken ct = default);

    [PicoQuery("select id, created_at from users where id = $1")]
    Task<Stamp> StampAsync(long id, CancellationToken ct = default);

    [PicoQuery("insert into users (id, name, email, score, balance, active, created_at, ref, visits) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)")]
    Task<int> InsertAsync(long id, string name, string? email, double? score, decimal? balance, bool active, DateTime createdAt, Guid? reference, int visits, CancellationToken ct = default);

    [PicoQuery("update users set name = $2 where id = $1")]
    ValueTask<long> RenameAsync(long id, string name, CancellationToken ct = default);

    [PicoQuery("delete from users where id = $1")]
    Task DeleteAsync(long id, CancellationToken ct = default);

    [PicoQuery("select id from users where created_at > $1 and id < 100 order by id")]
    Task<List<long>> CreatedAfterAsync(DateTime after, CancellationToken ct = default);

    [PicoQuery("select id from users where created_at > $1 and id < 100 order by id")]
    Task<List<long>> CreatedAfterOffsetAsync(DateTimeOffset after, CancellationToken ct = default);

    // NULL email into the non-nullable Name.
    [PicoQuery("select id, email as name, email from users where id = $1")]
    Task<User?> WithNullNameAsync(long id, CancellationToken ct = default);

    // The same NULL, met by a stream on its second row.
    [PicoQuery("select id, email as name, email from users where id < 100 order by id")]
    IAsyncEnumerable<User> StreamWithNullNamesAsync(CancellationToken ct = default);

    [PicoQuery("select visits from users where id = $1")]
    Task<short> VisitsAsShortAsync(long id, CancellationToken ct = default);

    // The unused column is a PICO202 warning; this project builds with warnings as errors, so it
    // only compiles because the pragma suppresses it at the diagnostic's location.
#pragma warning disable PICO202
    [PicoQuery("select id, name, email, visits from users where id = $1")]
    Task<User?> FindIgnoringVisitsAsync(long id, CancellationToken ct = default);
#pragma warning restore PICO202
}

/// <summary>The static form: the client is a parameter.</summary>
public static partial class UserSql
{
    [PicoQuery("select name from users where id = $1")]
    public static partial Task<string?> NameAsync(PicoExecutor db, long id, CancellationToken ct = default);

    [PicoQuery("insert into users (id, name, email, active, created_at, visits) values ($1, $2, null, true, $3, 0) on conflict do nothing", Idempotent = true)]
    public static partial Task<int> EnsureAsync(PicoClient db, long id, string name, DateTimeOffset createdAt, CancellationToken ct = default);
}

/// <summary>The instance form: the client comes from a primary constructor parameter.</summary>
public sealed partial class UserStore(PicoClient client)
{
    [PicoQuery("select id, name, email from users where name = $1 order by id")]
    public partial Task<List<User>> ByNameAsync(string name, CancellationToken ct = default);
}

/// <summary>Statements that are slow on one chosen instance, to kill it while they run.</summary>
public partial interface ISlowQueries
{
    // Slow by GuardedCluster.SlowCount (RetryTests creates its table): Picodata's grammar has no table functions to be slow with.
    [PicoQuery("select case when pico_instance_uuid() = $1 then " + GuardedCluster.SlowCount + " else 1 end as slow, pico_instance_uuid() as instance")]
    Task<SlowRead> SlowReadAsync(string slowOn, CancellationToken ct = default);

    [PicoQuery("insert into writes (id, v) select $1, case when pico_instance_uuid() = $2 then " + GuardedCluster.SlowCount + " else 1 end as slow_write")]
    Task<int> SlowWriteAsync(long id, string slowOn, CancellationToken ct = default);
}

/// <summary>Picodata's transactional blocks, as generated methods (docs/generator.md's examples).</summary>
public partial interface IBlockQueries
{
    // Only LET and RETURN QUERY: a read.
    [PicoQuery("DO $$ BEGIN LET n = (SELECT count(*) FROM users WHERE id < $1); RETURN QUERY SELECT id, name, email FROM users WHERE id < $1 AND n > 1 ORDER BY id; END $$")]
    Task<List<User>> BelowWhenSeveralAsync(long below, CancellationToken ct = default);

    // A write: the old row, then the update, atomically.
    [PicoQuery("DO $$ BEGIN RETURN QUERY SELECT id, name, email FROM users WHERE id = $1; UPDATE users SET name = $2 WHERE id = $1; END $$")]
    Task<User?> RenameReturningOldAsync(long id, string name, CancellationToken ct = default);

    // Two writes: the second fails on a taken id, so the first must not stay.
    [PicoQuery("DO $$ BEGIN UPDATE users SET name = $2 WHERE id = $1; INSERT INTO users (id, name, active, created_at, visits) VALUES ($3, $2, true, $4, 0); END $$")]
    Task RenameThenInsertAsync(long id, string name, long newId, DateTime createdAt, CancellationToken ct = default);
}
