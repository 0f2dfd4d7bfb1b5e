using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Picopyn.Generators.Diagnostics;
using Picopyn.Generators.Model;
using Picopyn.Generators.Sql;
using Picopyn.Generators.Types;

namespace Picopyn.Generators.Parsing;

/// <summary>
/// Decides at build time how each result row becomes a value: a scalar from the single column, a
/// tuple by position, or an object whose constructor parameters and settable properties take
/// columns by name (docs/generator.md, "Row types").
/// </summary>
internal sealed class RowMappingParser
{
    private readonly SqlAnalysis _sql;
    private readonly SqlLocator _locator;
    private readonly Location _fallback;
    private readonly KnownTypes _known;
    private readonly DiagnosticCollector _diagnostics;
    private bool _failed;

    private RowMappingParser(SqlAnalysis sql, SqlLocator locator, Location fallback, KnownTypes known, DiagnosticCollector diagnostics)
    {
        _sql = sql;
        _locator = locator;
        _fallback = fallback;
        _known = known;
        _diagnostics = diagnostics;
    }

    /// <summary>Maps <c>element</c> (one row's type as the return type spells it); faults of types outside the source go to <c>fallback</c>, the return type.</summary>
    /// <returns>The row model, or <see langword="null"/> when a fault was reported.</returns>
    public static RowModel? Parse(
        ITypeSymbol element, SqlAnalysis sql, SqlLocator locator, Location fallback, KnownTypes known, DiagnosticCollector diagnostics) =>
        new RowMappingParser(sql, locator, fallback, known, diagnostics).Parse(element);

    private RowModel? Parse(ITypeSymbol element)
    {
        var star = _sql.Columns.FirstOrDefault(c => c.IsStar);
        if (star is not null)
        {
            _diagnostics.Add(DiagnosticDescriptors.StarColumns, _locator.At(star.Start, star.Length), star.Name);
            return null;
        }

        var type = SymbolNames.Underlying(element);
        var row = type.IsTupleType ? Tuple((INamedTypeSymbol)type)
            : PicodataTypes.ReadPlan(SymbolNames.MetadataName(type)) is not null ? Scalar(element, type)
            : IsValueLike(type) ? Unsupported(element, type)
            : Object(type);
        return _failed ? null : row;
    }

    private RowModel? Scalar(ITypeSymbol element, ITypeSymbol type)
    {
        if (!CheckColumnCount(element, 1, "1 column"))
        {
            return null;
        }

        var read = Read(0, string.Empty, MemberTarget.Value, element, null);
        var rowType = read?.NullValue is null ? SymbolNames.Qualified(type) : SymbolNames.Qualified(element);
        return read is null ? null : new RowModel(RowKind.Scalar, rowType, SymbolNames.Display(element), new EquatableArray<ColumnReadModel>([read]));
    }

    private RowModel? Tuple(INamedTypeSymbol type)
    {
        var elements = type.TupleElements;
        if (!CheckColumnCount(type, elements.Length, elements.Length + " columns"))
        {
            return null;
        }

        var reads = new List<ColumnReadModel>();
        for (var i = 0; i < elements.Length; i++)
        {
            if (Read(i, elements[i].Name, MemberTarget.Value, elements[i].Type, null) is { } read)
            {
                reads.Add(read);
            }
        }

        return new RowModel(RowKind.Tuple, SymbolNames.Qualified(type), SymbolNames.Display(type), new EquatableArray<ColumnReadModel>(reads.ToArray()));
    }

    private RowModel? Unsupported(ITypeSymbol element, ITypeSymbol type)
    {
        var reason = PicodataTypes.ForMember(SymbolNames.MetadataName(type)).Reason ?? string.Empty;
        Fail(DiagnosticDescriptors.UnsupportedMemberType, _fallback, "The value", SymbolNames.Display(element), reason);
        return null;
    }

