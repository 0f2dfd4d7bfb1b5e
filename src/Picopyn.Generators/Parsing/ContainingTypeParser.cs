using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Picopyn.Generators.Diagnostics;
using Picopyn.Generators.Model;

namespace Picopyn.Generators.Parsing;

/// <summary>
/// Reads the type a <c>[PicoQuery]</c> method lives in, and the types around it, into a
/// <see cref="ContainingTypeModel"/>. Faults of the type itself are reported once per type: by the
/// first <c>[PicoQuery]</c> method in it, so that several methods do not repeat them.
/// </summary>
internal static class ContainingTypeParser
{
    /// <returns>The model, or <see langword="null"/> when code cannot be added to the type.</returns>
    public static ContainingTypeModel? Parse(
        INamedTypeSymbol type, KnownTypes known, DiagnosticCollector diagnostics, bool reportTypeFaults, CancellationToken cancellationToken)
    {
        var chain = new List<INamedTypeSymbol>();
        for (var current = type; current is not null; current = current.ContainingType)
        {
            chain.Insert(0, current);
        }

        var usable = true;
        var declarations = new List<TypeDeclarationModel>();
        foreach (var current in chain)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var syntax = current.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>().ToList();
            if (!syntax.Any(s => s.Modifiers.Any(SyntaxKind.PartialKeyword)))
            {
                usable = false;
                Report(reportTypeFaults, diagnostics, DiagnosticDescriptors.TypeNotPartial, current, SymbolNames.Display(current));
            }

            if (current.IsGenericType)
            {
                usable = false;
                Report(reportTypeFaults, diagnostics, DiagnosticDescriptors.Generic, current, SymbolNames.Display(current));
            }

            declarations.Add(new TypeDeclarationModel(Keyword(syntax.FirstOrDefault()), current.Name, SymbolNames.AccessibilityText(current.DeclaredAccessibility)));
        }

        if (type.TypeKind == TypeKind.Interface)
        {
            usable &= CheckInterfaceMembers(type, known, diagnostics, reportTypeFaults);
        }

        if (!usable)
        {
            return null;
        }

        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } containing ? containing.ToDisplayString() : string.Empty;
        return new ContainingTypeModel(
            ns,
            new EquatableArray<TypeDeclarationModel>(declarations.Take(declarations.Count - 1).ToArray()),
            declarations[declarations.Count - 1],
            CreateOnInterface: type.TypeKind == TypeKind.Interface && known.SupportsInterfaceStatics);
    }

    /// <summary>Whether <paramref name="method"/> is the first <c>[PicoQuery]</c> method of its type, which reports the type's faults.</summary>
    public static bool IsFirstQueryOf(IMethodSymbol method, KnownTypes known) =>
        method.ContainingType.GetMembers().OfType<IMethodSymbol>().FirstOrDefault(m => HasQueryAttribute(m, known)) is { } first &&
        SymbolEqualityComparer.Default.Equals(first, method);

    public static bool HasQueryAttribute(ISymbol symbol, KnownTypes known) =>
        symbol.GetAttributes().Any(a => KnownTypes.Is(a.AttributeClass, known.QueryAttribute));

    // The generated implementation must implement every abstract member; it can only write [PicoQuery] methods of this interface.
    private static bool CheckInterfaceMembers(INamedTypeSymbol type, KnownTypes known, DiagnosticCollector diagnostics, bool report)
    {
        var ok = true;
        foreach (var member in type.GetMembers().Concat(type.AllInterfaces.SelectMany(i => i.GetMembers())))
        {
            if (!member.IsAbstract || member is IMethodSymbol { MethodKind: not MethodKind.Ordinary })
            {
                continue;
            }

            var declaredHere = SymbolEqualityComparer.Default.Equals(member.ContainingType, type);
            if (declaredHere && member is IMethodSymbol && HasQueryAttribute(member, known))
            {
                continue;
            }

            ok = false;
            if (!report)
            {
                continue;
            }

            var location = declaredHere ? member.Locations.FirstOrDefault() : type.Locations.FirstOrDefault();
            diagnostics.Add(DiagnosticDescriptors.InterfaceMemberNotQuery, location, SymbolNames.Display(member), type.Name);
        }

        return ok;
    }

    private static void Report(bool report, DiagnosticCollector diagnostics, DiagnosticDescriptor descriptor, INamedTypeSymbol type, string name)
    {
        if (report)
        {
            diagnostics.Add(descriptor, type.Locations.FirstOrDefault(), name);
        }
    }

    private static string Keyword(TypeDeclarationSyntax? syntax) => syntax switch
    {
        InterfaceDeclarationSyntax => "interface",
        StructDeclarationSyntax => "struct",
        RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
        RecordDeclarationSyntax => "record",
        _ => "class",
    };
}
