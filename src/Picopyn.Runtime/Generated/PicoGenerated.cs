using System.ComponentModel;
using System.Globalization;
using Npgsql;

namespace Picopyn;

/// <summary>
/// For generated code: the checks and exceptions <c>[PicoQuery]</c> methods share. Not meant to be
/// called by hand; its surface may change with the generator.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PicoGenerated
{
    /// <summary>Throws <see cref="PicoParameterException"/> unless <paramref name="value"/> is UTC: Picodata has no timestamp without time zone.</summary>
    public static void RequireUtc(DateTime value, string parameter, string sql)
    {
        if (value.Kind != DateTimeKind.Utc)
        {
            throw new PicoParameterException(
                $"Parameter '{parameter}' is a DateTime of Kind {value.Kind}; Picodata stores datetime with an offset and Picopyn sends only UTC. " +
                "Pass DateTime.UtcNow, value.ToUniversalTime() or DateTime.SpecifyKind(value, DateTimeKind.Utc), or a DateTimeOffset. Nothing was sent.",
                sql);
        }
    }

    /// <summary>As <see cref="RequireUtc(DateTime, string, string)"/>; NULL passes.</summary>
    public static void RequireUtc(DateTime? value, string parameter, string sql)
    {
        if (value is { } present)
        {
            RequireUtc(present, parameter, sql);
        }
    }

    /// <summary>The exception for a query that had to return exactly one row and returned none.</summary>
    public static PicoMappingException NoRows(string sql) =>
        new("The query returned no rows, but the method returns exactly one; return T? to get null for no row.", sql);

    /// <summary>The exception for a query that had to return exactly one row and returned more.</summary>
    public static PicoMappingException SeveralRows(string sql) =>
        new("The query returned more than one row, but the method returns exactly one; return a list, or narrow the WHERE clause.", sql);

    /// <summary>
    /// The exception for a row that could not be read: names the first column whose value does not
    /// fit its member (a NULL for a non-nullable member, an integer too large to narrow).
    /// </summary>
    public static PicoMappingException RowFailure(
        NpgsqlDataReader reader, Exception exception, string sql, string rowType, params PicoMappedColumn[] columns)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(columns);
        foreach (var column in columns)
        {
            var member = column.Member.Length == 0 ? rowType : rowType + "." + column.Member;
            if (reader.IsDBNull(column.Ordinal))
            {
                if (!column.AcceptsNull)
                {
                    return new PicoMappingException(
                        $"Column '{column.Column}' (ordinal {column.Ordinal}) is NULL, but {member} is not nullable; make it nullable, or COALESCE the column.",
                        sql, column.Column, innerException: exception);
                }

                continue;
            }

            if (column.NarrowTo is { } narrow && exception is OverflowException && reader.GetFieldType(column.Ordinal) == typeof(long))
            {
                var value = reader.GetInt64(column.Ordinal);
                var fits = narrow == "short" ? value is >= short.MinValue and <= short.MaxValue : value is >= int.MinValue and <= int.MaxValue;
                if (!fits)
                {
                    return new PicoMappingException(
                        string.Create(CultureInfo.InvariantCulture, $"Column '{column.Column}' (ordinal {column.Ordinal}) holds {value}, which does not fit {member} ({narrow}); Picodata integers are 64-bit, so make it long."),
                        sql, column.Column, innerException: exception);
                }
            }
        }

        return new PicoMappingException($"A row could not be read into {rowType}: {exception.Message}", sql, innerException: exception);
    }
}
