using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Npgsql;

namespace Picopyn.Generators.Tests.Harness;

/// <summary>Runs the generator over source text in memory, as the compiler would in an app that references Picopyn.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly MetadataReference[] References = LoadReferences();

    public static CSharpCompilation Compilation(params string[] sources) =>
        CSharpCompilation.Create(
            "App",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"/app/File{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>A driver; each schema text becomes a <c>&lt;PicoSchema&gt;</c> file (<c>/app/schema0.sql</c>, ...).</summary>
    public static GeneratorDriver Driver(params string[] schemas) =>
        Driver(schemas.Select((text, i) => new SchemaText($"/app/schema{i}.sql", text)).ToArray());

    /// <summary>A driver with these schema files.</summary>
    public static GeneratorDriver Driver(SchemaText[] files) =>
        CSharpGeneratorDriver.Create(
            [new PicoQueryGenerator().AsSourceGenerator()],
            files,
            ParseOptions,
            new SchemaOptionsProvider(files.Select(f => f.Path)),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorOutcome Run(params string[] sources) => Run(Compilation(sources));

    /// <summary>Runs over <paramref name="sources"/> with <paramref name="schema"/> as the project's schema file.</summary>
    public static GeneratorOutcome RunWithSchema(string schema, params string[] sources) => Run(Compilation(sources), Driver(schema));

    public static GeneratorOutcome Run(CSharpCompilation compilation, GeneratorDriver? driver = null)
    {
        driver = (driver ?? Driver()).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var result = driver.GetRunResult().Results.Single();
        return new GeneratorOutcome(result, (CSharpCompilation)output);
    }

    private static MetadataReference[] LoadReferences()
    {
        // The test process's own framework assemblies stand in for the app's reference assemblies.
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll");
        return framework
            .Append(typeof(PicoClient).Assembly.Location)
            .Append(typeof(NpgsqlConnection).Assembly.Location)
            .Append(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location)
            .Distinct()
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray();
    }
}

/// <summary>What one generator run produced.</summary>
internal sealed record GeneratorOutcome(GeneratorRunResult Result, CSharpCompilation Output)
{
    /// <summary>What the generator reported that a build shows: its hidden notes (PICO400) are in <see cref="HiddenDiagnostics"/>.</summary>
    public ImmutableArray<Diagnostic> Diagnostics => Result.Diagnostics.Where(d => d.Severity > DiagnosticSeverity.Hidden).ToImmutableArray();

    /// <summary>The generator's hidden notes: why a statement is balanced rather than routed.</summary>
    public ImmutableArray<Diagnostic> HiddenDiagnostics => Result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Hidden).ToImmutableArray();

    public string Source(string hintNameStart) =>
        Result.GeneratedSources.Single(s => s.HintName.StartsWith(hintNameStart, StringComparison.Ordinal)).SourceText.ToString();

    public string AllSources() =>
        string.Join("\n", Result.GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal).Select(s => "//// " + s.HintName + "\n" + s.SourceText));

    /// <summary>Errors and warnings of the app compiled with the generated code, the generator's own excluded.</summary>
    public ImmutableArray<Diagnostic> CompilerDiagnostics =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();
}
