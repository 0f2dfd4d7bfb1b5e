namespace Picopyn.Cli.Verify;

/// <summary>One generated query as its <c>[assembly: PicoQueryManifest]</c> describes it.</summary>
/// <param name="Method">The method, <c>Namespace.Type.Method</c>.</param>
/// <param name="Sql">The statement.</param>
/// <param name="Parameters">The C# type each placeholder is bound as, <c>$1</c> first.</param>
/// <param name="Columns">Each column read: its name, the C# type it is read into, and whether that takes NULL.</param>
internal sealed record QueryManifest(string Method, string Sql, IReadOnlyList<string> Parameters, IReadOnlyList<(string Name, string Type, bool Nullable)> Columns);
