using Npgsql;

namespace Picopyn.Testing.Front;

/// <summary>What a <see cref="PicodataFront"/> needs of its cluster and instance.</summary>
/// <param name="Database">The instance's one database, which every session is given.</param>
/// <param name="ApplicationUser">The application login, granted what the front creates for it (block functions).</param>
/// <param name="RunDdl">Runs Picodata DDL on the cluster; throws <see cref="Emulation.PicodataDdlRefusedException"/> when Picodata would refuse it.</param>
/// <param name="OpenInstanceConnection">A superuser connection to the instance's PostgreSQL, for what the front prepares there (describing a block).</param>
internal sealed record FrontServices(
    string Database,
    string ApplicationUser,
    Func<string, CancellationToken, Task> RunDdl,
    Func<CancellationToken, Task<NpgsqlConnection>> OpenInstanceConnection);
