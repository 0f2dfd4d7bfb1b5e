using Npgsql;
using Picopyn.Topology;

namespace Picopyn.Pool;

/// <summary>A connection handed to the holder of a lease, and the instance it goes to.</summary>
/// <remarks>A struct, so that a rental served from the idle connections allocates nothing.</remarks>
internal readonly record struct Rental(InstanceNode Node, NpgsqlConnection Connection);
