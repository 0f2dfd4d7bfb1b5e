namespace Picopyn;

/// <summary>
/// What <see cref="PicoClient.CheckHealthAsync"/> found: each known instance, probed when it was in rotation.
/// The Picopyn.DependencyInjection health check reads it as Healthy (all answered), Degraded (some out of
/// rotation) or Unhealthy (none answered).
/// </summary>
public sealed class PicoClusterHealth
{
    internal PicoClusterHealth(IReadOnlyList<PicoInstanceHealth> instances) => Instances = instances;

    /// <summary>Every instance the client knows, in discovery's order.</summary>
    public IReadOnlyList<PicoInstanceHealth> Instances { get; }

    /// <summary>The instances that answered the probe.</summary>
    public IEnumerable<PicoInstanceHealth> Answering => Instances.Where(i => i.Answered);

    /// <summary>The instances out of rotation: down before the probe, or failed by it.</summary>
    public IEnumerable<PicoInstanceHealth> OutOfRotation => Instances.Where(i => !i.Answered);

    /// <summary>Whether every known instance answered.</summary>
    public bool AllAnswered => Instances.Count > 0 && Instances.All(i => i.Answered);

    /// <summary>Whether at least one instance answered: the cluster can serve statements.</summary>
    public bool AnyAnswered => Instances.Any(i => i.Answered);
}
