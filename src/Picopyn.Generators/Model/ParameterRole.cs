namespace Picopyn.Generators.Model;

/// <summary>What a method parameter is for.</summary>
internal enum ParameterRole
{
    /// <summary>Bound to the placeholder of its position among the bound parameters.</summary>
    Bound,

    /// <summary>The <c>CancellationToken</c>, passed to the runtime.</summary>
    CancellationToken,

    /// <summary>The <c>PicoExecutor</c> (client or lease) a static method runs on.</summary>
    Executor,
}
