using System.Collections.Generic;
using Picopyn.Generators.Schema;
using Picopyn.Generators.Sql;

namespace Picopyn.Generators.Binding;

/// <summary>A statement after the schema checks: its columns (with any <c>*</c> expanded) and the type of each.</summary>
/// <param name="Analysis">The statement, its result columns expanded from the schema.</param>
/// <param name="ColumnTypes">The type of each result column, by ordinal.</param>
internal sealed record TypedStatement(SqlAnalysis Analysis, IReadOnlyList<SqlType> ColumnTypes);
