using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Picopyn.Generators.Diagnostics;
using Picopyn.Generators.Model;
using Picopyn.Generators.Sql;
using Picopyn.Generators.Types;

namespace Picopyn.Generators.Parsing;

/// <summary>
/// The parser half of the generator: reads one <c>[PicoQuery]</c> method — its declaration, SQL,
/// parameters and return type — into a <see cref="QueryMethodModel"/> plus diagnostics. Symbols and
/// syntax stay in here; what leaves is plain data. It never throws: an unexpected failure becomes
/// PICO900 on the method.
/// </summary>
internal sealed class QueryMethodParser
{
    private readonly IMethodSymbol _method;
    private readonly MethodDeclarationSyntax _syntax;
    private readonly AttributeData _attribute;
    private readonly KnownTypes _known;
    private readonly DiagnosticCollector _diagnostics = new();

    private QueryMethodParser(IMethodSymbol method, MethodDeclarationSyntax syntax, AttributeData attribute, KnownTypes known)
    {
        _method = method;
        _syntax = syntax;
        _attribute = attribute;
        _known = known;
    }

    /// <summary>
    /// For tests of the PICO900 path only: a method of this name makes the parser throw. There is
    /// no other honest way to reach a failure the parser is written not to have.
    /// </summary>
    internal static string? FailOnMethodNamed { get; set; }

