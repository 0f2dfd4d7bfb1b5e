using System.Collections.Generic;
using System.Linq;

namespace Picopyn.Generators.Binding;

/// <summary>The sources of one SELECT's FROM clause, and the names of its result columns (which ORDER BY may use).</summary>
internal sealed class QueryScope
{
    public static QueryScope Empty { get; } = new();

    public List<QuerySource> Sources { get; } = [];

    public List<QueryItem> Outputs { get; } = [];

    /// <summary>
    /// While a join's ON condition is typed: the joined source, the last of <see cref="Sources"/>. Picodata
    /// resolves a bare name there against the two join children: the sources before it, and it.
    /// </summary>
    public QuerySource? JoinedSource { get; set; }

    public QuerySource? Source(string alias) => Sources.FirstOrDefault(s => s.Alias == alias);
}
