using Npgsql;

namespace Picopyn.Benchmarks.Mapping;

/// <summary>The baseline: what a careful developer writes by hand with Npgsql — typed parameter, ordinals, typed getters.</summary>
public static class HandWritten
{
    public const string UpTo = "select id, name, note, score, active, created from bench_rows where id <= $1";
    public const string Find = "select id, name, note, score, active, created from bench_rows where id = $1";

    public static async Task<List<BenchRow>> QueryAsync(NpgsqlConnection connection, string sql, long argument)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = argument });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<BenchRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new BenchRow(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetDouble(3),
                reader.GetBoolean(4),
                reader.GetDateTime(5)));
        }

        return rows;
    }
}
