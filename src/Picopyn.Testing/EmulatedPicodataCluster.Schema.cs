using Npgsql;
using Picopyn.Testing.Emulation;

namespace Picopyn.Testing;

/// <content>Picodata DDL and the access to the system tables.</content>
public sealed partial class EmulatedPicodataCluster
{
    /// <inheritdoc />
    /// <remarks>
    /// The DDL is Picodata's — <c>CREATE TABLE ... PRIMARY KEY ... [DISTRIBUTED BY (...) | DISTRIBUTED GLOBALLY]</c>,
    /// <c>CREATE [UNIQUE] INDEX</c>, <c>DROP TABLE|INDEX</c>, <c>ALTER TABLE ... ADD COLUMN | RENAME ...</c>,
    /// <c>TRUNCATE</c> — read with the generator's schema reader, so what
    /// Picodata refuses is refused here (a table without a primary key, <c>float</c>, <c>DEFAULT</c>...).
    /// It runs on the storage server as PostgreSQL DDL (integer → bigint, double → double precision,
    /// datetime → timestamptz; distribution, engine and option clauses dropped), is recorded in
    /// <c>_pico_table</c> and <c>_pico_index</c> as Picodata records it, and every running instance
    /// re-imports the user tables (stopped ones do when they start).
    /// </remarks>
    public async Task ExecuteDdlAsync(string ddl, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ddl);
        try
        {
            await RunDdlAsync(ddl, cancellationToken).ConfigureAwait(false);
        }
        catch (PicodataDdlRefusedException refused)
        {
            throw new EmulatedClusterException($"Picodata would refuse this DDL: {refused.Reason}{Environment.NewLine}{ddl}", refused.InnerException ?? refused);
        }
    }

    /// <summary>
    /// The one path of Picodata DDL, from <see cref="ExecuteDdlAsync"/> and from any client through an instance's
    /// front: translated, run on the storage server, and every running instance re-imports the user tables.
    /// </summary>
    /// <exception cref="PicodataDdlRefusedException">Picodata would refuse it (in Picodata's words where it has them).</exception>
    internal Task RunDdlAsync(string ddl, CancellationToken cancellationToken)
    {
        var statements = PicodataDdl.Translate(ddl, _options.Tier, _options.BucketCount);
        return ExclusiveAsync(async () =>
        {
            try
            {
                await Storage.ExecuteAsSuperuserAsync(Database, string.Join(";\n", statements), cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException exception)
            {
                throw new PicodataDdlRefusedException(DdlErrorWording.Of(exception, ddl), exception);
            }

            var running = RunningInstances();
            foreach (var instance in running)
            {
                await instance.Server.ExecuteAsSuperuserAsync(Database, InstanceSchema.SyncUserTables, cancellationToken).ConfigureAwait(false);
            }

            // Then each instance's links to the others, whose tables are now there.
            await SyncForwardedTablesAsync(running, cancellationToken).ConfigureAwait(false);
            await RefreshShardsAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task SetSystemTablesReadableAsync(bool readable, CancellationToken cancellationToken = default) =>
        ExclusiveAsync(
            () => ExecuteOnStorageAsync(StorageSchema.SetSystemTablesHidden, [!readable], cancellationToken),
            cancellationToken);
}
