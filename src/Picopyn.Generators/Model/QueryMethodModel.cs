namespace Picopyn.Generators.Model;

/// <summary>Everything the emitter needs to write one <c>[PicoQuery]</c> method. Plain, equatable data.</summary>
/// <param name="Type">The declaring type.</param>
/// <param name="Name">The method's name.</param>
/// <param name="Modifiers">The implementation's modifiers, e.g. <c>public static partial</c> (interface implementations: <c>public</c>).</param>
/// <param name="ReturnType">The return type, fully qualified with nullable annotations.</param>
/// <param name="Sql">The statement text.</param>
/// <param name="Kind">Read, write or idempotent write: decides retries.</param>
/// <param name="Executor">How the body reaches its executor: a parameter's or member's name, or <c>_executor</c>.</param>
/// <param name="Parameters">The method's parameters, in declaration order.</param>
/// <param name="Result">What the method returns and how rows map to it; <see langword="null"/> when an error was reported, and the body only throws.</param>
/// <param name="SignatureKey">A stable text of the parameter types, to tell overloads apart in file names.</param>
internal sealed record QueryMethodModel(
    ContainingTypeModel Type,
    string Name,
    string Modifiers,
    string ReturnType,
    string Sql,
    StatementKind Kind,
    string Executor,
    EquatableArray<ParameterModel> Parameters,
    ResultModel? Result,
    string SignatureKey)
{
    /// <summary>The routing plan, when the schema shows the statement's rows in one bucket; else <see langword="null"/> (balanced).</summary>
    public RouteModel? Route { get; init; }

    /// <summary>The statement's <c>db.query.summary</c> (<c>SELECT users</c>), the name of its spans; empty when the SQL did not parse.</summary>
    public string Summary { get; init; } = string.Empty;
}
