using Picopyn.Generators.Tests.Harness;

namespace Picopyn.Generators.Tests;

/// <summary>
/// The schema-aware checks (PICO3xx): for each ID a query that triggers it — ID and exact span
/// asserted — and the corrected query, which compiles clean. Plus what the checks must not do:
/// report without a schema, report system tables, or guess at what they cannot read.
/// </summary>
public sealed class SchemaCheckTests
{
    public const string Schema = """
        -- A schema file may hold comments: it is a file, not a request.
        create table users (
            id integer primary key,
            name text not null,
            email varchar(200),
            age int,
            balance decimal not null,
            score double,
            active boolean not null,
            created datetime not null,
            token uuid,
            profile json
        ) distributed by (id);

        CREATE TABLE orders (
            id INTEGER NOT NULL,
            user_id BIGINT NOT NULL,
            total NUMERIC(12, 2) NOT NULL,
            note STRING,
            PRIMARY KEY (id)
        ) USING memtx DISTRIBUTED BY (user_id) OPTION (TIMEOUT = 3.0);

        create table settings (key text primary key, value text) distributed globally;
        create index users_name on users (name);
        """;

    private const string Prelude = AppSource.Prelude;

    public static TheoryData<string, string, string> Cases => new()
    {
        {
            "PICO301",
            """[PicoQuery("select id from [|userz|]")] Task<List<long>> A();""",
            """[PicoQuery("select id from users")] Task<List<long>> A();"""
        },
        {
            "PICO302",
            """[PicoQuery("select id from users where [|nmae|] = $1")] Task<List<long>> A(string name);""",
            """[PicoQuery("select id from users where name = $1")] Task<List<long>> A(string name);"""
        },
        {
            "PICO303",
            """[PicoQuery("select [|id|] from users u join orders o on o.user_id = u.id")] Task<List<long>> A();""",
            """[PicoQuery("select o.id from users u join orders o on o.user_id = u.id")] Task<List<long>> A();"""
        },
        {
            "PICO304",
            """[PicoQuery("select name from users where id = [|$1|]")] Task<string?> A(string id);""",
            """[PicoQuery("select name from users where id = $1")] Task<string?> A(long id);"""
        },
        {
            "PICO305",
            """[PicoQuery("select [|name|] from users")] Task<List<long>> A();""",
            """[PicoQuery("select name from users")] Task<List<string>> A();"""
        },
        {
            "PICO306",
            """[PicoQuery("select [|age|] from users")] Task<List<long>> A();""",
            """[PicoQuery("select age from users")] Task<List<long?>> A();"""
        },
        {
            "PICO307",
            """[PicoQuery("insert into settings values [|($1)|]")] Task<int> A(string key);""",
            """[PicoQuery("insert into settings values ($1, $2)")] Task<int> A(string key, string? value);"""
        },
        {
            "PICO308",
            """[PicoQuery("insert into [|users|] (id, name) values ($1, $2)")] Task<int> A(long id, string name);""",
            """[PicoQuery("insert into users (id, name, balance, active, created) values ($1, $2, 0, true, $3)")] Task<int> A(long id, string name, DateTimeOffset created);"""
        },
        {
            "PICO309",
            """[PicoQuery("update users set [|id|] = $1 where name = $2")] Task<int> A(long id, string name);""",
            """[PicoQuery("update users set age = $1 where name = $2")] Task<int> A(long age, string name);"""
        },
        {
            "PICO310",
            """[PicoQuery("select id from users where name = $1 or age = [|$1|]")] Task<List<long>> A(string name);""",
            """[PicoQuery("select id from users where name = $1 or age = $2")] Task<List<long>> A(string name, long age);"""
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_schema_check_is_reported_on_its_span_and_the_corrected_query_is_clean(string id, string wrong, string right)
    {
        var marked = MarkedSource.Parse(Prelude + "public partial interface IQ { " + wrong + " }");

        var outcome = GeneratorHarness.RunWithSchema(Schema, marked.Text);

        Assert.Null(outcome.Result.Exception);
        var diagnostic = Assert.Single(outcome.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(marked.Text[marked.Span.Start..marked.Span.End], marked.Text[diagnostic.Location.SourceSpan.Start..diagnostic.Location.SourceSpan.End]);

        var corrected = GeneratorHarness.RunWithSchema(Schema, Prelude + "public partial interface IQ { " + right + " }");
        Assert.Empty(corrected.Diagnostics);
        Assert.Empty(corrected.CompilerDiagnostics);
    }

    [Theory]
    [InlineData("select id from userz", "'userz' is not in the schema; did you mean 'users'?")]
    [InlineData("select id from users where nmae = 'x'", "Column 'nmae' is not a column of 'users'; did you mean 'name'?")]
    [InlineData("select u.nmae from users u", "Column 'nmae' is not a column of 'users' (u); did you mean 'name'?")]
    [InlineData("select id from users u join orders o on o.user_id = u.id", "Column 'id' is in 'users' (u) and 'orders' (o); qualify it (u.id or o.id)")]
    [InlineData("select id from users u where exists (select 1 from orders o where o.user_id = u.id)", "Column 'u.id' is not a column of this query: no table in its FROM is called 'u' (a subquery cannot see the tables of the query around it)")]
    public void Messages_name_the_table_and_suggest_the_closest_name(string sql, string expected)
    {
        var outcome = GeneratorHarness.RunWithSchema(Schema, Prelude + $$"""public partial interface IQ { [PicoQuery("{{sql}}")] Task<List<long>> A(); }""");

        var diagnostic = Assert.Single(outcome.Diagnostics);
        Assert.Contains(expected, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_schema_no_table_or_column_is_checked()
    {
        var outcome = GeneratorHarness.Run(Prelude + """public partial interface IQ { [PicoQuery("select nmae from userz where x = $1")] Task<List<string>> A(string x); }""");

        Assert.Empty(outcome.Diagnostics);
    }

    [Fact]
    public void System_tables_are_not_the_schema_files_business()
    {
        var outcome = GeneratorHarness.RunWithSchema(Schema, Prelude +
            """public partial interface IQ { [PicoQuery("select name, tier from _pico_instance where name = $1")] Task<List<(string, string)>> A(string name); }""");

        Assert.Empty(outcome.Diagnostics);
    }

    [Fact]
    public void Select_star_expands_from_the_schema_and_is_checked_like_a_list()
    {
        var source = Prelude + """
            public sealed record Setting(string Key, string? Value);
            public sealed record Narrow(string Key, long Value);
            public partial interface IQ
            {
                [PicoQuery("select * from settings where key = $1")] Task<Setting?> Find(string key);
                [PicoQuery("select * from settings")] Task<List<Narrow>> Wrong();
            }
            """;

        var outcome = GeneratorHarness.RunWithSchema(Schema, source);

        var mismatch = Assert.Single(outcome.Diagnostics);
        Assert.Equal("PICO305", mismatch.Id);
        Assert.Contains("Column 'value' is text", mismatch.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var find = outcome.Source("App.IQ.Find");
        Assert.Contains("reader.GetString(0)", find, StringComparison.Ordinal);
        Assert.Contains("reader.IsDBNull(1) ? null : reader.GetString(1)", find, StringComparison.Ordinal);
        Assert.DoesNotContain("bucket_id", find, StringComparison.Ordinal);
    }

    [Fact]
    public void Star_over_a_source_the_schema_cannot_tell_stays_pico205_and_says_why()
    {
        var outcome = GeneratorHarness.RunWithSchema(Schema, Prelude +
            """public partial interface IQ { [PicoQuery("select * from _pico_instance")] Task<List<User>> A(); }""");

        var diagnostic = Assert.Single(outcome.Diagnostics);
        Assert.Equal("PICO205", diagnostic.Id);
        Assert.Contains("the schema does not tell the columns of its source", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Star_over_a_join_with_a_shared_column_name_is_a_duplicate()
    {
        var outcome = GeneratorHarness.RunWithSchema(Schema, Prelude +
            """public partial interface IQ { [PicoQuery("select * from users u join orders o on o.user_id = u.id")] Task<List<User>> A(); }""");

        Assert.Contains(outcome.Diagnostics, d => d.Id == "PICO201");
    }

    [Theory]
    [InlineData("select count(*) from users", "long", null)]
    [InlineData("select count(*) from users", "string", "PICO305")]
    [InlineData("select sum(age) from users", "decimal?", null)]
    [InlineData("select sum(age) from users", "long?", "PICO305")]
    [InlineData("select avg(score) from users", "double?", null)]
    [InlineData("select max(created) from users", "DateTimeOffset", "PICO306")]
    [InlineData("select coalesce(email, '') from users", "string", null)]
    [InlineData("select coalesce(email, name) from users", "string", null)]
    [InlineData("select email || '!' from users", "string", "PICO306")]
    [InlineData("select cast(age as text) from users", "string?", null)]
    [InlineData("select age::double from users", "double?", null)]
    [InlineData("select id + 1 from users", "long", null)]
    [InlineData("select balance * 2 from users", "decimal", null)]
    [InlineData("select id = 1 from users", "bool", null)]
    [InlineData("select case when active then 'yes' else 'no' end from users", "string", null)]
    [InlineData("select case when active then 'yes' end from users", "string", "PICO306")]
    [InlineData("select o.note from users u left join orders o on o.user_id = u.id", "string?", null)]
    [InlineData("select o.total from users u left join orders o on o.user_id = u.id", "decimal", "PICO306")]
    [InlineData("select token from users where id = 1", "Guid?", null)]
    [InlineData("select profile from users", "string?", null)]
    [InlineData("select t.n from (select count(*) as n from orders) as t", "long", null)]
    [InlineData("with big as (select id, total from orders where total > 100) select total from big", "decimal", null)]
    [InlineData("select id from users union select id from orders", "long", null)]
    [InlineData("select id from users where id in (select user_id from orders) order by id", "long", null)]
    [InlineData("select bucket_id from orders", "long", null)]
    [InlineData("values (1)", "long", null)]
    public void Expressions_are_typed_as_Picodata_types_them(string sql, string type, string? expected)
    {
        var outcome = GeneratorHarness.RunWithSchema(Schema, Prelude + $$"""public partial interface IQ { [PicoQuery("{{sql}}")] Task<List<{{type}}>> A(); }""");

        AssertReportsOnly(expected, outcome);
    }

    [Theory]
    [InlineData("select id from users where name like $1", "string", null)]
    [InlineData("select id from users where name like $1", "long", "PICO304")]
    [InlineData("select id from users where age between $1 and 99", "long", null)]
    [InlineData("select id from users where age between $1 and 99", "decimal", "PICO304")]
    [InlineData("select id from users where id in ($1, 2, 3)", "int", null)]
    [InlineData("select id from users where created > $1", "DateTime", null)]
    [InlineData("select id from users where created > $1", "string", "PICO304")]
    [InlineData("select id from users where token = $1", "Guid", null)]
    [InlineData("select id from users where cast($1 as integer) = id", "short", null)]
    [InlineData("select id from users where $1 = active", "bool?", null)]
    [InlineData("select id from users where active = ?", "double", "PICO304")]
    [InlineData("update users set score = $1 where id = 1", "double", null)]
    [InlineData("update users set score = $1 where id = 1", "bool", "PICO304")]
    [InlineData("insert into settings values ($1, 'v')", "string", null)]
    [InlineData("insert into settings values ($1, 'v')", "Guid", "PICO304")]
    public void A_placeholder_takes_its_type_from_where_it_stands(string sql, string parameterType, string? expected)
    {
        var returns = sql.StartsWith("select", StringComparison.Ordinal) ? "Task<List<long>>" : "Task<int>";
        var outcome = GeneratorHarness.RunWithSchema(Schema, Prelude + $$"""public partial interface IQ { [PicoQuery("{{sql}}")] {{returns}} A({{parameterType}} p); }""");

        AssertReportsOnly(expected, outcome);
    }

    // Nothing when expected is null; otherwise exactly one diagnostic, of that ID.
    private static void AssertReportsOnly(string? expected, GeneratorOutcome outcome)
    {
        if (expected is null)
        {
            Assert.Empty(outcome.Diagnostics);
        }
        else
        {
            Assert.Equal(expected, Assert.Single(outcome.Diagnostics).Id);
        }
    }

    [Theory]
    [InlineData("create table t (id integer primary key, score [|float|])")]
    [InlineData("create table [|t|] (id integer)")]
    [InlineData("create table t (id integer primary key, name text [|default|] 'x')")]
    [InlineData("create table t (id integer primary key) distributed by ([|nope|])")]
    [InlineData("[|drop|] table t")]
    [InlineData("create table t (id integer primary key, name text) [|sharded|] by (id)")]
    [InlineData("create table t (id integer primary key, note text [|'oops)|]")]
    public void A_schema_file_it_cannot_read_is_pico300_in_the_schema_file(string schema)
    {
        var marked = MarkedSource.Parse(schema);

        var outcome = GeneratorHarness.RunWithSchema(marked.Text, Prelude);

        Assert.Null(outcome.Result.Exception);
        var diagnostic = Assert.Single(outcome.Diagnostics);
        Assert.Equal("PICO300", diagnostic.Id);
        Assert.Equal("/app/schema0.sql", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(marked.Span, diagnostic.Location.SourceSpan);
    }

    [Theory]
    [InlineData("select id, name from users where id = any($1)")]
    [InlineData("select id from users window w as (partition by age)")]
    [InlineData("select (id, name) from users")]
    [InlineData("select extract(year from created) from users")]
    [InlineData("select id from users where (id, name) in (select id, note from orders)")]
    public void Grammar_the_checks_do_not_follow_is_left_alone(string sql)
    {
        var outcome = GeneratorHarness.RunWithSchema(Schema, Prelude + $$"""public partial interface IQ { [PicoQuery("{{sql}}")] Task<List<long>> A(long p); }""");

        Assert.Null(outcome.Result.Exception);
        Assert.DoesNotContain(outcome.Diagnostics, d => d.Id.StartsWith("PICO3", StringComparison.Ordinal) || d.Id == "PICO900");
    }
}
