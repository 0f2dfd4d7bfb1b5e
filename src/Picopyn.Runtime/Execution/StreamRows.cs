using Npgsql;

namespace Picopyn;

/// <summary>What a stream does to move to its next row, shared by the client's and a lease's streams.</summary>
internal static class StreamRows
{
    /// <summary>
    /// Advances the reader, honouring cancellation for every row: Npgsql serves rows it has already
    /// buffered without looking at the token, so a cancelled stream would otherwise keep going.
    /// </summary>
    public static Task<bool> NextAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return reader.ReadAsync(cancellationToken);
    }
}
