using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Picopyn.Generators.Parsing;
using Picopyn.Generators.Tests.Harness;

namespace Picopyn.Generators.Tests;

/// <summary>
/// One case per diagnostic ID: the ID, and the exact span it covers — inside the SQL string where
/// the fault is in the SQL. The marked file is the first source; each case reports only its own ID.
/// </summary>
public sealed class DiagnosticTests
{
    private const string Prelude = AppSource.Prelude;

    public static TheoryData<string, string> Cases => new()
    {
        { "PICO001", """public interface [|IQ|] { [PicoQuery("select id from users")] Task<long> A(); }""" },
        { "PICO002", """public static partial class S { [PicoQuery("select id from users")] public static Task<long> [|A|](PicoClient c) => Task.FromResult(1L); }""" },
        { "PICO003", """public static partial class S { [PicoQuery("select id from users")] public static partial Task<T> [|A|]<T>(PicoClient c); }""" },
        { "PICO004", """public static partial class S { [PicoQuery("select id from users")] public static partial Task<long> [|A|](); }""" },
        { "PICO005", """public static partial class S { [PicoQuery("select id from users")] public static partial Task<long> [|A|](PicoClient a, PicoLease b); }""" },
        { "PICO006", """public partial interface IQ { [PicoQuery("select id from users")] [|Task<IEnumerable<long>>|] A(); }""" },
        { "PICO007", """public partial interface IQ { [PicoQuery("select id from users where score = $1")] Task<long> A(float [|score|]); }""" },
        { "PICO008", """public partial interface IQ { [PicoQuery("select id from users where id = $1")] Task<long> A(long id, long [|extra|]); }""" },
        { "PICO009", """public partial interface IQ { [PicoQuery("select id from users where id = $1 and name = [|$2|]")] Task<long> A(long id); }""" },
        { "PICO010", """public partial interface IQ { [PicoQuery("delete from users")] [|Task<List<User>>|] A(); }""" },
        { "PICO011", """public partial interface IQ { [PicoQuery("select id from users")] [|Task|] A(); }""" },
        { "PICO012", """public partial interface IQ { [[|PicoQuery("select id from users", Idempotent = true)|]] Task<long> A(); }""" },
        { "PICO013", """public partial interface IQ { [PicoQuery("select id from users")] Task<long> A(); int [|Count|] { get; } }""" },
        { "PICO100", """public partial interface IQ { [PicoQuery("select id from users where name = [|'oops|]")] Task<long> A(); }""" },
        { "PICO101", """public partial interface IQ { [PicoQuery("select id from users [|-- all|]")] Task<long> A(); }""" },
        { "PICO102", """public partial interface IQ { [PicoQuery("delete from users; [|delete|] from orders")] Task A(); }""" },
        { "PICO103", """public partial interface IQ { [PicoQuery("select id from users where id = $1 or id = [|?|]")] Task<long> A(long a, long b); }""" },
        { "PICO104", """public partial interface IQ { [PicoQuery("select id from users where id = [|$0|]")] Task<long> A(long a); }""" },
        { "PICO105", """public partial interface IQ { [PicoQuery("select id from users where id = $1 or id = [|$3|]")] Task<long> A(long a, long b, long c); }""" },
        { "PICO106", """public partial interface IQ { [PicoQuery("select id from users limit [|$1|]")] Task<List<long>> A(long n); }""" },
        { "PICO107", """public partial interface IQ { [PicoQuery("select id from users [|offset|] 10")] Task<List<long>> A(); }""" },
        { "PICO108", """public partial interface IQ { [PicoQuery("delete from users [|returning|] id")] Task A(); }""" },
        { "PICO109", """public partial interface IQ { [PicoQuery("select u.id from users u [|right|] join orders o on o.user_id = u.id")] Task<List<long>> A(); }""" },
        { "PICO110", """public partial interface IQ { [PicoQuery("select u.id from users u[|,|] orders o")] Task<List<long>> A(); }""" },
        { "PICO111", """public partial interface IQ { [PicoQuery("[|begin|]")] Task A(); }""" },
        { "PICO112", """public partial interface IQ { [PicoQuery("with [|recursive|] t as (select 1) select * from t")] Task A(); }""" },
        { "PICO113", """public partial interface IQ { [PicoQuery("DO $$ BEGIN DELETE FROM users WHERE id = $1; [|RETURN QUERY|] SELECT id FROM users; END $$")] Task<List<long>> A(long id); }""" },
        { "PICO114", """public partial interface IQ { [PicoQuery("insert into users (id, name) values ($1, $2) on conflict (id) do [|update|] set name = excluded.name")] Task<int> A(long id, string name); }""" },
        { "PICO115", """public partial interface IQ { [PicoQuery("select name, [|email|], count(*) from users group by name")] Task<List<User>> A(); }""" },
        { "PICO116", """public partial interface IQ { [PicoQuery("select count(*) from users group by [|count(*)|]")] Task<List<long>> A(); }""" },
        { "PICO117", """public partial interface IQ { [PicoQuery("select sum(id) over [|w|] from users")] Task<List<long>> A(); }""" },
        { "PICO118", """public partial interface IQ { [PicoQuery("select id from users where id < [|9223372036854775808|]")] Task<List<long>> A(); }""" },
        { "PICO119", """public partial interface IQ { [PicoQuery("select id, name from users union all [|select id from users|]")] Task<List<long>> A(); }""" },
        { "PICO120", """public partial interface IQ { [PicoQuery("select [|lenght|](name) from users")] Task<List<long>> A(); }""" },
        { "PICO121", """public partial interface IQ { [PicoQuery("select 7.0 [|%|] 3 from users")] Task<List<decimal>> A(); }""" },
        { "PICO201", """public partial interface IQ { [PicoQuery("select id, name, email, [|id|] from users")] Task<List<User>> A(); }""" },
        { "PICO202", """public partial interface IQ { [PicoQuery("select id, name, email, [|age|] from users")] Task<List<User>> A(); }""" },
        { "PICO203", """public sealed record Row(long Id, string [|Name|]); public partial interface IQ { [PicoQuery("select id from users")] Task<List<Row>> A(); }""" },
        { "PICO204", """public sealed record Row(long Id, float [|Score|]); public partial interface IQ { [PicoQuery("select id, score from users")] Task<List<Row>> A(); }""" },
        { "PICO205", """public partial interface IQ { [PicoQuery("select [|*|] from users")] Task<List<User>> A(); }""" },
        { "PICO206", """public partial interface IQ { [PicoQuery("select id, [|name|] from users")] Task<List<long>> A(); }""" },
        { "PICO207", """public abstract record Row(long Id); public partial interface IQ { [PicoQuery("select id from users")] [|Task<List<Row>>|] A(); }""" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_diagnostic_is_reported_on_its_span(string id, string source)
    {
        var marked = MarkedSource.Parse(Prelude + source);

        var outcome = GeneratorHarness.Run(marked.Text);

        Assert.Null(outcome.Result.Exception);
        var diagnostic = Assert.Single(outcome.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.True(diagnostic.Location.IsInSource, "A generator diagnostic must carry a source location.");
        Assert.Equal("/app/File0.cs", diagnostic.Location.SourceTree!.FilePath);
        Assert.Equal(marked.Text[marked.Span.Start..marked.Span.End], marked.Text[diagnostic.Location.SourceSpan.Start..diagnostic.Location.SourceSpan.End]);
        Assert.False(string.IsNullOrWhiteSpace(diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Every_descriptor_has_a_case_here_and_an_entry_in_the_docs()
    {
        // PICO3xx cases (and the schema file's PICO300) are in SchemaCheckTests, PICO400's in RoutingPlanTests.
        var tested = Cases.Select(row => (string)row[0])
            .Concat(SchemaCheckTests.Cases.Select(row => (string)row[0]))
            .Append("PICO300")
            .Append("PICO400") // RoutingPlanTests
            .Append("PICO900")
            .ToHashSet();
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "diagnostics.md"));

        foreach (var id in Diagnostics.DiagnosticDescriptors.ById.Keys)
        {
            Assert.Contains(id, tested);
            Assert.Contains("## " + id, docs, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("""[PicoQuery("select id from users where name = '\u0024oops' and id = $1 and id < [|$2|]")]""")]
    [InlineData("""[PicoQuery(@"select id from users where name = ""x"" and id = $1 and id < [|$2|]")]""")]
    [InlineData("[PicoQuery(\"\"\"\n        select id\n        from users\n        where id = $1\n        and id < [|$2|]\n        \"\"\")]")]
    public void A_fault_is_located_through_escapes_verbatim_quotes_and_raw_string_indentation(string attribute)
    {
        var marked = MarkedSource.Parse(Prelude + "public partial interface IQ { " + attribute + " Task<long> A(long id); }");

        var diagnostic = Assert.Single(GeneratorHarness.Run(marked.Text).Diagnostics);

        Assert.Equal("PICO009", diagnostic.Id);
        Assert.Equal(marked.Span, diagnostic.Location.SourceSpan);
    }

    [Fact]
    public void Sql_in_a_constant_is_located_on_the_whole_argument()
    {
        var marked = MarkedSource.Parse(Prelude + """
            public static class Sql { public const string Find = "select id from users where id = $1 and id < $2"; }
            public partial interface IQ { [PicoQuery([|Sql.Find|])] Task<long> A(long id); }
            """);

        var diagnostic = Assert.Single(GeneratorHarness.Run(marked.Text).Diagnostics);

        Assert.Equal("PICO009", diagnostic.Id);
        Assert.Equal(marked.Span, diagnostic.Location.SourceSpan);
    }

    [Fact]
    public async Task A_pragma_suppresses_a_pico_warning_at_its_location()
    {
        var source = Prelude + """
            public partial interface IQ
            {
            #pragma warning disable PICO202
                [PicoQuery("select id, name, email, age from users")]
                Task<List<User>> A();
            #pragma warning restore PICO202
                [PicoQuery("select id, name, email, age from users")]
                Task<List<User>> B();
            }
            """;
        var outcome = GeneratorHarness.Run(source);
        Assert.Equal(2, outcome.Diagnostics.Count(d => d.Id == "PICO202"));

        // The compiler filters diagnostics through '#pragma' by their source location: replay the
        // generator's diagnostics through the same filter (as analyzer diagnostics) to see which remain.
        var replay = new ReplayAnalyzer(outcome.Diagnostics);
        var remaining = await outcome.Output.WithAnalyzers([replay]).GetAnalyzerDiagnosticsAsync();

        var kept = Assert.Single(remaining, d => d.Id == "PICO202");
        Assert.Equal(source.IndexOf("age", source.IndexOf("B()", StringComparison.Ordinal) - 60, StringComparison.Ordinal), kept.Location.SourceSpan.Start);
    }

    [Fact]
    public void An_unexpected_failure_becomes_pico900_on_the_method_and_not_an_exception()
    {
        var marked = MarkedSource.Parse(Prelude + """public partial interface IQ { [PicoQuery("select id from users")] Task<long> [|Explode|](); }""");
        QueryMethodParser.FailOnMethodNamed = "Explode";
        try
        {
            var outcome = GeneratorHarness.Run(marked.Text);

            Assert.Null(outcome.Result.Exception);
            var diagnostic = Assert.Single(outcome.Diagnostics);
            Assert.Equal("PICO900", diagnostic.Id);
            Assert.Equal(marked.Span, diagnostic.Location.SourceSpan);
            Assert.Contains("injected failure", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }
        finally
        {
            QueryMethodParser.FailOnMethodNamed = null;
        }
    }

    [Theory]
    [InlineData("""public partial interface IQ { [PicoQuery("select 'unterminated from users")] Task<long> A(); }""")]
    [InlineData("""public partial interface IQ { [PicoQuery("")] Task A(); }""")]
    [InlineData("""public partial interface IQ { [PicoQuery(   ] Task<long> A(); }""")]
    [InlineData("""public partial interface IQ { [PicoQuery] Task<long> A(); }""")]
    [InlineData("""public partial interface IQ { [PicoQuery("select (((")] Task<long> A(""")]
    [InlineData("""public partial interface IQ { [PicoQuery(null)] Task<long> A(); }""")]
    [InlineData("""public partial interface IQ { [PicoQuery("select id from users")] Task<Missing> A(UnknownType x); }""")]
    [InlineData("""public partial class { [PicoQuery("select $1")] public partial """)]
    [InlineData("""[PicoQuery("select 1")] public partial interface IQ { }""")]
    public void Garbage_input_gives_diagnostics_and_never_a_generator_exception(string source)
    {
        var outcome = GeneratorHarness.Run(Prelude + source);

        Assert.Null(outcome.Result.Exception);
        Assert.Contains(outcome.Diagnostics.Concat(outcome.Output.GetDiagnostics()), d => d.Severity == DiagnosticSeverity.Error);
        Assert.DoesNotContain(outcome.Diagnostics, d => d.Id == "PICO900");
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));
}

/// <summary>Reports given diagnostics again as an analyzer would, so the compiler's pragma filter applies to them.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
#pragma warning disable RS1036 // a test double, not a shipped analyzer
internal sealed class ReplayAnalyzer(ImmutableArray<Diagnostic> diagnostics) : DiagnosticAnalyzer
#pragma warning restore RS1036
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics =>
        diagnostics.Select(d => d.Descriptor).Distinct().ToImmutableArray();

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationAction(compilation =>
        {
            foreach (var diagnostic in diagnostics)
            {
                compilation.ReportDiagnostic(diagnostic);
            }
        });
    }
}
