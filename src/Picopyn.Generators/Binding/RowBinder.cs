using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Picopyn.Generators.Diagnostics;
using Picopyn.Generators.Model;
using Picopyn.Generators.Parsing;
using Picopyn.Generators.Sql;

namespace Picopyn.Generators.Binding;

/// <summary>
/// Decides which result column fills which member of a row type, as fixed ordinals: a scalar takes
/// the one column, a tuple takes columns by position, an object's constructor parameters and
/// settable properties take them by name (docs/generator.md, "Row types"). Symbol-free: it works on
/// the parser's <see cref="RowTypeShape"/> and the statement's columns, after any <c>select *</c>
/// has been expanded from the schema.
/// </summary>
internal sealed class RowBinder
{
    private readonly EquatableArray<SqlResultColumn> _columns;
    private readonly EquatableArray<SqlFault> _faults;
    private readonly SqlSourceMap _map;
    private readonly LocationInfo? _fallback;
    private readonly DiagnosticCollector _diagnostics;
    private readonly List<(int Ordinal, RowMemberShape Member)> _bound = [];
    private readonly bool _schemaGiven;
    private bool _failed;

    private RowBinder(SqlAnalysis sql, SqlSourceMap map, LocationInfo? fallback, DiagnosticCollector diagnostics, bool schemaGiven)
    {
        _schemaGiven = schemaGiven;
        _columns = sql.Columns;
        _faults = sql.Faults;
        _map = map;
        _fallback = fallback;
        _diagnostics = diagnostics;
    }

    /// <summary>Binds the columns of <paramref name="sql"/> to <paramref name="row"/>; faults of members not in source go to <paramref name="fallback"/>.</summary>
    /// <param name="row">The row type.</param>
    /// <param name="sql">The statement, its columns known.</param>
    /// <param name="map">Where the SQL's characters stand in the source.</param>
    /// <param name="fallback">The return type's location.</param>
    /// <param name="diagnostics">Where faults go.</param>
    /// <param name="schemaGiven">Whether the project gives a schema (a <c>*</c> left unexpanded then has a source the schema cannot tell).</param>
    /// <param name="bound">Each column that fills a member, with that member: what the schema checks compare.</param>
    /// <returns>The row model, or <see langword="null"/> when a fault was reported.</returns>
    public static RowModel? Bind(
        RowTypeShape row, SqlAnalysis sql, SqlSourceMap map, LocationInfo? fallback, DiagnosticCollector diagnostics, bool schemaGiven,
        out IReadOnlyList<(int Ordinal, RowMemberShape Member)> bound)
    {
        var binder = new RowBinder(sql, map, fallback, diagnostics, schemaGiven);
        var model = binder.Bind(row);
        bound = binder._bound;
        return model;
    }

    private RowModel? Bind(RowTypeShape row)
    {
        var star = _columns.FirstOrDefault(c => c.IsStar);
        if (star is not null)
        {
            _diagnostics.Add(DiagnosticDescriptors.StarColumns, At(star), star.Name, _schemaGiven
                ? "the schema does not tell the columns of its source (a system table, a table the schema lacks, or a query the checks do not follow); list the columns"
                : "list the columns, or give the project its schema (<PicoSchema Include=\"schema.sql\" />) so * expands from it");
            return null;
        }

        var reads = row.Kind switch
        {
            RowKind.Scalar => Positional(row, "1 column"),
            RowKind.Tuple => Positional(row, row.Elements.Count + " columns"),
            _ => Object(row),
        };
        return _failed || reads is null ? null : new RowModel(row.Kind, row.Type, row.DisplayName, new EquatableArray<ColumnReadModel>(reads.ToArray()));
    }

    // A scalar or a tuple: the columns by position, as many as there are elements.
    private List<ColumnReadModel>? Positional(RowTypeShape row, string takes)
    {
        if (!CheckColumnCount(row.DisplayName, row.Elements.Count, takes))
        {
            return null;
        }

        var reads = new List<ColumnReadModel>();
        for (var i = 0; i < row.Elements.Count; i++)
        {
            if (Read(i, row.Elements[i], MemberTarget.Value) is { } read)
            {
                reads.Add(read);
            }
        }

        return reads;
    }

