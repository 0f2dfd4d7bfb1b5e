using Picopyn;
using Picopyn.Testing;

// One typed query through the packed Picopyn package, against an emulated cluster.
await using var cluster = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { InstanceCount = 2, HideCatalogs = true });
await cluster.ExecuteDdlAsync("CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL, email text)");
await using var client = await PicoClient.ConnectAsync(cluster.BuildDsn());

var users = IUserQueries.Create(client);
await users.InsertAsync(42, "Ann", null);
var user = await users.FindAsync(42);
Console.WriteLine($"found: {user}");
return user == new User(42, "Ann", null) ? 0 : 1;

public sealed record User(long Id, string Name, string? Email);

public partial interface IUserQueries
{
    [PicoQuery("select id, name, email from users where id = $1")]
    Task<User?> FindAsync(long id, CancellationToken ct = default);

    [PicoQuery("insert into users (id, name, email) values ($1, $2, $3)")]
    Task<int> InsertAsync(long id, string name, string? email, CancellationToken ct = default);
}
