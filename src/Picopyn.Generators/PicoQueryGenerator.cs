using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Picopyn.Generators.Binding;
using Picopyn.Generators.Diagnostics;
using Picopyn.Generators.Emitting;
using Picopyn.Generators.Model;
using Picopyn.Generators.Parsing;
using Picopyn.Generators.Schema;

namespace Picopyn.Generators;

/// <summary>
/// Turns <c>[PicoQuery]</c> methods into typed, compile-time checked record mappers on the Picopyn
/// runtime. The parser reads each method into plain equatable data; the emitter writes one file
/// per method (and one per interface for its implementation); diagnostics go through their own output.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class PicoQueryGenerator : IIncrementalGenerator
{
    private const string AttributeName = "Picopyn.PicoQueryAttribute";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var methods = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeName, static (node, _) => node is MethodDeclarationSyntax, QueryMethodParser.Parse)
            .WithTrackingName(TrackingNames.Methods);

        // The app's schema: every additional file marked PicoSchema (the <PicoSchema> item of build/Picopyn.targets).
        var schema = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(static pair => IsSchemaFile(pair.Left, pair.Right))
            .Select(static (pair, cancellationToken) =>
                SchemaDdlReader.Read(pair.Left.Path, pair.Left.GetText(cancellationToken)?.ToString() ?? string.Empty))
            .Collect()
            .Select(static (files, _) => SchemaMerger.Merge(files))
            .WithTrackingName(TrackingNames.Schema);

        var bound = methods
            .Combine(schema)
            .Select(static (pair, _) => QueryMethodBinder.Bind(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Bound);

        var models = bound
            .Where(static result => result.Method is not null)
            .Select(static (result, _) => result.Method!)
            .WithTrackingName(TrackingNames.Models);
        context.RegisterSourceOutput(models, static (output, method) =>
            output.AddSource(HintNames.ForMethod(method), SourceText.From(QueryMethodEmitter.Emit(method), System.Text.Encoding.UTF8)));

        var interfaces = models
            .Where(static method => method.Type.IsInterface)
            .Select(static (method, _) => method.Type)
            .Collect()
            .SelectMany(static (types, _) => types.Distinct())
            .WithTrackingName(TrackingNames.Interfaces);
        context.RegisterSourceOutput(interfaces, static (output, type) =>
            output.AddSource(HintNames.ForType(type), SourceText.From(InterfaceImplementationEmitter.Emit(type), System.Text.Encoding.UTF8)));

        // Locations travel as plain numbers and become real source locations again here, against
        // the current syntax trees, so that '#pragma warning disable PICOnnn' applies to them.
        var diagnostics = bound
            .Select(static (result, _) => result.Diagnostics)
            .Where(static list => list.Count > 0)
            .WithTrackingName(TrackingNames.Diagnostics)
            .Collect()
            .Combine(context.CompilationProvider);
        context.RegisterSourceOutput(diagnostics, static (output, input) => Report(output, input.Left, input.Right));

        var schemaDiagnostics = schema
            .Select(static (model, _) => model.Diagnostics)
            .Combine(context.CompilationProvider);
        context.RegisterSourceOutput(schemaDiagnostics, static (output, input) =>
        {
            if (input.Left.Count > 0)
            {
                Report(output, ImmutableArray.Create(input.Left), input.Right);
            }
        });
    }

    private static bool IsSchemaFile(AdditionalText file, AnalyzerConfigOptionsProvider options) =>
        options.GetOptions(file).TryGetValue("build_metadata.AdditionalFiles.PicoSchema", out var value) &&
        string.Equals(value, "true", System.StringComparison.OrdinalIgnoreCase);

    private static void Report(SourceProductionContext output, ImmutableArray<EquatableArray<DiagnosticInfo>> lists, Compilation compilation)
    {
        Dictionary<string, SyntaxTree>? trees = null;
        foreach (var info in lists.SelectMany(list => list))
        {
            if (!DiagnosticDescriptors.ById.TryGetValue(info.Id, out var descriptor))
            {
                continue;
            }

            trees ??= compilation.SyntaxTrees.GroupBy(t => t.FilePath).ToDictionary(g => g.Key, g => g.First());
            output.ReportDiagnostic(Diagnostic.Create(descriptor, ToLocation(info.Location, trees), info.Arguments.ToArray<object>()));
        }
    }

    private static Location ToLocation(LocationInfo? info, Dictionary<string, SyntaxTree> trees)
    {
        if (info is null)
        {
            return Location.None;
        }

        var span = new TextSpan(info.Start, info.Length);
        if (trees.TryGetValue(info.FilePath, out var tree) && span.End <= tree.Length)
        {
            return Location.Create(tree, span);
        }

        return Location.Create(info.FilePath, span, new LinePositionSpan(
            new LinePosition(info.StartLine, info.StartCharacter), new LinePosition(info.EndLine, info.EndCharacter)));
    }
}
