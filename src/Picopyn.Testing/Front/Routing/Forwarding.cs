using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Testing.Front.Routing;

/// <summary>
/// How an emulated instance forwards a statement whose bucket another instance owns: the routed table's
/// references are rewritten to that instance's tables (<c>pico_fwd_&lt;raft id&gt;.users</c>), foreign tables
/// on its PostgreSQL — so the statement really travels one more hop and is run by a second server, as
/// Picodata's router sends it to the owning replicaset.
/// </summary>
internal static partial class Forwarding
{
    /// <summary>The schema, on every instance, of another instance's tables.</summary>
    public static string SchemaOf(long raftId) => string.Create(CultureInfo.InvariantCulture, $"pico_fwd_{raftId}");

    /// <summary>The client's text of a statement the front forwarded (as the instance's log holds it).</summary>
    public static string Unforwarded(string sql) =>
        sql.Contains("pico_fwd_", StringComparison.Ordinal) ? ForwardedName().Replace(sql, string.Empty) : sql;

    [GeneratedRegex(@"\bpico_fwd_[0-9]+\.")]
    private static partial Regex ForwardedName();

    /// <summary><paramref name="sql"/> with each of <paramref name="references"/> (the routed table's names in it) qualified by the owner's schema.</summary>
    public static string Rewrite(string sql, IReadOnlyList<TextSpan> references, long owner)
    {
        var schema = SchemaOf(owner);
        var text = new StringBuilder(sql.Length + (references.Count * (schema.Length + 1)));
        var next = 0;
        foreach (var reference in references.OrderBy(r => r.Start))
        {
            text.Append(sql, next, reference.Start - next).Append(schema).Append('.').Append(sql, reference.Start, reference.Length);
            next = reference.Start + reference.Length;
        }

        return text.Append(sql, next, sql.Length - next).ToString();
    }
}
