namespace Picopyn.Testing.Tests;

/// <summary>Tests that must not run beside any other test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "Sequential";
}
