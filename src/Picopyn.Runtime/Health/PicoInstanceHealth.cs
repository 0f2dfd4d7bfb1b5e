namespace Picopyn;

/// <summary>One instance in a <see cref="PicoClusterHealth"/>: whether it answered the probe, and why not.</summary>
public sealed class PicoInstanceHealth
{
    internal PicoInstanceHealth(PicoInstanceInfo instance, bool answered, string? failure)
    {
        Instance = instance;
        Answered = answered;
        Failure = failure;
    }

    /// <summary>The instance, as the client saw it after the probe (out of rotation when it failed).</summary>
    public PicoInstanceInfo Instance { get; }

    /// <summary>Whether the probe statement ran on it.</summary>
    public bool Answered { get; }

    /// <summary>Why it did not answer, or why it was already out of rotation; <see langword="null"/> when it answered.</summary>
    public string? Failure { get; }

    /// <inheritdoc />
    public override string ToString() => Answered ? $"{Instance}: answered" : $"{Instance}: {Failure}";
}
