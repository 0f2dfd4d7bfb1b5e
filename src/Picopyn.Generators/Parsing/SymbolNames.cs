using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Picopyn.Generators.Parsing;

/// <summary>How generated code and messages spell types and names.</summary>
internal static class SymbolNames
{
    /// <summary><c>global::</c>-qualified, keywords for special types, nullable annotations kept.</summary>
    public static readonly SymbolDisplayFormat FullyQualified = SymbolDisplayFormat.FullyQualifiedFormat.WithMiscellaneousOptions(
        SymbolDisplayFormat.FullyQualifiedFormat.MiscellaneousOptions | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>Short, for messages: <c>User</c>, <c>Task&lt;User?&gt;</c>.</summary>
    public static readonly SymbolDisplayFormat Short = SymbolDisplayFormat.MinimallyQualifiedFormat.WithMiscellaneousOptions(
        SymbolDisplayFormat.MinimallyQualifiedFormat.MiscellaneousOptions | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static string Qualified(ITypeSymbol type) => type.ToDisplayString(FullyQualified);

    public static string Display(ISymbol symbol) => symbol.ToDisplayString(Short);

    /// <summary>The type without its nullable annotation (for a <c>Nullable&lt;T&gt;</c>: <c>T</c>).</summary>
    public static ITypeSymbol Underlying(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            ? nullable.TypeArguments[0]
            : type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);

    public static bool IsNullableValueType(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };

    /// <summary>Whether NULL is a legal value: a <c>Nullable&lt;T&gt;</c>, or a reference type not declared non-nullable.</summary>
    public static bool AcceptsNull(ITypeSymbol type) =>
        IsNullableValueType(type) || (type.IsReferenceType && type.NullableAnnotation != NullableAnnotation.NotAnnotated);

    /// <summary>The metadata name the type table is keyed by: <c>System.Int64</c>, <c>System.Byte[]</c>.</summary>
    public static string MetadataName(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array)
        {
            return MetadataName(array.ElementType) + "[]";
        }

        var name = type.MetadataName;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.MetadataName + "+" + name;
        }

        var ns = type.ContainingNamespace;
        return ns is null || ns.IsGlobalNamespace ? name : ns.ToDisplayString() + "." + name;
    }

    /// <summary>A parameter or member name as C# source needs it (<c>@class</c>).</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    public static string AccessibilityText(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => "public",
        Accessibility.Internal => "internal",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };

    public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol baseType)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }
}
