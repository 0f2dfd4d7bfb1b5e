using System.Globalization;
using System.Linq;
using Picopyn.Generators.Model;
using Picopyn.Generators.Parsing;

namespace Picopyn.Generators.Emitting;

/// <summary>
/// Writes the static local function that turns the reader's current row into a value: typed
/// getters at fixed ordinals, <c>IsDBNull</c> only for members that take NULL, checked narrowing for
/// <c>int</c>/<c>short</c>. A NULL for a non-nullable member or a value too large to narrow ends in a
/// <c>PicoMappingException</c> that names the column, the member and the query.
/// </summary>
internal static class RowReaderEmitter
{
    public static void Write(CodeWriter writer, RowModel row, string name, string sql, string reader, string exception)
    {
        writer.Open($"static {row.Type} {name}(global::Npgsql.NpgsqlDataReader {reader})");
        writer.Open("try");
        switch (row.Kind)
        {
            case RowKind.Scalar:
                writer.Line($"return {Value(row.Columns[0], reader)};");
                break;
            case RowKind.Tuple:
                writer.Line("return (").Indent();
                WriteList(writer, row.Columns.Select(c => Value(c, reader)).ToArray(), ");");
                writer.Outdent();
                break;
            default:
                WriteObject(writer, row, reader);
                break;
        }

        writer.Close();
        writer.Open($"catch (global::System.Exception {exception}) when ({exception} is global::System.InvalidCastException or global::System.OverflowException)");
        writer.Line($"throw global::Picopyn.PicoGenerated.RowFailure({reader}, {exception}, {sql}, {GeneratedCode.Literal(row.DisplayName)},").Indent();
        WriteList(writer, row.Columns.Select(Describe).ToArray(), ");");
        writer.Outdent();
        writer.Close();
        writer.Close();
    }

    private static void WriteObject(CodeWriter writer, RowModel row, string reader)
    {
        var arguments = row.Columns.Where(c => c.Target == MemberTarget.ConstructorArgument)
            .Select(c => SymbolNames.Identifier(c.Member) + ": " + Value(c, reader)).ToArray();
        var properties = row.Columns.Where(c => c.Target == MemberTarget.Property).ToArray();
        var end = properties.Length == 0 ? ";" : string.Empty;
        if (arguments.Length == 0)
        {
            writer.Line($"return new {row.Type}" + (properties.Length == 0 ? "();" : string.Empty));
        }
        else
        {
            writer.Line($"return new {row.Type}(").Indent();
            WriteList(writer, arguments, ")" + end);
            writer.Outdent();
        }

        if (properties.Length > 0)
        {
            writer.Line("{").Indent();
            foreach (var property in properties)
            {
                writer.Line(SymbolNames.Identifier(property.Member) + " = " + Value(property, reader) + ",");
            }

            writer.Outdent().Line("};");
        }
    }

    private static void WriteList(CodeWriter writer, string[] items, string end)
    {
        for (var i = 0; i < items.Length; i++)
        {
            writer.Line(items[i] + (i < items.Length - 1 ? "," : end));
        }
    }

    private static string Value(ColumnReadModel column, string reader)
    {
        var ordinal = column.Ordinal.ToString(CultureInfo.InvariantCulture);
        var value = $"{reader}.{column.Getter}({ordinal})";
        if (column.NarrowTo is not null)
        {
            value = $"checked(({column.NarrowTo}){value})";
        }

        return column.NullValue is null ? value : $"{reader}.IsDBNull({ordinal}) ? {column.NullValue} : {value}";
    }

    private static string Describe(ColumnReadModel column) =>
        string.Format(
            CultureInfo.InvariantCulture,
            "new global::Picopyn.PicoMappedColumn({0}, {1}, {2}, {3}, {4})",
            column.Ordinal,
            GeneratedCode.Literal(column.Column),
            GeneratedCode.Literal(column.Member),
            column.NullValue is null ? "false" : "true",
            column.NarrowTo is null ? "null" : GeneratedCode.Literal(column.NarrowTo));
}
