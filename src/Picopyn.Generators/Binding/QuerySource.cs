using System.Collections.Generic;
using Picopyn.Generators.Schema;

namespace Picopyn.Generators.Binding;

/// <summary>
/// A table, CTE or subquery in a FROM clause, under the name queries use for it.
/// An opaque source (a system table, a table the schema lacks) has columns the checks cannot know:
/// names resolved against it are never reported.
/// </summary>
internal sealed class QuerySource
{
    public QuerySource(string alias, string display, IReadOnlyList<(string Name, SqlType Type, bool Hidden)>? columns, bool nullable)
    {
        Alias = alias;
        Display = display;
        Columns = columns;
        Nullable = nullable;
    }

    /// <summary>The name columns are qualified with: the alias, or the table's own name.</summary>
    public string Alias { get; }

    /// <summary>How messages name it: <c>'users'</c>, <c>'users' (u)</c>.</summary>
    public string Display { get; }

    /// <summary>Its columns in order, or <see langword="null"/> when they cannot be known.</summary>
    public IReadOnlyList<(string Name, SqlType Type, bool Hidden)>? Columns { get; }

    /// <summary>The right side of a LEFT JOIN: every column can be NULL.</summary>
    public bool Nullable { get; }

    public bool IsOpaque => Columns is null;

    public static QuerySource ForTable(SchemaTable table, string alias)
    {
        var columns = new List<(string, SqlType, bool)>();
        foreach (var column in table.Columns)
        {
            columns.Add((column.Name, new SqlType(column.Type, column.IsNullable, column.IsNullable ? $"a nullable column of '{table.Name}'" : null), column.IsHidden));
        }

        return new QuerySource(alias, alias == table.Name ? $"'{table.Name}'" : $"'{table.Name}' ({alias})", columns, nullable: false);
    }

    public QuerySource LeftJoined() => new(Alias, Display, Columns, nullable: true);

    /// <summary>The column of this name, its type made nullable on the right of a LEFT JOIN; <see langword="null"/> when there is none (or the source is opaque).</summary>
    public SqlType? Find(string name)
    {
        if (Columns is null)
        {
            return null;
        }

        foreach (var column in Columns)
        {
            if (column.Name == name)
            {
                return column.Type.OrNull(Nullable, $"{Display} is on the right of a LEFT JOIN");
            }
        }

        return null;
    }
}
