using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Picopyn.Generators.Diagnostics;
using Picopyn.Generators.Model;
using Picopyn.Generators.Types;

namespace Picopyn.Generators.Parsing;

/// <summary>
/// Reads a row type off the return type into a <see cref="RowTypeShape"/>: a scalar, a tuple, or an
/// object with its constructors and settable properties (docs/generator.md, "Row types"). Faults
/// of the type itself — abstract, no constructor, a value type no column fills — are reported here;
/// which column fills which member is the binder's, once the columns are known.
/// </summary>
internal sealed class RowTypeReader
{
    private readonly KnownTypes _known;
    private readonly LocationInfo? _fallback;
    private readonly DiagnosticCollector _diagnostics;

    private RowTypeReader(KnownTypes known, LocationInfo? fallback, DiagnosticCollector diagnostics)
    {
        _known = known;
        _fallback = fallback;
        _diagnostics = diagnostics;
    }

    /// <summary>Reads <paramref name="element"/> (one row's type as the return type spells it); type faults go to <paramref name="fallback"/> when the type is not in source.</summary>
    /// <returns>The shape, or <see langword="null"/> when a fault was reported.</returns>
    public static RowTypeShape? Read(ITypeSymbol element, KnownTypes known, LocationInfo? fallback, DiagnosticCollector diagnostics) =>
        new RowTypeReader(known, fallback, diagnostics).Read(element);

    private RowTypeShape? Read(ITypeSymbol element)
    {
        var type = SymbolNames.Underlying(element);
        if (type.IsTupleType)
        {
            var elements = ((INamedTypeSymbol)type).TupleElements.Select(e => Member(e.Name, e.Type, null, null)).ToArray();
            return new RowTypeShape(RowKind.Tuple, SymbolNames.Qualified(type), SymbolNames.Display(type), new(elements), [], [], null);
        }

        if (PicodataTypes.ReadPlan(SymbolNames.MetadataName(type)) is not null)
        {
            var value = Member(string.Empty, element, null, null);
            var rowType = value.NullValue is null ? SymbolNames.Qualified(type) : SymbolNames.Qualified(element);
            return new RowTypeShape(RowKind.Scalar, rowType, SymbolNames.Display(element), new([value]), [], [], null);
        }

        if (IsValueLike(type))
        {
            var reason = PicodataTypes.ForMember(SymbolNames.MetadataName(type)).Reason ?? string.Empty;
            _diagnostics.Add(DiagnosticDescriptors.UnsupportedMemberType, _fallback, "The value", SymbolNames.Display(element), reason);
            return null;
        }

        return Object(type);
    }

    private RowTypeShape? Object(ITypeSymbol type)
    {
        var display = SymbolNames.Display(type);
        if (type.TypeKind is TypeKind.Interface or TypeKind.Delegate || type.IsAbstract || type.IsStatic || type is not INamedTypeSymbol named)
        {
            _diagnostics.Add(DiagnosticDescriptors.NoConstructor, _fallback, display, "it is abstract, static or an interface; return a concrete record or class");
            return null;
        }

        var location = Where(named);
        var constructors = named.InstanceConstructors
            .Where(c => IsAccessible(c) && !(c.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(c.Parameters[0].Type, named)))
            .OrderByDescending(c => c.Parameters.Length)
            .Select(c => new EquatableArray<RowMemberShape>(
                c.Parameters.Select(p => Member(p.Name, p.Type, ColumnAttribute(p, named), p)).ToArray()))
            .ToArray();
        if (constructors.Length == 0)
        {
            _diagnostics.Add(DiagnosticDescriptors.NoConstructor, location, display, "it has no public or internal constructor");
            return null;
        }

        var properties = SettableOrReadable(named)
            .Where(p => p.SetMethod is { } setter && IsAccessible(setter))
            .Select(p => Member(p.Name, p.Type, ColumnAttribute(p, null), p) with { IsRequired = p.IsRequired })
            .ToArray();
        return new RowTypeShape(RowKind.Object, SymbolNames.Qualified(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated)), display,
            [], new(constructors), new(properties), location);
    }

    private RowMemberShape Member(string name, ITypeSymbol memberType, string? column, ISymbol? symbol)
    {
        var type = SymbolNames.Underlying(memberType);
        var metadata = SymbolNames.MetadataName(type);
        var plan = PicodataTypes.ReadPlan(metadata);
        return new RowMemberShape(
            name,
            column,
            metadata,
            SymbolNames.Display(memberType),
            SymbolNames.Qualified(type),
            plan,
            plan is null ? PicodataTypes.ForMember(metadata).Reason ?? string.Empty : null,
            NullValue(memberType),
            IsRequired: false,
            symbol?.ContainingType is { } owner ? SymbolNames.Display(owner) : SymbolNames.Display(memberType),
            symbol is null ? null : Where(symbol));
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

    private LocationInfo? Where(ISymbol symbol) =>
        symbol.Locations.FirstOrDefault(l => l.IsInSource) is { } location ? DiagnosticCollector.Describe(location) : _fallback;
}
