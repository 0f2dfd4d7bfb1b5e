namespace Picopyn.Generators;

/// <summary>
/// Identity of the Picopyn generator assembly. The incremental generator itself arrives with the
/// generator issue; this keeps the analyzer package buildable and versioned until then.
/// </summary>
internal static class GeneratorInfo
{
    /// <summary>The tool name written into <c>[GeneratedCode]</c> attributes.</summary>
    public const string ToolName = "Picopyn.Generators";
}
