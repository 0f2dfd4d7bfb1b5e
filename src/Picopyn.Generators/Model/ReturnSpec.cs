namespace Picopyn.Generators.Model;

/// <summary>A method's return type as the parser took it apart, before the binder decides what it returns.</summary>
/// <param name="Shape">What the type returns; <see cref="ResultShape.Single"/> of <c>int</c>/<c>long</c> becomes rows affected for a write.</param>
/// <param name="Wrapper">Task, ValueTask or none.</param>
/// <param name="ResultType">The type inside the awaitable, fully qualified (empty when there is none).</param>
/// <param name="Display">The whole return type as messages show it.</param>
/// <param name="ResultIsInt32">The type inside the awaitable is <c>int</c>.</param>
/// <param name="ResultIsInt64">The type inside the awaitable is <c>long</c>.</param>
/// <param name="Row">For a statement that returns rows: the row type, or <see langword="null"/> when reading it failed (and was reported).</param>
internal sealed record ReturnSpec(
    ResultShape Shape, ResultWrapper Wrapper, string ResultType, string Display, bool ResultIsInt32, bool ResultIsInt64, RowTypeShape? Row);
