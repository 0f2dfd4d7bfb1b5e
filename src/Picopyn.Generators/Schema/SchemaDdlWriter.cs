using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Picopyn.Generators.Schema;

/// <summary>
/// Writes tables as the Picodata DDL that <see cref="SchemaDdlReader"/> reads back to the same
/// tables: what <c>picopyn schema pull</c> writes. Types by their canonical names, NOT NULL where a
/// column is, the primary key as a table constraint, the distribution clause; the hidden
/// <c>bucket_id</c> is implied by the distribution, never written.
/// </summary>
internal static class SchemaDdlWriter
{
    public static string Write(IEnumerable<SchemaTable> tables)
    {
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append("create table ").Append(Name(table.Name)).Append(" (\n");
            foreach (var column in table.Columns.Where(c => !c.IsHidden))
            {
                text.Append("    ").Append(Name(column.Name)).Append(' ').Append(PicoTypeNames.Name(column.Type));
                if (!column.IsNullable)
                {
                    text.Append(" not null");
                }

                text.Append(",\n");
            }

            text.Append("    primary key (").Append(string.Join(", ", table.PrimaryKey.Select(Name))).Append(")\n)");
            text.Append(table.IsGlobal
                ? " distributed globally"
                : " distributed by (" + string.Join(", ", table.ShardingKey.Select(Name)) + ")");
            if (table.Tier is not null)
            {
                text.Append(" in tier ").Append(Name(table.Tier));
            }

            text.Append(";\n");
        }

        return text.ToString();
    }

    // An identifier as DDL needs it: bare when Picodata would fold it to itself, quoted otherwise.
    private static string Name(string name)
    {
        var bare = name.Length > 0 && (char.IsLower(name[0]) || name[0] == '_') &&
            name.All(c => char.IsLower(c) || char.IsDigit(c) || c == '_') && PicoTypeNames.Parse(name) is null && !Keywords.Contains(name);
        return bare ? name : "\"" + name.Replace("\"", "\"\"") + "\"";
    }

    private static readonly HashSet<string> Keywords =
    [
        "all", "and", "as", "asc", "between", "by", "case", "cast", "create", "delete", "desc", "distinct", "distributed", "drop",
        "else", "end", "except", "exists", "false", "from", "globally", "group", "having", "in", "index", "insert", "into", "is",
        "join", "key", "left", "like", "limit", "not", "null", "on", "option", "or", "order", "primary", "select", "set", "table",
        "then", "true", "union", "update", "using", "values", "when", "where", "with",
    ];
}
