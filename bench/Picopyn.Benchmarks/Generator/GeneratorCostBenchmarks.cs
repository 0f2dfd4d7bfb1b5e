using System.Reflection;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Picopyn.Benchmarks.Generator;

/// <summary>
/// What the generator costs a build: compiling a project of 200 <c>[PicoQuery]</c> methods with the
/// generator, against compiling the same program with its generated sources already in place (the
/// baseline: the compiler's own work); the generator run alone; and an incremental run after one
/// SQL string changed, from a driver that has seen the project before (what an IDE pays per edit).
/// </summary>
public class GeneratorCostBenchmarks
{
    public const int Interfaces = 10;
    public const int MethodsPerInterface = 20;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);
    private CSharpCompilation? _project;
    private CSharpCompilation? _projectWithGeneratedSources;
    private SyntaxTree? _first;
    private SyntaxTree? _editedFirst;
    private GeneratorDriver? _warmDriver;
    private ISourceGenerator? _generator;

    [GlobalSetup]
    public void SetUp()
    {
        _generator = LoadGenerator();
        var trees = Enumerable.Range(0, Interfaces).Select(i => CSharpSyntaxTree.ParseText(Source(i), ParseOptions, $"/app/Queries{i}.cs")).ToArray();
        _project = CSharpCompilation.Create("App", trees, References(), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        _warmDriver = NewDriver().RunGeneratorsAndUpdateCompilation(_project, out var output, out var diagnostics);
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Concat(diagnostics).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The benchmark project does not compile: " + errors[0]);
        }

        _projectWithGeneratedSources = (CSharpCompilation)output;
        _first = trees[0];
        var text = _first.GetText().ToString().Replace("order by id", "order by name", StringComparison.Ordinal);
        _editedFirst = CSharpSyntaxTree.ParseText(text, ParseOptions, _first.FilePath);
    }

    [Benchmark(Baseline = true, Description = "compile, generated code given")]
    public bool CompileOnly() => _projectWithGeneratedSources!.Clone().Emit(Stream.Null).Success;

    [Benchmark(Description = "compile with the generator")]
    public bool CompileWithGenerator()
    {
        NewDriver().RunGeneratorsAndUpdateCompilation(_project!.Clone(), out var output, out _);
        return output.Emit(Stream.Null).Success;
    }

    [Benchmark(Description = "generator alone, cold")]
    public GeneratorDriver GeneratorAlone() => NewDriver().RunGenerators(_project!.Clone());

    // As in an IDE: a new compilation that differs from the one the driver last saw by one edited tree.
    [Benchmark(Description = "generator, one SQL string edited")]
    public GeneratorDriver IncrementalEdit() => _warmDriver!.RunGenerators(_project!.ReplaceSyntaxTree(_first!, _editedFirst!));

    private CSharpGeneratorDriver NewDriver() => CSharpGeneratorDriver.Create([_generator!], parseOptions: ParseOptions);

    // Ten interfaces of twenty queries each, over every return kind.
    private static string Source(int index)
    {
        var text = new StringBuilder($$"""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Picopyn;
            namespace App;
            public sealed record Row{{index}}(long Id, string Name, string? Email, double Score);
            public partial interface IQueries{{index}}
            {

            """);
        for (var m = 0; m < MethodsPerInterface; m++)
        {
            text.AppendLine((m % 5) switch
            {
                0 => $"    [PicoQuery(\"select id, name, email, score from table_{index} where id > $1 order by id\")] Task<List<Row{index}>> Q{m}(long after, CancellationToken ct = default);",
                1 => $"    [PicoQuery(\"select id, name, email, score from table_{index} where id = $1\")] Task<Row{index}?> Q{m}(long id, CancellationToken ct = default);",
                2 => $"    [PicoQuery(\"select count(*) from table_{index} where name = $1\")] Task<long> Q{m}(string name, CancellationToken ct = default);",
                3 => $"    [PicoQuery(\"insert into table_{index} (id, name, email, score) values ($1, $2, $3, $4)\")] Task<int> Q{m}(long id, string name, string? email, double score, CancellationToken ct = default);",
                _ => $"    [PicoQuery(\"select id, name, email, score from table_{index} where score > $1\")] IAsyncEnumerable<Row{index}> Q{m}(double score, CancellationToken ct = default);",
            });
        }

        return text.Append('}').ToString();
    }

    private static MetadataReference[] References()
    {
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll");
        return framework
            .Append(typeof(PicoClient).Assembly.Location)
            .Append(typeof(Npgsql.NpgsqlConnection).Assembly.Location)
            .Append(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location)
            .Distinct()
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray();
    }

    // The generator as the compiler loads it: from its own assembly, copied beside this program.
    private static ISourceGenerator LoadGenerator()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "generator", "Picopyn.Generators.dll");
        var type = Assembly.LoadFrom(path).GetType("Picopyn.Generators.PicoQueryGenerator", throwOnError: true)!;
        return ((IIncrementalGenerator)Activator.CreateInstance(type)!).AsSourceGenerator();
    }
}