    private RowModel? Object(ITypeSymbol type)
    {
        var display = SymbolNames.Display(type);
        if (type.TypeKind is TypeKind.Interface or TypeKind.Delegate || type.IsAbstract || type.IsStatic || type is not INamedTypeSymbol named)
        {
            Fail(DiagnosticDescriptors.NoConstructor, _fallback, display, "it is abstract, static or an interface; return a concrete record or class");
            return null;
        }

        foreach (var duplicate in _sql.Faults.Where(f => f.Kind == SqlFaultKind.DuplicateColumn))
        {
            Fail(DiagnosticDescriptors.DuplicateColumn, _locator.At(duplicate.Start, duplicate.Length), duplicate.Message.TrimEnd('.'));
        }

        if (_failed)
        {
            return null;
        }

        var constructors = named.InstanceConstructors
            .Where(c => IsAccessible(c) && !(c.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(c.Parameters[0].Type, named)))
            .OrderByDescending(c => c.Parameters.Length)
            .ToList();
        if (constructors.Count == 0)
        {
            Fail(DiagnosticDescriptors.NoConstructor, Where(named), display, "it has no public or internal constructor");
            return null;
        }

        var used = new bool[_sql.Columns.Count];
        var constructor = constructors.FirstOrDefault(c => c.Parameters.All(p => FindColumn(p.Name, ColumnAttribute(p, named), new bool[used.Length]) >= 0))
            ?? constructors[0];
        var reads = new List<ColumnReadModel>();
        foreach (var parameter in constructor.Parameters)
        {
            var ordinal = FindColumn(parameter.Name, ColumnAttribute(parameter, named), used);
            if (ordinal < 0)
            {
                ReportUnfilled(parameter, parameter.Name, ColumnAttribute(parameter, named), display);
                continue;
            }

            if (Read(ordinal, parameter.Name, MemberTarget.ConstructorArgument, parameter.Type, parameter) is { } read)
            {
                reads.Add(read);
            }
        }

        foreach (var property in SettableProperties(named))
        {
            if (constructor.Parameters.Any(p => string.Equals(p.Name, property.Name, System.StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var ordinal = FindColumn(property.Name, ColumnAttribute(property, null), used);
            if (ordinal < 0)
            {
                if (property.IsRequired)
                {
                    ReportUnfilled(property, property.Name, ColumnAttribute(property, null), display);
                }

                continue;
            }

            if (Read(ordinal, property.Name, MemberTarget.Property, property.Type, property) is { } read)
            {
                reads.Add(read);
            }
        }

        for (var i = 0; i < used.Length; i++)
        {
            if (!used[i])
            {
                var column = _sql.Columns[i];
                _diagnostics.Add(DiagnosticDescriptors.UnmappedColumn, _locator.At(column.Start, column.Length), column.Name, display);
            }
        }

        return new RowModel(RowKind.Object, SymbolNames.Qualified(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated)), display,
            new EquatableArray<ColumnReadModel>(reads.ToArray()));
    }

    private ColumnReadModel? Read(int ordinal, string member, MemberTarget target, ITypeSymbol memberType, ISymbol? symbol)
    {
        var type = SymbolNames.Underlying(memberType);
        var metadata = SymbolNames.MetadataName(type);
        var plan = PicodataTypes.ReadPlan(metadata);
        if (plan is null)
        {
            var owner = symbol?.ContainingType is { } containing ? SymbolNames.Display(containing) : SymbolNames.Display(memberType);
            Fail(DiagnosticDescriptors.UnsupportedMemberType, symbol is null ? _fallback : Where(symbol),
                member.Length == 0 ? "The value" : member, owner, PicodataTypes.ForMember(metadata).Reason ?? string.Empty);
            return null;
        }

        return new ColumnReadModel(ordinal, _sql.Columns[ordinal].Name, member, target, SymbolNames.Qualified(type), plan.Getter, plan.NarrowTo, NullValue(memberType));
    }

    // How generated code writes NULL for a member, or null when the member does not take NULL.
    private static string? NullValue(ITypeSymbol type)
    {
        if (SymbolNames.IsNullableValueType(type))
        {
            return "default(" + SymbolNames.Qualified(type) + ")";
        }

        if (!type.IsReferenceType)
        {
            return null;
        }

        return type.NullableAnnotation switch
        {
            NullableAnnotation.Annotated => "null",
            NullableAnnotation.None => "null!",
            _ => null,
        };
    }

    private bool CheckColumnCount(ITypeSymbol type, int expected, string takes)
    {
        var count = _sql.Columns.Count;
        if (count == expected)
        {
            return true;
        }

        var location = count > expected && expected > 0
            ? _locator.At(_sql.Columns[expected].Start, _sql.Columns[expected].Length)
            : _fallback;
        var returned = count + (count == 1 ? " column" : " columns") +
            (count == 0 ? string.Empty : " (" + string.Join(", ", _sql.Columns.Select(c => c.Name)) + ")");
        Fail(DiagnosticDescriptors.ColumnCount, location, SymbolNames.Display(type), takes, returned);
        return false;
    }

    private int FindColumn(string member, string? column, bool[] used)
    {
        for (var i = 0; i < _sql.Columns.Count; i++)
        {
            var name = _sql.Columns[i].Name;
            var match = column is not null
                ? string.Equals(name, column, System.StringComparison.OrdinalIgnoreCase)
                : ColumnNames.Match(name, member);
            if (match && !used[i])
            {
                used[i] = true;
                return i;
            }
        }

        return -1;
    }

    private void ReportUnfilled(ISymbol member, string name, string? column, string display)
    {
        var returned = _sql.Columns.Count == 0 ? "no columns" : string.Join(", ", _sql.Columns.Select(c => c.Name));
        Fail(DiagnosticDescriptors.UnfilledMember, Where(member), name, display, returned, column ?? ColumnNames.SnakeCase(name));
    }

    // [PicoColumn] on the member, or for a constructor parameter on the property of the same name ([property: PicoColumn]).
    private string? ColumnAttribute(ISymbol member, INamedTypeSymbol? type)
    {
        var attribute = member.GetAttributes().FirstOrDefault(a => KnownTypes.Is(a.AttributeClass, _known.ColumnAttribute));
        if (attribute is null && type is not null && member is IParameterSymbol)
        {
            var property = SettableOrReadable(type).FirstOrDefault(p => p.Name == member.Name);
            attribute = property?.GetAttributes().FirstOrDefault(a => KnownTypes.Is(a.AttributeClass, _known.ColumnAttribute));
        }

        return attribute is { ConstructorArguments.Length: 1 } && attribute.ConstructorArguments[0].Value is string name ? name : null;
    }

    private static IEnumerable<IPropertySymbol> SettableProperties(INamedTypeSymbol type) =>
        SettableOrReadable(type).Where(p => p.SetMethod is { } setter && IsAccessible(setter));

    private static IEnumerable<IPropertySymbol> SettableOrReadable(INamedTypeSymbol type)
    {
        var seen = new HashSet<string>();
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var property in current.GetMembers().OfType<IPropertySymbol>())
            {
                if (!property.IsStatic && !property.IsIndexer && IsAccessible(property) && seen.Add(property.Name))
                {
                    yield return property;
                }
            }
        }
    }

    private static bool IsAccessible(ISymbol symbol) =>
        symbol.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

    // Types the generator reads as one value and cannot take apart into columns.
    private static bool IsValueLike(ITypeSymbol type) =>
        type.SpecialType != SpecialType.None || type.TypeKind is TypeKind.Enum or TypeKind.Array or TypeKind.Pointer or TypeKind.Dynamic ||
        SymbolNames.MetadataName(type).StartsWith("System.", System.StringComparison.Ordinal);

    private Location Where(ISymbol symbol) => symbol.Locations.FirstOrDefault(l => l.IsInSource) ?? _fallback;

    private void Fail(DiagnosticDescriptor descriptor, Location location, params string[] arguments)
    {
        _failed = true;
        _diagnostics.Add(descriptor, location, arguments);
    }
}