    private List<ColumnReadModel>? Object(RowTypeShape row)
    {
        foreach (var duplicate in _faults.Where(f => f.Kind == SqlFaultKind.DuplicateColumn))
        {
            Fail(DiagnosticDescriptors.DuplicateColumn, _map.At(duplicate.Start, duplicate.Length), duplicate.Message.TrimEnd('.'));
        }

        if (_failed)
        {
            return null;
        }

        var used = new bool[_columns.Count];
        var constructor = row.Constructors.FirstOrDefault(c => c.All(p => FindColumn(p, new bool[used.Length]) >= 0));
        if (constructor.Count == 0 && row.Constructors.Count > 0)
        {
            constructor = row.Constructors[0];
        }

        var reads = new List<ColumnReadModel>();
        foreach (var parameter in constructor)
        {
            var ordinal = FindColumn(parameter, used);
            if (ordinal < 0)
            {
                ReportUnfilled(parameter, row.DisplayName);
            }
            else if (Read(ordinal, parameter, MemberTarget.ConstructorArgument) is { } read)
            {
                reads.Add(read);
            }
        }

        foreach (var property in row.Properties)
        {
            if (constructor.Any(p => string.Equals(p.Name, property.Name, System.StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var ordinal = FindColumn(property, used);
            if (ordinal < 0)
            {
                if (property.IsRequired)
                {
                    ReportUnfilled(property, row.DisplayName);
                }
            }
            else if (Read(ordinal, property, MemberTarget.Property) is { } read)
            {
                reads.Add(read);
            }
        }

        for (var i = 0; i < used.Length; i++)
        {
            if (!used[i])
            {
                _diagnostics.Add(DiagnosticDescriptors.UnmappedColumn, At(_columns[i]), _columns[i].Name, row.DisplayName);
            }
        }

        return reads;
    }

    private ColumnReadModel? Read(int ordinal, RowMemberShape member, MemberTarget target)
    {
        if (member.Read is not { } plan)
        {
            Fail(DiagnosticDescriptors.UnsupportedMemberType, member.Location ?? _fallback,
                member.Name.Length == 0 ? "The value" : member.Name, member.Owner, member.UnsupportedReason ?? string.Empty);
            return null;
        }

        _bound.Add((ordinal, member));
        return new ColumnReadModel(ordinal, _columns[ordinal].Name, member.Name, target, member.MemberType, plan.Getter, plan.NarrowTo, member.NullValue);
    }

    private bool CheckColumnCount(string display, int expected, string takes)
    {
        var count = _columns.Count;
        if (count == expected)
        {
            return true;
        }

        var location = count > expected && expected > 0 ? At(_columns[expected]) : _fallback;
        var returned = count + (count == 1 ? " column" : " columns") +
            (count == 0 ? string.Empty : " (" + string.Join(", ", _columns.Select(c => c.Name)) + ")");
        Fail(DiagnosticDescriptors.ColumnCount, location, display, takes, returned);
        return false;
    }

    private int FindColumn(RowMemberShape member, bool[] used)
    {
        for (var i = 0; i < _columns.Count; i++)
        {
            var name = _columns[i].Name;
            var match = member.Column is not null
                ? string.Equals(name, member.Column, System.StringComparison.OrdinalIgnoreCase)
                : ColumnNames.Match(name, member.Name);
            if (match && !used[i])
            {
                used[i] = true;
                return i;
            }
        }

        return -1;
    }

    private void ReportUnfilled(RowMemberShape member, string display)
    {
        var returned = _columns.Count == 0 ? "no columns" : string.Join(", ", _columns.Select(c => c.Name));
        Fail(DiagnosticDescriptors.UnfilledMember, member.Location ?? _fallback, member.Name, display, returned,
            member.Column ?? ColumnNames.SnakeCase(member.Name));
    }

    private LocationInfo At(SqlResultColumn column) => _map.At(column.Start, column.Length);

    private void Fail(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments)
    {
        _failed = true;
        _diagnostics.Add(descriptor, location, arguments);
    }
}
