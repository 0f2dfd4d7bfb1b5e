using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Picopyn.Generators.Diagnostics;
using Picopyn.Generators.Model;

namespace Picopyn.Generators.Schema;

/// <summary>Joins the project's schema files into one schema; a table declared in two files is PICO300 on the second.</summary>
internal static class SchemaMerger
{
    public static SchemaModel Merge(ImmutableArray<SchemaFile> files)
    {
        if (files.IsDefaultOrEmpty)
        {
            return SchemaModel.None;
        }

        var tables = new List<SchemaTable>();
        var diagnostics = new List<DiagnosticInfo>();
        foreach (var file in files.OrderBy(f => f.Path, System.StringComparer.Ordinal))
        {
            diagnostics.AddRange(file.Diagnostics);
            foreach (var table in file.Tables)
            {
                if (tables.Any(t => t.Name == table.Name))
                {
                    diagnostics.Add(new DiagnosticInfo(DiagnosticDescriptors.SchemaUnreadable.Id, new LocationInfo(file.Path, 0, 0, 0, 0, 0, 0),
                        new EquatableArray<string>([$"Table '{table.Name}' is declared in more than one schema file; keep one declaration."])));
                    continue;
                }

                tables.Add(table);
            }
        }

        return new SchemaModel(true, new EquatableArray<SchemaTable>(tables.ToArray()), new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
    }
}