    public static QueryMethodSpec Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method || context.TargetNode is not MethodDeclarationSyntax syntax || context.Attributes.Length == 0)
        {
            return QueryMethodSpec.Failed(string.Empty, EquatableArray<DiagnosticInfo>.Empty);
        }

        var parser = new QueryMethodParser(method, syntax, context.Attributes[0], new KnownTypes(context.SemanticModel.Compilation));
        try
        {
            if (FailOnMethodNamed is { } name && method.Name == name)
            {
                throw new InvalidOperationException("injected failure");
            }

            return parser.Parse(cancellationToken) ?? QueryMethodSpec.Failed(method.Name, parser._diagnostics.ToArray());
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception exception)
        {
            // Never into the compiler: an unexpected state is a diagnostic on the method.
            var diagnostics = new DiagnosticCollector();
            diagnostics.Add(DiagnosticDescriptors.InternalError, syntax.Identifier.GetLocation(), method.Name, exception.GetType().Name + ": " + exception.Message);
            return QueryMethodSpec.Failed(method.Name, diagnostics.ToArray());
        }
    }

    private QueryMethodSpec? Parse(CancellationToken cancellationToken)
    {
        // A half-typed attribute ([PicoQuery] or [PicoQuery(]) is the compiler's to report.
        if (_attribute.ConstructorArguments.Length != 1 || _attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax
            {
                ArgumentList.Arguments.Count: > 0,
            } attributeSyntax)
        {
            return null;
        }

        var sql = _attribute.ConstructorArguments[0].Value as string ?? string.Empty;
        var idempotent = _attribute.NamedArguments.Any(a => a.Key == "Idempotent" && a.Value.Value is true);
        var sqlArgument = attributeSyntax.ArgumentList.Arguments[0].Expression;
        var map = SqlLiteralMap.For(sqlArgument, sql).ToSourceMap(_syntax.SyntaxTree);

        var isFirst = ContainingTypeParser.IsFirstQueryOf(_method, _known);
        var type = ContainingTypeParser.Parse(_method.ContainingType, _known, _diagnostics, isFirst, cancellationToken);
        if (!CheckDeclaration())
        {
            return null; // a declaration the generator cannot implement: its other faults would only add noise
        }

        var executor = ExecutorLocator.Locate(_method, _known, _diagnostics, _syntax.Identifier.GetLocation());
        var parameters = Parameters(out var parametersOk);
        var analysis = SqlReader.Read(sql);
        ReportSqlFaults(analysis, map);
        var sqlOk = analysis.IsReadable;
        if (sqlOk && parametersOk)
        {
            CheckPlaceholders(analysis, parameters, map);
        }

        var returnLocation = DiagnosticCollector.Describe(_syntax.ReturnType.GetLocation());
        var returns = Return(analysis, sqlOk, returnLocation);
        if (analysis.IsRead && idempotent)
        {
            _diagnostics.Add(DiagnosticDescriptors.IdempotentRead, attributeSyntax.GetLocation(), _method.Name);
        }

        // Without a type to add to (type is null), any implementation would only be another error.
        var method = type is null ? null : new QueryMethodModel(
            type,
            _method.Name,
            Modifiers(),
            SymbolNames.Qualified(_method.ReturnType),
            sql,
            analysis.IsRead ? StatementKind.Read : idempotent ? StatementKind.IdempotentWrite : StatementKind.Write,
            executor ?? string.Empty,
            new EquatableArray<ParameterModel>(parameters.ToArray()),
            null,
            string.Join(",", _method.Parameters.Select(p => SymbolNames.MetadataName(p.Type))))
        {
            Summary = analysis.Summary,
        };

        var bound = parametersOk ? BoundParameters(parameters) : [];
        return new QueryMethodSpec(method, executor is null || !parametersOk, sql, analysis, map, returns, returnLocation, _method.Name,
            new EquatableArray<BoundParameterSpec>(bound), _diagnostics.ToArray());
    }

    private bool CheckDeclaration()
    {
        var where = _syntax.Identifier.GetLocation();
        var ok = true;
        if (_method.IsGenericMethod)
        {
            _diagnostics.Add(DiagnosticDescriptors.Generic, where, _method.Name);
            ok = false;
        }

        var hasBody = _syntax.Body is not null || _syntax.ExpressionBody is not null;
        if (_method.ContainingType.TypeKind == TypeKind.Interface)
        {
            if (_method.IsStatic || hasBody)
            {
                _diagnostics.Add(DiagnosticDescriptors.MethodNotPartial, where, _method.Name, "an interface method without a body, not static");
                ok = false;
            }
        }
        else if (!_syntax.Modifiers.Any(SyntaxKind.PartialKeyword) || hasBody)
        {
            _diagnostics.Add(DiagnosticDescriptors.MethodNotPartial, where, _method.Name,
                "declared 'partial' without a body, with its accessibility (e.g. 'public static partial Task<User?> FindAsync(...);'); the generator writes the body");
            ok = false;
        }

        return ok;
    }

    // Every parameter, for the signature; ok is false when one cannot be bound.
    private List<ParameterModel> Parameters(out bool ok)
    {
        var models = new List<ParameterModel>();
        ok = true;
        var cancellation = false;
        foreach (var parameter in _method.Parameters)
        {
            var name = SymbolNames.Identifier(parameter.Name);
            var typeText = SymbolNames.Qualified(parameter.Type);
            var where = parameter.Locations.FirstOrDefault() ?? _syntax.Identifier.GetLocation();
            if (parameter.RefKind != RefKind.None || parameter.IsParams)
            {
                _diagnostics.Add(DiagnosticDescriptors.UnsupportedParameter, where, parameter.Name, "ref, out, in and params parameters are not bound; pass the value");
                ok = false;
                var prefix = parameter.IsParams ? "params " : parameter.RefKind switch
                {
                    RefKind.Ref => "ref ",
                    RefKind.Out => "out ",
                    _ => "in ",
                };
                models.Add(new ParameterModel(name, prefix + typeText, ParameterRole.Bound, 0, typeText, false, false));
                continue;
            }

            if (_known.IsExecutor(parameter.Type))
            {
                models.Add(new ParameterModel(name, typeText, ParameterRole.Executor, 0, string.Empty, false, false));
                continue;
            }

            if (KnownTypes.Is(parameter.Type, _known.CancellationToken) && !cancellation)
            {
                cancellation = true;
                models.Add(new ParameterModel(name, typeText, ParameterRole.CancellationToken, 0, string.Empty, false, false));
                continue;
            }

            var metadata = SymbolNames.MetadataName(SymbolNames.Underlying(parameter.Type));
            var support = PicodataTypes.ForParameter(metadata);
            if (!support.Supported)
            {
                _diagnostics.Add(DiagnosticDescriptors.UnsupportedParameter, where, parameter.Name, support.Reason ?? string.Empty);
                ok = false;
                models.Add(new ParameterModel(name, typeText, ParameterRole.Bound, 0, typeText, false, false));
                continue;
            }

            var placeholder = models.Count(m => m.Role == ParameterRole.Bound) + 1;
            models.Add(new ParameterModel(name, typeText, ParameterRole.Bound, placeholder, typeText, PicodataTypes.NeedsUtcCheck(metadata),
                SymbolNames.IsNullableValueType(parameter.Type)));
        }

        return models;
    }

    private void ReportSqlFaults(SqlAnalysis analysis, SqlSourceMap map)
    {
        // Duplicate names matter only where columns are matched by name: the row mapping reports them.
        foreach (var fault in analysis.Faults.Where(f => f.Kind != SqlFaultKind.DuplicateColumn))
        {
            _diagnostics.Add(SqlFaultDiagnostics.For(fault.Kind), map.At(fault.Start, fault.Length), fault.Message);
        }
    }

    private void CheckPlaceholders(SqlAnalysis analysis, List<ParameterModel> parameters, SqlSourceMap map)
    {
        var bound = parameters.Where(p => p.Role == ParameterRole.Bound).ToList();
        var reported = new HashSet<int>();
        foreach (var placeholder in analysis.Placeholders)
        {
            if (placeholder.Number > bound.Count && reported.Add(placeholder.Number))
            {
                _diagnostics.Add(DiagnosticDescriptors.PlaceholderOutOfRange, map.At(placeholder.Start, placeholder.Length),
                    placeholder.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), MessageText.Count(bound.Count, "parameter"));
            }
        }

        foreach (var parameter in bound.Where(p => p.Placeholder > analysis.ParameterCount))
        {
            var symbol = _method.Parameters.First(p => SymbolNames.Identifier(p.Name) == parameter.Name);
            _diagnostics.Add(DiagnosticDescriptors.UnusedParameter, symbol.Locations.FirstOrDefault(), symbol.Name,
                parameter.Placeholder.ToString(System.Globalization.CultureInfo.InvariantCulture), MessageText.Count(analysis.ParameterCount, "placeholder"));
        }
    }

    private ReturnSpec? Return(SqlAnalysis analysis, bool sqlOk, LocationInfo? returnLocation)
    {
        var info = ReturnTypeParser.Parse(_method.ReturnType, _known, out var reason);
        if (info is null)
        {
            _diagnostics.Add(DiagnosticDescriptors.UnsupportedReturnType, returnLocation, SymbolNames.Display(_method.ReturnType), reason);
            return null;
        }

        // The row type is read only where rows will be bound to it; the binder reports the other mismatches.
        var row = sqlOk && analysis.ReturnsRows && info.Shape != ResultShape.None
            ? RowTypeReader.Read(info.Element!, _known, returnLocation, _diagnostics)
            : null;
        return new ReturnSpec(
            info.Shape,
            info.Wrapper,
            info.Result is null ? string.Empty : SymbolNames.Qualified(info.Result),
            SymbolNames.Display(_method.ReturnType),
            info.Result?.SpecialType == SpecialType.System_Int32,
            info.Result?.SpecialType == SpecialType.System_Int64,
            row);
    }

    private BoundParameterSpec[] BoundParameters(List<ParameterModel> parameters) =>
        _method.Parameters
            .Select(p => (Symbol: p, Model: parameters.First(m => m.Name == SymbolNames.Identifier(p.Name))))
            .Where(p => p.Model.Role == ParameterRole.Bound)
            .Select(p => new BoundParameterSpec(
                p.Model.Placeholder, p.Symbol.Name, SymbolNames.MetadataName(SymbolNames.Underlying(p.Symbol.Type)), SymbolNames.Display(p.Symbol.Type)))
            .ToArray();

    // The implementation part repeats the definition's modifiers; an interface's implementation is public.
    private string Modifiers()
    {
        if (_method.ContainingType.TypeKind == TypeKind.Interface)
        {
            return "public";
        }

        var kept = _syntax.Modifiers.Where(m => !m.IsKind(SyntaxKind.PartialKeyword) && !m.IsKind(SyntaxKind.AsyncKeyword) && !m.IsKind(SyntaxKind.ExternKeyword))
            .Select(m => m.Text);
        return string.Join(" ", kept.Concat(["partial"]));
    }
}
