namespace Picopyn.Generators.Model;

/// <summary>
/// What the parser made of one <c>[PicoQuery]</c> method: the model to emit (none when an error
/// stops it) and the diagnostics to report. They travel together out of the attribute step and
/// part ways into the source output and the diagnostics output.
/// </summary>
internal sealed record QueryMethodResult(QueryMethodModel? Method, EquatableArray<DiagnosticInfo> Diagnostics);
