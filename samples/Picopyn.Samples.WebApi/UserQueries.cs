namespace Picopyn.Samples.WebApi;

/// <summary>A user, as the API reads and writes it.</summary>
public sealed record User(long Id, string Name, string? Email);

/// <summary>The sample's queries: implemented at build time, registered with <c>AddQueries(IUserQueries.Create)</c>.</summary>
public partial interface IUserQueries
{
    [PicoQuery("select id, name, email from users where id = $1")]
    Task<User?> FindAsync(long id, CancellationToken ct = default);

    [PicoQuery("insert into users (id, name, email) values ($1, $2, $3)")]
    Task<int> AddAsync(long id, string name, string? email, CancellationToken ct = default);

    [PicoQuery("delete from users where id = $1")]
    Task<int> RemoveAsync(long id, CancellationToken ct = default);
}
