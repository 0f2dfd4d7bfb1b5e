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

    /// <summary>
    /// Reads the current row. A row that does not fit its type fails inside generated code, which
    /// cannot know the instance; the stream names it, as the other result shapes do.
    /// </summary>
    public static TRow Read<TRow>(PicoRowReader<TRow> readRow, NpgsqlDataReader reader, string instance)
    {
        try
        {
            return readRow(reader);
        }
        catch (PicoMappingException mapping) when (mapping.Instance is null)
        {
            throw mapping.WithInstance(instance);
        }
    }

    /// <summary>Disposes a reader; <see langword="false"/> when that failed and its connection cannot be trusted.</summary>
    public static async ValueTask<bool> DisposeReaderAsync(NpgsqlDataReader reader)
    {
        try
        {
            await reader.DisposeAsync().ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is NpgsqlException or IOException or OperationCanceledException)
        {
            return false;
        }
    }
}
