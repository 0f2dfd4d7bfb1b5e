namespace Picopyn.Benchmarks.Mapping;

/// <summary>What Picopyn generates for the benchmarks' queries.</summary>
public partial interface IBenchQueries
{
    [PicoQuery("select id, name, note, score, active, created from bench_rows where id <= $1")]
    Task<List<BenchRow>> UpToAsync(long last, CancellationToken ct = default);

    [PicoQuery("select id, name, note, score, active, created from bench_rows where id = $1")]
    Task<BenchRow?> FindAsync(long id, CancellationToken ct = default);
}
