using System.ComponentModel;

namespace Picopyn;

/// <summary>
/// For generated code: one column a generated row reader reads, described only when reading
/// failed, so the exception can name the column and member.
/// </summary>
/// <param name="Ordinal">The column's position.</param>
/// <param name="Column">The column's name in the SQL.</param>
/// <param name="Member">The member it fills (empty for a scalar or tuple element).</param>
/// <param name="AcceptsNull">Whether the member takes NULL.</param>
/// <param name="NarrowTo">For an <c>int</c> or <c>short</c> member: that type's C# name.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct PicoMappedColumn(int Ordinal, string Column, string Member, bool AcceptsNull, string? NarrowTo);
