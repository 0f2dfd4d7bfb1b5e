using System;
using System.Collections.Generic;
using System.Linq;

namespace Picopyn.Generators.Sql;

/// <summary>"Did you mean" for a misspelt table, column or function: the closest known name within a few edits.</summary>
internal static class NameSuggestions
{
    /// <summary><c>; did you mean 'x'?</c>, or empty when no known name is close.</summary>
    public static string DidYouMean(string name, IEnumerable<string> known)
    {
        var best = known
            .Select(candidate => (Candidate: candidate, Distance: Distance(name, candidate)))
            .Where(c => c.Distance <= (name.Length <= 3 ? 1 : name.Length <= 6 ? 2 : 3))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Candidate, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Candidate is null ? string.Empty : $"; did you mean '{best.Candidate}'?";
    }

    // Levenshtein distance, case-insensitive: names are compared as Picodata folds them.
    private static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
