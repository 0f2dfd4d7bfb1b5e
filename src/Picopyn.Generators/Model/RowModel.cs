namespace Picopyn.Generators.Model;

/// <summary>How one result row becomes a value.</summary>
/// <param name="Kind">A scalar, a constructor call (with optional property assignments), or a tuple.</param>
/// <param name="Type">The row type, fully qualified with nullable annotations (e.g. <c>global::App.User</c>, <c>long?</c>).</param>
/// <param name="DisplayName">The row type as messages name it (<c>User</c>).</param>
/// <param name="Columns">The columns read, by ordinal, and the member each fills.</param>
internal sealed record RowModel(RowKind Kind, string Type, string DisplayName, EquatableArray<ColumnReadModel> Columns);
