namespace Picopyn.Testing;

/// <summary>
/// The variant of a Picodata instance state, as <c>_pico_instance.current_state</c> holds it
/// (the compact JSON <c>["Online",1]</c> is <c>[variant, incarnation]</c>).
/// </summary>
public enum InstanceState
{
    /// <summary>Not serving: stopped, starting, or not yet joined.</summary>
    Offline,

    /// <summary>Serving queries.</summary>
    Online,

    /// <summary>Removed from the cluster for good.</summary>
    Expelled,
}
