using Picopyn.Generators.Sql;

namespace Picopyn.Generators.Model;

/// <summary>
/// What the parser read off one <c>[PicoQuery]</c> method, with no symbols: the method to emit
/// (still without its result), the statement, the return type and the diagnostics so far. The
/// binder completes it — against the schema when one is given — into a <see cref="QueryMethodResult"/>.
/// </summary>
/// <param name="Method">The method to emit, its <c>Result</c> not yet set; <see langword="null"/> when nothing can be emitted.</param>
/// <param name="Blocked">A fault outside the result (executor, parameters) already means the body only throws.</param>
/// <param name="Sql">The statement text.</param>
/// <param name="Analysis">What the SQL reader made of the statement; <see langword="null"/> when it was never read.</param>
/// <param name="Map">Where the SQL's characters stand in the source.</param>
/// <param name="Return">The return type taken apart; <see langword="null"/> when it is not one the generator writes (reported).</param>
/// <param name="ReturnLocation">The return type in source, where faults of types outside the source go.</param>
/// <param name="MethodName">The method's name, for messages.</param>
/// <param name="BoundParameters">The parameters bound to placeholders, for the schema checks; empty when binding them failed.</param>
/// <param name="Diagnostics">What the parser reported.</param>
internal sealed record QueryMethodSpec(
    QueryMethodModel? Method,
    bool Blocked,
    string Sql,
    SqlAnalysis? Analysis,
    SqlSourceMap? Map,
    ReturnSpec? Return,
    LocationInfo? ReturnLocation,
    string MethodName,
    EquatableArray<BoundParameterSpec> BoundParameters,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>A method the parser could not read at all: only its diagnostics remain.</summary>
    public static QueryMethodSpec Failed(string methodName, EquatableArray<DiagnosticInfo> diagnostics) =>
        new(null, true, string.Empty, null, null, null, null, methodName, EquatableArray<BoundParameterSpec>.Empty, diagnostics);
}
