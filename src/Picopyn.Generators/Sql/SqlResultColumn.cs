namespace Picopyn.Generators.Sql;

/// <summary>A column of a statement's result, as Picodata names it.</summary>
/// <param name="Name">The alias, the column's own name, or <c>col_N</c> for an unnamed expression; unquoted names folded to lower case.</param>
/// <param name="Start">Offset of the text that names it (the alias, or the whole expression).</param>
/// <param name="Length">Length of that text.</param>
/// <param name="IsStar">A <c>*</c> or <c>t.*</c>, whose columns only a schema can tell.</param>
/// <param name="IsNamed">Whether the name was written (alias or column reference) rather than made up.</param>
internal sealed record SqlResultColumn(string Name, int Start, int Length, bool IsStar, bool IsNamed);
