using System.Collections.Generic;
using System.Linq;
using Picopyn.Generators.Diagnostics;
using Picopyn.Generators.Model;
using Picopyn.Generators.Schema;
using Picopyn.Generators.Sql;

namespace Picopyn.Generators.Binding;

/// <summary>
/// The schema-aware checks (PICO3xx, docs/schema-checking.md), run only when the project gives a
/// schema: names and INSERT/UPDATE rules by the <see cref="StatementTyper"/>, then each parameter
/// against what its placeholder stands for, and — once columns are bound to members — each column's
/// type and nullability against its member.
/// </summary>
internal static class SchemaChecker
{
    /// <summary>Checks the statement and returns it typed, a <c>select *</c> expanded; <see langword="null"/> when it could not be typed.</summary>
    public static TypedStatement? Check(SqlAnalysis analysis, QueryMethodSpec spec, SchemaModel schema, SqlSourceMap map, DiagnosticCollector diagnostics)
    {
        var (items, placeholders) = StatementTyper.Type(spec.Sql, schema, map, diagnostics);
        CheckParameters(placeholders, spec.BoundParameters, map, diagnostics);
        if (items is null || !analysis.ReturnsRows)
        {
            return null;
        }

        // The typer and the SQL reader must agree on the items; where they do not, nothing is assumed.
        if (items.Count != analysis.Columns.Count || items.Where((item, i) => item.IsStar != analysis.Columns[i].IsStar).Any())
        {
            return null;
        }

        var columns = new List<SqlResultColumn>();
        var types = new List<SqlType>();
        for (var i = 0; i < items.Count; i++)
        {
            var column = analysis.Columns[i];
            if (items[i] is { IsStar: true, Expansion: { } expansion })
            {
                foreach (var (name, type) in expansion)
                {
                    columns.Add(new SqlResultColumn(name, column.Start, column.Length, IsStar: false, IsNamed: true));
                    types.Add(type);
                }
            }
            else
            {
                columns.Add(column);
                types.Add(items[i].Type);
            }
        }

        var faults = analysis.Faults.Where(f => f.Kind != SqlFaultKind.DuplicateColumn).Concat(SqlReader.DuplicateColumns(columns)).OrderBy(f => f.Start).ToArray();
        var expanded = analysis with
        {
            Columns = new EquatableArray<SqlResultColumn>(columns.ToArray()),
            Faults = new EquatableArray<SqlFault>(faults),
        };
        return new TypedStatement(expanded, types);
    }

    /// <summary>Each column bound to a member: a type the member cannot take is PICO305; a column that can be NULL in a member that cannot hold it, PICO306.</summary>
    public static void CheckMembers(
        TypedStatement typed, IReadOnlyList<(int Ordinal, RowMemberShape Member)> bound, SqlSourceMap map, DiagnosticCollector diagnostics)
    {
        foreach (var (ordinal, member) in bound)
        {
            var type = typed.ColumnTypes[ordinal];
            var column = typed.Analysis.Columns[ordinal];
            var where = map.At(column.Start, column.Length);
            var memberName = member.Name.Length == 0 ? "the value" : member.Name;
            if (type.IsKnown && !TypeRules.MemberFits(type.Type, member.MetadataName))
            {
                diagnostics.Add(DiagnosticDescriptors.ColumnTypeMismatch, where, column.Name, PicoTypeNames.Name(type.Type), memberName, member.Owner,
                    member.TypeDisplay, TypeRules.Natural(type.Type, member.NullValue is not null));
            }
            else if (type.IsNullable && member.NullValue is null)
            {
                diagnostics.Add(DiagnosticDescriptors.NullableIntoNonNullable, where, column.Name, type.NullableBecause ?? "it can be NULL", memberName,
                    member.Owner, member.TypeDisplay, member.TypeDisplay + "?");
            }
        }
    }

    // Each placeholder whose use fixes a type: the method parameter bound to it must be of a CLR type that fits.
    private static void CheckParameters(PlaceholderTypes placeholders, EquatableArray<BoundParameterSpec> parameters, SqlSourceMap map, DiagnosticCollector diagnostics)
    {
        foreach (var entry in placeholders.All.OrderBy(p => p.Key))
        {
            var parameter = parameters.FirstOrDefault(p => p.Placeholder == entry.Key);
            var (type, span, text, what) = entry.Value;
            if (parameter is null || TypeRules.ParameterFits(type, parameter.MetadataName))
            {
                continue;
            }

            diagnostics.Add(DiagnosticDescriptors.ParameterTypeMismatch, map.At(span.Start, span.Length), text, what, parameter.Name,
                parameter.TypeDisplay, TypeRules.Natural(type, parameter.TypeDisplay.EndsWith("?", System.StringComparison.Ordinal)));
        }
    }
}
