namespace Picopyn.Generators;

/// <summary>Names of the generator's pipeline steps, which incremental-cache tests look up.</summary>
internal static class TrackingNames
{
    /// <summary>Each <c>[PicoQuery]</c> method parsed: its symbol-free spec and the parser's diagnostics.</summary>
    public const string Methods = "PicoQuery.Methods";

    /// <summary>The app's schema, read from its <c>PicoSchema</c> files.</summary>
    public const string Schema = "PicoQuery.Schema";

    /// <summary>Each method bound (against the schema, when given): the model to emit and all its diagnostics.</summary>
    public const string Bound = "PicoQuery.Bound";

    /// <summary>The models of methods to emit.</summary>
    public const string Models = "PicoQuery.Models";

    /// <summary>The diagnostics of each method.</summary>
    public const string Diagnostics = "PicoQuery.Diagnostics";

    /// <summary>The distinct interfaces whose implementation class to emit.</summary>
    public const string Interfaces = "PicoQuery.Interfaces";
}
