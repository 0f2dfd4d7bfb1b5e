using Picopyn.Generators.Schema;

namespace Picopyn.Cli.Schema;

/// <summary>How a schema file and a live cluster differ, one line per difference, in table order.</summary>
internal static class SchemaComparer
{
    public static List<string> Compare(IReadOnlyList<SchemaTable> file, IReadOnlyList<SchemaTable> live, string fileName)
    {
        var differences = new List<string>();
        foreach (var table in file.Where(f => !live.Any(l => l.Name == f.Name)))
        {
            differences.Add($"table '{table.Name}' is in {fileName} but not in the cluster");
        }

        foreach (var table in live.Where(l => !file.Any(f => f.Name == l.Name)))
        {
            differences.Add($"table '{table.Name}' is in the cluster but not in {fileName}");
        }

        foreach (var declared in file)
        {
            if (live.FirstOrDefault(l => l.Name == declared.Name) is { } actual)
            {
                CompareTable(declared, actual, fileName, differences);
            }
        }

        return differences;
    }

    private static void CompareTable(SchemaTable declared, SchemaTable actual, string fileName, List<string> differences)
    {
        var prefix = $"table '{declared.Name}': ";
        foreach (var column in declared.Visible)
        {
            var live = actual.Column(column.Name);
            if (live is null || live.IsHidden)
            {
                differences.Add(prefix + $"column '{column.Name}' is in {fileName} but not in the cluster");
                continue;
            }

            if (live.Type != column.Type)
            {
                differences.Add(prefix + $"column '{column.Name}' is {PicoTypeNames.Name(column.Type)} in {fileName} but {PicoTypeNames.Name(live.Type)} in the cluster");
            }

            if (live.IsNullable != column.IsNullable)
            {
                differences.Add(prefix + $"column '{column.Name}' is {Nullability(column)} in {fileName} but {Nullability(live)} in the cluster");
            }
        }

        foreach (var column in actual.Visible.Where(c => declared.Column(c.Name) is null))
        {
            differences.Add(prefix + $"column '{column.Name}' ({PicoTypeNames.Name(column.Type)}) is in the cluster but not in {fileName}");
        }

        if (!declared.PrimaryKey.SequenceEqual(actual.PrimaryKey))
        {
            differences.Add(prefix + $"primary key ({string.Join(", ", declared.PrimaryKey)}) in {fileName} but ({string.Join(", ", actual.PrimaryKey)}) in the cluster");
        }

        if (declared.IsGlobal != actual.IsGlobal || !declared.ShardingKey.SequenceEqual(actual.ShardingKey))
        {
            differences.Add(prefix + $"{Distribution(declared)} in {fileName} but {Distribution(actual)} in the cluster");
        }
    }

    private static string Nullability(SchemaColumn column) => column.IsNullable ? "nullable" : "NOT NULL";

    private static string Distribution(SchemaTable table) =>
        table.IsGlobal ? "distributed globally" : $"distributed by ({string.Join(", ", table.ShardingKey)})";
}
