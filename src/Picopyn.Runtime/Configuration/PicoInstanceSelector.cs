namespace Picopyn;

/// <summary>
/// A user balancing strategy: returns one of <paramref name="candidates"/>, the live instances
/// not yet tried for this statement (never empty). Throwing, or returning anything else, fails
/// the statement with <see cref="PicoBalancerException"/> and leaves the pool whole.
/// </summary>
public delegate PicoInstanceInfo PicoInstanceSelector(IReadOnlyList<PicoInstanceInfo> candidates);
