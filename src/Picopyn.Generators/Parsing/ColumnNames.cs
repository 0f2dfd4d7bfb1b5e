using System.Text;

namespace Picopyn.Generators.Parsing;

/// <summary>How result columns and members find each other: <c>created_at</c> fills <c>CreatedAt</c>, ignoring case.</summary>
internal static class ColumnNames
{
    public static bool Match(string column, string member) => Normalize(column) == Normalize(member);

    /// <summary>The column name a member expects: <c>CreatedAt</c> → <c>created_at</c>.</summary>
    public static string SnakeCase(string member)
    {
        var text = new StringBuilder(member.Length + 4);
        for (var i = 0; i < member.Length; i++)
        {
            var c = member[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(member[i - 1]) || (i + 1 < member.Length && char.IsLower(member[i + 1]) && char.IsUpper(member[i - 1]))))
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }

    private static string Normalize(string name) => name.Replace("_", string.Empty).ToUpperInvariant();
}
