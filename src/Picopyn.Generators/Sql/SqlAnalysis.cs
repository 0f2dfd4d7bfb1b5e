using System.Linq;
using Picopyn.Generators.Model;

namespace Picopyn.Generators.Sql;

/// <summary>What the SQL reader learned about one statement from its syntax tree. Plain, equatable data.</summary>
/// <param name="Kind">What the statement does.</param>
/// <param name="ParameterCount">How many parameters it takes: the highest <c>$n</c>, or the number of <c>?</c>.</param>
/// <param name="Placeholders">Every placeholder occurrence, in text order.</param>
/// <param name="Columns">The result columns, in order (empty for statements that return no rows).</param>
/// <param name="Faults">What Picodata would refuse, or what could not be read.</param>
/// <param name="BlockWrites">For a <see cref="SqlStatementKind.Block"/>: whether it has an INSERT, UPDATE or DELETE.</param>
/// <param name="BlockReturnsRows">For a <see cref="SqlStatementKind.Block"/>: whether it has a RETURN QUERY.</param>
internal sealed record SqlAnalysis(
    SqlStatementKind Kind,
    int ParameterCount,
    EquatableArray<SqlPlaceholder> Placeholders,
    EquatableArray<SqlResultColumn> Columns,
    EquatableArray<SqlFault> Faults,
    bool BlockWrites = false,
    bool BlockReturnsRows = false)
{
    /// <summary>The statement's <c>db.query.summary</c> (<see cref="SqlSummaryReader"/>): the name of its spans.</summary>
    public string Summary { get; init; } = string.Empty;

    /// <summary>Whether the statement only reads, and so may run again elsewhere after a lost connection.</summary>
    public bool IsRead => Kind is SqlStatementKind.Select or SqlStatementKind.Values or SqlStatementKind.Explain
        || (Kind == SqlStatementKind.Block && !BlockWrites);

    /// <summary>
    /// Whether the statement was read well enough to check the rest: nothing but duplicate column
    /// names was found (those matter only where columns are matched by name, and are reported there).
    /// </summary>
    public bool IsReadable => Faults.All(f => f.Kind == SqlFaultKind.DuplicateColumn);

    /// <summary>Whether the statement returns rows.</summary>
    public bool ReturnsRows => Kind is SqlStatementKind.Select or SqlStatementKind.Values or SqlStatementKind.Explain
        || (Kind == SqlStatementKind.Block && BlockReturnsRows);
}
