namespace Picopyn.Generators;

/// <summary>Names of the generator's pipeline steps, which incremental-cache tests look up.</summary>
internal static class TrackingNames
{
    /// <summary>Each <c>[PicoQuery]</c> method parsed: model and diagnostics.</summary>
    public const string Methods = "PicoQuery.Methods";

    /// <summary>The models of methods to emit.</summary>
    public const string Models = "PicoQuery.Models";

    /// <summary>The diagnostics of each method.</summary>
    public const string Diagnostics = "PicoQuery.Diagnostics";

    /// <summary>The distinct interfaces whose implementation class to emit.</summary>
    public const string Interfaces = "PicoQuery.Interfaces";
}
