namespace Picopyn.Generators.EndToEndTests;

/// <summary>
/// One emulated cluster (catalogs hidden) with a seeded <c>users</c> table, shared by the tests of a
/// class. Rows 1–3 are never changed; tests that write use ids of their own, from 1000 up.
/// </summary>
public sealed class UsersCluster : IAsyncLifetime
{
    public static readonly DateTime Created = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    private GuardedCluster? _cluster;
    private PicoClient? _client;

    public GuardedCluster Cluster => _cluster!;

    public PicoClient Client => _client!;

    public IUserQueries Users { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _cluster = await GuardedCluster.StartAsync();
        await _cluster.Cluster.ExecuteDdlAsync("""
            CREATE TABLE users (
                id bigint PRIMARY KEY, name text NOT NULL, email text, score double, balance numeric,
                active boolean NOT NULL, created_at datetime NOT NULL, ref uuid, visits bigint NOT NULL)
            """);
        _client = await PicoClient.ConnectAsync(_cluster.Dsn());
        Users = IUserQueries.Create(_client);
        await Users.InsertAsync(1, "ann", "ann@example.com", 1.5, 10.25m, true, Created, Guid.Parse("6f1c1a4e-2b1a-4c55-9e77-3d2f7c1b9a01"), 7);
        await Users.InsertAsync(2, "bob", null, null, null, false, Created.AddDays(1), null, 0);
        await Users.InsertAsync(3, "cy", "cy@example.com", -2.0, 0m, true, Created.AddDays(2), null, 0);
        await _client.ExecuteAsync("UPDATE users SET visits = 5000000000 WHERE id = 2");
    }

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
