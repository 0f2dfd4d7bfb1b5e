using System.Collections.Generic;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Sql.Routing;

/// <summary>What <see cref="SqlRouteReader"/> found for one statement: its route, or why it has none.</summary>
/// <param name="Route">The one bucket the statement touches, or <see langword="null"/>.</param>
/// <param name="WhyNot">When there is no route, why, in words for a hidden diagnostic ("id is bound by IN: several buckets").</param>
/// <param name="TableReferences">Where the routed table is named in the text (an emulated router rewrites these to forward it).</param>
internal sealed record SqlRouting(SqlRoute? Route, string? WhyNot, IReadOnlyList<TextSpan> TableReferences)
{
    public static SqlRouting NotRouted(string why) => new(null, why, []);
}
