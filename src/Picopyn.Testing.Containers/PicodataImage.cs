namespace Picopyn.Testing.Containers;

/// <summary>
/// Picodata's public image: the one place that names it. Users point the builder at their own image (a mirror,
/// another version, the emulated image these tests build) instead.
/// </summary>
public static class PicodataImage
{
    /// <summary>The registry and repository Picodata publishes its images to (see docs/picodata.md, "Containers").</summary>
    public const string Repository = "docker.binary.picodata.io/picodata";

    /// <summary>
    /// The release the recipe is written for: the newest stable release in Picodata's CHANGELOG when this was
    /// written (26.1.5, 2026-07-01; 26.2.1 was a release candidate), whose options include every environment
    /// variable <see cref="PicodataInstanceRecipe"/> sets.
    /// </summary>
    public const string Tag = "26.1.5";

    /// <summary><see cref="Repository"/>:<see cref="Tag"/>.</summary>
    public const string Default = Repository + ":" + Tag;
}
