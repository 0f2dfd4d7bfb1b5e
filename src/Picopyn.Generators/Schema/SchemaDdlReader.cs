using System.Collections.Generic;
using System.Linq;
using Picopyn.Generators.Model;
using Picopyn.Generators.Sql;

namespace Picopyn.Generators.Schema;

/// <summary>
/// Reads a schema file — Picodata DDL (reference/picodata.md §5): <c>CREATE TABLE</c> with columns,
/// types and their synonyms, NULL / NOT NULL, the primary key, <c>USING</c>, <c>DISTRIBUTED GLOBALLY</c>
/// or <c>DISTRIBUTED BY (...) [IN TIER t]</c>, <c>OPTION (...)</c>; and <c>CREATE INDEX</c>, which
/// the checks do not need — into tables. Comments are allowed here (it is a file, not a request).
/// It never throws: what it cannot read is PICO300, located in the file.
/// </summary>
internal sealed class SchemaDdlReader
{
    /// <summary>The ID of what the reader reports (the generator's PICO300). This file is also compiled into the emulated cluster and the CLI, which have no Roslyn.</summary>
    public const string DiagnosticId = "PICO300";

    private readonly TextLocator _locator;
    private readonly List<SchemaTable> _tables = [];
    private readonly List<DiagnosticInfo> _diagnostics = [];

    private SchemaDdlReader(string path, string text) => _locator = new TextLocator(path, text);

    public static SchemaFile Read(string path, string text)
    {
        var reader = new SchemaDdlReader(path, text);
        reader.ReadAll(text);
        return new SchemaFile(path, new EquatableArray<SchemaTable>(reader._tables.ToArray()), new EquatableArray<DiagnosticInfo>(reader._diagnostics.ToArray()));
    }

    private void ReadAll(string text)
    {
        var tokens = new List<SqlToken>();
        foreach (var token in SqlTokenizer.Tokenize(text))
        {
            if (token.Kind == SqlTokenKind.Invalid)
            {
                Report(token, $"'{Shorten(token.Text)}' cannot be read: an unterminated string, identifier or comment, or a character SQL does not use.");
                return;
            }

            if (token.Kind != SqlTokenKind.Comment)
            {
                tokens.Add(token);
            }
        }

        var start = 0;
        for (var i = 0; i <= tokens.Count; i++)
        {
            if (i == tokens.Count || tokens[i].IsSymbol(";"))
            {
                if (i > start)
                {
                    Statement(new SqlCursor(tokens, start, i));
                }

                start = i + 1;
            }
        }
    }

    private void Statement(SqlCursor cursor)
    {
        var first = cursor.Current;
        if (cursor.AcceptAll("create", "table"))
        {
            CreateTable(cursor, first);
        }
        else if (cursor.Accept("create") && (cursor.Current.IsWord("index") || cursor.Current.IsWord("unique")))
        {
            // Indexes change how fast a query runs, never whether it type-checks.
        }
        else
        {
            Report(first, $"'{first.Text}' starts a statement a schema file does not hold: write CREATE TABLE (and CREATE INDEX) statements, as 'picopyn schema pull' does.");
        }
    }

    private void CreateTable(SqlCursor cursor, SqlToken create)
    {
        cursor.AcceptAll("if", "not", "exists");
        var nameToken = cursor.Next();
        if (!nameToken.IsName)
        {
            Report(nameToken, "CREATE TABLE needs a table name here.");
            return;
        }

        var name = nameToken.Name;
        if (cursor.AcceptSymbol("."))
        {
            nameToken = cursor.Next(); // public.t
            name = nameToken.Name;
        }

        if (_tables.Any(t => t.Name == name))
        {
            Report(nameToken, $"Table '{name}' is already declared in this file.");
            return;
        }

        if (!cursor.Current.IsSymbol("("))
        {
            Report(cursor.Current, $"CREATE TABLE {name} needs its column list in parentheses here.");
            return;
        }

        var close = cursor.MatchingParenthesis();
        var body = new SqlCursor(cursor.Tokens, cursor.Position + 1, close);
        cursor.Position = close + 1;
        var columns = new List<(SqlToken Token, SchemaColumn Column)>();
        var primaryKey = new List<string>();
        if (!Columns(body, name, columns, primaryKey))
        {
            return;
        }

        if (primaryKey.Count == 0)
        {
            Report(nameToken, $"Table '{name}' has no primary key; Picodata requires one (a column's PRIMARY KEY, or PRIMARY KEY (columns)).");
            return;
        }

        var isGlobal = false;
        var shardingKey = primaryKey;
        while (!cursor.AtEnd)
        {
            if (cursor.Accept("using"))
            {
                var engine = cursor.Next();
                if (!engine.IsWord("memtx") && !engine.IsWord("vinyl"))
                {
                    Report(engine, $"'{engine.Text}' is not a Picodata storage engine: USING memtx or USING vinyl.");
                    return;
                }
            }
            else if (cursor.AcceptAll("distributed", "globally"))
            {
                isGlobal = true;
            }
            else if (cursor.AcceptAll("distributed", "by"))
            {
                if (!NameList(cursor, out var key))
                {
                    return;
                }

                shardingKey = key.Select(k => k.Name).ToList();
                foreach (var unknown in key.Where(k => !columns.Any(c => c.Column.Name == k.Name)))
                {
                    Report(unknown, $"DISTRIBUTED BY names '{unknown.Name}', which is not a column of '{name}'.");
                    return;
                }

                if (cursor.AcceptAll("in", "tier"))
                {
                    cursor.Next();
                }
            }
            else if (cursor.Accept("option") && cursor.Current.IsSymbol("("))
            {
                cursor.Position = cursor.MatchingParenthesis() + 1;
            }
            else
            {
                Report(cursor.Current, $"'{cursor.Current.Text}' is not part of CREATE TABLE: after the columns come USING, DISTRIBUTED GLOBALLY or DISTRIBUTED BY (...), and OPTION (...).");
                return;
            }
        }

        _tables.Add(SchemaTable.Create(name, columns.Select(c => c.Column), primaryKey, isGlobal, shardingKey));
    }

