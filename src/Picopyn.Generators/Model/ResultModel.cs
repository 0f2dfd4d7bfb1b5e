namespace Picopyn.Generators.Model;

/// <summary>What a method returns and, for rows, how each row becomes a value.</summary>
/// <param name="Shape">List, first row, rows affected, stream...</param>
/// <param name="Wrapper">Task or ValueTask (a stream has none).</param>
/// <param name="ResultType">The <c>TResult</c> handed to the runtime (e.g. <c>List&lt;User&gt;</c>), empty when there is none.</param>
/// <param name="Row">For shapes with rows: how one row is read.</param>
internal sealed record ResultModel(ResultShape Shape, ResultWrapper Wrapper, string ResultType, RowModel? Row);
