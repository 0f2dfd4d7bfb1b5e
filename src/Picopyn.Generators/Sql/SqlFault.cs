namespace Picopyn.Generators.Sql;

/// <summary>A fault in a statement, located on the characters of the SQL text it concerns.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Start">Offset of the offending text in the SQL.</param>
/// <param name="Length">Length of the offending text (at least 1 when the SQL is not empty).</param>
/// <param name="Message">What is wrong and what to write instead.</param>
internal sealed record SqlFault(SqlFaultKind Kind, int Start, int Length, string Message);
