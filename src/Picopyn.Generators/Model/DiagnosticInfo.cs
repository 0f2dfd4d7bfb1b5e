namespace Picopyn.Generators.Model;

/// <summary>A diagnostic to report: its descriptor's ID, where it belongs and its message arguments.</summary>
/// <param name="Id">The <c>PICOnnn</c> ID, a key of <c>DiagnosticDescriptors</c>.</param>
/// <param name="Location">Where it belongs, or <see langword="null"/> for none.</param>
/// <param name="Arguments">The message format's arguments, already as text.</param>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments);
