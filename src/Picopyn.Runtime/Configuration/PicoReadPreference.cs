namespace Picopyn;

/// <summary>
/// Which instance of the replicaset that owns a routed read serves it: Picodata's <c>read_preference</c>
/// (see docs/picodata.md, "Forward and read_preference"). Writes always go to the replicaset's master.
/// </summary>
public enum PicoReadPreference
{
    /// <summary>The replicaset's current master, as writes (Picodata's default).</summary>
    Leader,

    /// <summary>A replica of the replicaset when one is in rotation, else the master.</summary>
    Replica,

    /// <summary>Any instance of the replicaset in rotation: one with an idle connection first.</summary>
    Any,
}
