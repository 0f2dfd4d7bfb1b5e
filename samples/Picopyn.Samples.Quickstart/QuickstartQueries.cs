namespace Picopyn.Samples.Quickstart;

/// <summary>A user row, and which instance served the query that read it.</summary>
internal sealed record QuickstartUser(long Id, string Name, string? Email, string ServedBy);

/// <summary>The quickstart's statements: the generator writes the implementation and <c>Create</c>.</summary>
internal partial interface IQuickstartQueries
{
    [PicoQuery("select id, name, email, pico_instance_uuid() as served_by from quickstart_users where id = $1")]
    Task<QuickstartUser?> FindAsync(long id, CancellationToken ct = default);

    [PicoQuery("select id, name, email, pico_instance_uuid() as served_by from quickstart_users order by id")]
    IAsyncEnumerable<QuickstartUser> StreamAllAsync(CancellationToken ct = default);

    [PicoQuery("select count(*) from quickstart_users")]
    Task<long> CountAsync(CancellationToken ct = default);

    [PicoQuery("insert into quickstart_users (id, name, email) values ($1, $2, $3)")]
    Task<int> InsertAsync(long id, string name, string? email, CancellationToken ct = default);

    [PicoQuery("delete from quickstart_users")]
    Task<int> DeleteAllAsync(CancellationToken ct = default);
}