    private bool Columns(SqlCursor body, string table, List<(SqlToken Token, SchemaColumn Column)> columns, List<string> primaryKey)
    {
        while (!body.AtEnd)
        {
            if (body.AcceptAll("primary", "key"))
            {
                if (!NameList(body, out var key))
                {
                    return false;
                }

                foreach (var part in key)
                {
                    if (!columns.Any(c => c.Column.Name == part.Name))
                    {
                        Report(part, $"PRIMARY KEY names '{part.Name}', which is not a column of '{table}'.");
                        return false;
                    }

                    primaryKey.Add(part.Name);
                }
            }
            else if (!Column(body, table, columns, primaryKey))
            {
                return false;
            }

            if (!body.AtEnd && !body.AcceptSymbol(","))
            {
                Report(body.Current, $"'{body.Current.Text}' is not part of a column definition: write 'name type [NOT NULL] [PRIMARY KEY]', separated by commas.");
                return false;
            }
        }

        if (columns.Count == 0)
        {
            Report(body.Current, $"Table '{table}' declares no columns.");
            return false;
        }

        return true;
    }

    private bool Column(SqlCursor body, string table, List<(SqlToken Token, SchemaColumn Column)> columns, List<string> primaryKey)
    {
        var nameToken = body.Next();
        if (!nameToken.IsName)
        {
            Report(nameToken, "A column definition starts with the column's name.");
            return false;
        }

        if (columns.Any(c => c.Column.Name == nameToken.Name))
        {
            Report(nameToken, $"Table '{table}' already has a column '{nameToken.Name}'.");
            return false;
        }

        var typeToken = body.Next();
        var type = typeToken.Kind == SqlTokenKind.Word ? PicoTypeNames.Parse(typeToken.Text) : null;
        if (type is null)
        {
            Report(typeToken, $"'{typeToken.Text}' is not a Picodata column type: use {PicoTypeNames.Known}.");
            return false;
        }

        if (typeToken.IsWord("double"))
        {
            body.Accept("precision");
        }

        if (body.Current.IsSymbol("("))
        {
            body.Position = body.MatchingParenthesis() + 1; // varchar(n), decimal(p, s): the length and precision do not change the type
        }

        if (body.Current.IsSymbol("["))
        {
            Report(body.Current, "Array columns are not checked by Picopyn yet; declare the column as json in the schema file to keep checking the rest.");
            return false;
        }

        var nullable = true;
        while (!body.AtEnd && !body.Current.IsSymbol(","))
        {
            if (body.AcceptAll("not", "null"))
            {
                nullable = false;
            }
            else if (body.Accept("null"))
            {
                nullable = true;
            }
            else if (body.AcceptAll("primary", "key"))
            {
                primaryKey.Add(nameToken.Name);
            }
            else
            {
                var word = body.Current;
                var why = word.IsWord("default") ? "Picodata has no column defaults"
                    : word.IsWord("check") || word.IsWord("references") || word.IsWord("unique") ? "Picodata has no CHECK, UNIQUE or foreign-key column constraints"
                    : "a column takes only NULL, NOT NULL and PRIMARY KEY";
                Report(word, $"'{word.Text}' is not part of a Picodata column definition: {why}.");
                return false;
            }
        }

        columns.Add((nameToken, new SchemaColumn(nameToken.Name, type.Value, nullable)));
        return true;
    }

    // (name, name, ...) at the cursor.
    private bool NameList(SqlCursor cursor, out List<SqlToken> names)
    {
        names = [];
        if (!cursor.AcceptSymbol("("))
        {
            Report(cursor.Current, "A list of column names in parentheses is needed here.");
            return false;
        }

        while (true)
        {
            var name = cursor.Next();
            if (!name.IsName)
            {
                Report(name, "A column name is needed here.");
                return false;
            }

            names.Add(name);
            if (cursor.AcceptSymbol(")"))
            {
                return true;
            }

            if (!cursor.AcceptSymbol(","))
            {
                Report(cursor.Current, "Column names in a list are separated by commas and the list ends with ')'.");
                return false;
            }
        }
    }

    private void Report(SqlToken token, string message) =>
        _diagnostics.Add(new DiagnosticInfo(DiagnosticId, _locator.At(token.Start, System.Math.Max(1, token.Length)),
            new EquatableArray<string>([message])));

    private static string Shorten(string text) => text.Length <= 20 ? text : text.Substring(0, 20) + "...";
}
