using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Picopyn.Generators.Diagnostics;

namespace Picopyn.Generators.Parsing;

/// <summary>
/// Finds what a <c>[PicoQuery]</c> method runs on: a <c>PicoExecutor</c> parameter (a client or
/// lease, LoggerMessage-style) or, for an instance method, the one field, property or primary
/// constructor parameter of its type that holds a <c>PicoExecutor</c>.
/// </summary>
internal static class ExecutorLocator
{
    public const string InterfaceField = "_executor";

    /// <returns>The C# expression for the executor, or <see langword="null"/> after reporting why there is none.</returns>
    public static string? Locate(IMethodSymbol method, KnownTypes known, DiagnosticCollector diagnostics, Location where)
    {
        var parameters = method.Parameters.Where(p => known.IsExecutor(p.Type)).ToList();
        if (parameters.Count == 1)
        {
            return SymbolNames.Identifier(parameters[0].Name);
        }

        if (parameters.Count > 1)
        {
            diagnostics.Add(DiagnosticDescriptors.SeveralExecutors, where, method.Name, Names(parameters.Select(p => "parameter " + p.Name)));
            return null;
        }

        if (method.ContainingType.TypeKind == TypeKind.Interface)
        {
            return InterfaceField;
        }

        if (method.IsStatic)
        {
            diagnostics.Add(DiagnosticDescriptors.NoExecutor, where, method.Name,
                "a static [PicoQuery] method takes the PicoClient (or another PicoExecutor) as a parameter");
            return null;
        }

        var members = Members(method.ContainingType, known).Distinct().ToList();
        if (members.Count == 1)
        {
            return SymbolNames.Identifier(members[0]);
        }

        if (members.Count == 0)
        {
            diagnostics.Add(DiagnosticDescriptors.NoExecutor, where, method.Name,
                $"add a PicoClient (or another PicoExecutor) parameter, or a field, property or primary constructor parameter of that type to '{method.ContainingType.Name}'");
        }
        else
        {
            diagnostics.Add(DiagnosticDescriptors.SeveralExecutors, where, method.Name, Names(members));
        }

        return null;
    }

    private static IEnumerable<string> Members(INamedTypeSymbol type, KnownTypes known)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                var accessible = SymbolEqualityComparer.Default.Equals(current, type) || member.DeclaredAccessibility != Accessibility.Private;
                var holds = member switch
                {
                    IFieldSymbol { IsStatic: false, IsImplicitlyDeclared: false } field => known.IsExecutor(field.Type),
                    IPropertySymbol { IsStatic: false, IsIndexer: false, GetMethod: not null } property => known.IsExecutor(property.Type),
                    _ => false,
                };
                if (holds && accessible)
                {
                    yield return member.Name;
                }
            }
        }

        // A primary constructor's parameters (C# 12) are in scope in every part of the type.
        foreach (var constructor in type.InstanceConstructors)
        {
            if (constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax))
            {
                foreach (var parameter in constructor.Parameters.Where(p => known.IsExecutor(p.Type)))
                {
                    yield return parameter.Name;
                }
            }
        }
    }

    private static string Names(IEnumerable<string> names) => string.Join(", ", names.Select(n => "'" + n + "'"));
}
