using System.Collections.Generic;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Sql;

internal sealed partial class SqlParser
{
    // The Vinyl options of TableOptionParam and IndexOptionParam, with the literal each takes.
    private static readonly Dictionary<string, string> VinylOptions = new(System.StringComparer.OrdinalIgnoreCase)
    {
        ["bloom_fpr"] = "Decimal",
        ["page_size"] = "Unsigned",
        ["range_size"] = "Unsigned",
        ["run_count_per_level"] = "Unsigned",
        ["run_size_ratio"] = "Decimal",
        ["compression_level"] = "Integer",
    };

    // DDL, ACL and Plugin statements that start with CREATE, DROP, ALTER, TRUNCATE, SET or BACKUP.
    private StatementSyntax DdlOrAcl(string word)
    {
        var start = Start;
        Advance();
        var next = Current.Kind == SqlTokenKind.Word ? Current.Text.ToLowerInvariant() : string.Empty;
        switch (word, next)
        {
            case ("create", "table" or "unlogged"):
                return CreateTable(start);
            case ("create", "unique" or "index"):
                return CreateIndex(start);
            case ("create", "procedure"):
                return CreateProc(start);
            case ("create", "schema"):
            case ("drop", "schema"):
                return Schema(start, word);
            case ("create" or "drop" or "alter", "user" or "role"):
                return UserOrRole(start, word, next);
            case ("create" or "drop" or "alter", "plugin"):
                return Plugin(start, word);
            case ("drop", "table"):
                Advance();
                var ifExists = AcceptAll("if", "exists");
                PublicSchema();
                var dropped = Identifier("the table to drop");
                WaitAppliedAndTimeout();
                return new DropTableStatementSyntax(From(start), dropped, ifExists);
            case ("drop", "index"):
                Advance();
                var indexExists = AcceptAll("if", "exists");
                PublicSchema();
                var index = Identifier("the index to drop");
                WaitAppliedAndTimeout();
                return new DropIndexStatementSyntax(From(start), index, indexExists);
            case ("drop", "procedure"):
                Advance();
                AcceptAll("if", "exists");
                PublicSchema();
                var procedure = ProcWithOptionalParams();
                WaitAppliedAndTimeout();
                return new OtherStatementSyntax(From(start), "DropProc", [procedure]);
            case ("alter", "table"):
                return AlterTable(start);
            case ("alter", "index"):
                return RenameIndex(start);
            case ("alter", "procedure"):
                return RenameProc(start);
            case ("alter", "system"):
                return AlterSystem(start);
            case ("truncate", _):
                // TruncateTable = ^"truncate" ~ (^"table")? ~ PublicSchema? ~ Table ~ WaitApplied? ~ TimeoutOption?
                Accept("table");
                PublicSchema();
                var truncated = Identifier("the table to truncate");
                WaitAppliedAndTimeout();
                return new TruncateStatementSyntax(From(start), truncated);
            case ("set", _):
                return Set(start);
            case ("backup", _):
                // Backup = ^"backup" ~ WaitApplied? ~ TimeoutOption?
                WaitAppliedAndTimeout();
                return new OtherStatementSyntax(From(start), "Backup", []);
        }

        Fail(word switch
        {
            "create" => "TABLE, INDEX, PROCEDURE, SCHEMA, USER, ROLE or PLUGIN after CREATE",
            "drop" => "TABLE, INDEX, PROCEDURE, SCHEMA, USER, ROLE or PLUGIN after DROP",
            _ => "TABLE, INDEX, PROCEDURE, SYSTEM, USER or PLUGIN after ALTER",
        });
        return new EmptyStatementSyntax(From(start));
    }

    // CreateTable = ^"create" ~ Unlogged? ~ ^"table" ~ IfNotExists? ~ PublicSchema? ~ NewTable ~ "(" ~ Columns ~ ("," ~ PrimaryKey)? ~ ")"
    //             ~ Engine? ~ TableOptions? ~ Distribution? ~ WaitApplied? ~ Partition? ~ TimeoutOption?
    private StatementSyntax CreateTable(int start)
    {
        Accept("unlogged");
        Expect("table", "TABLE");
        var ifNotExists = IfNotExists();
        PublicSchema();
        var name = Identifier("a name for the new table");
        if (At("partition"))
        {
            return CreatePartition(start, name);
        }

        ExpectSymbol("(", "'(' and the table's columns");
        var columns = new List<ColumnDefinitionSyntax>();
        var primaryKey = new List<IdentifierSyntax>();
        do
        {
            if (columns.Count > 0 && At("primary"))
            {
                // PrimaryKey = PrimaryKeyMark ~ "(" ~ OrderedIdentifier ~ ("," ~ OrderedIdentifier)* ~ ")"
                Advance();
                Expect("key", "KEY after PRIMARY");
                primaryKey.AddRange(OrderedIdentifiers("the primary key's columns"));
                break;
            }

            var column = ColumnDef(columns.Count == 0 ? "a column definition" : "a column definition or PRIMARY KEY (…) after ','", allowKey: true);
            columns.Add(column);
            if (column.IsPrimaryKey)
            {
                primaryKey.Add(column.Name);
            }
        }
        while (!Failed && AcceptSymbol(","));

        ExpectSymbol(")", "',' or ')' after the column definition");

        string? engine = null;
        if (Accept("using"))
        {
            // Engine = ^"using" ~ (Memtx | Vinyl)
            engine = Current.Text.ToLowerInvariant();
            if (!Accept("memtx") && !Accept("vinyl"))
            {
                Fail("MEMTX or VINYL after USING");
            }
        }
        else
        {
            Offer("USING");
        }

        if (At("with"))
        {
            // TableOptions = ^"with" ~ "(" ~ TableOptionParam ~ ("," ~ TableOptionParam)* ~ ")"
            Options("a table option (bloom_fpr, page_size, range_size, run_count_per_level, run_size_ratio, compression_level)", index: false);
        }
        else
        {
            Offer("WITH (…)");
        }

        var distribution = Distribution();
        WaitApplied();
        Partition();
        TimeoutOption();
        return new CreateTableStatementSyntax(From(start), name, ifNotExists, columns, primaryKey, engine, distribution);
    }

    // ColumnDef = Identifier ~ ColumnDefType ~ ColumnDefIsNull? ~ InlinePrimaryKey?
    private ColumnDefinitionSyntax ColumnDef(string expected, bool allowKey)
    {
        var start = Start;
        var name = Identifier(expected);
        var type = ColumnDefType();
        bool? nullable = null;
        if (AcceptAll("not", "null"))
        {
            nullable = false;
        }
        else if (Accept("null"))
        {
            nullable = true;
        }
        else
        {
            Offer("NOT NULL");
            Offer("NULL");
        }

        if (At("default") || At("check") || At("references") || At("unique") || At("constraint"))
        {
            FailAt(Current, SqlFaultKind.Syntax, Current.IsWord("default")
                ? "Picodata has no column defaults: a column takes only its type, NULL or NOT NULL, and PRIMARY KEY."
                : "Picodata has no CHECK, UNIQUE or foreign-key column constraints: a column takes only its type, NULL or NOT NULL, and PRIMARY KEY.");
        }

        var key = false;
        if (allowKey && At("primary"))
        {
            // InlinePrimaryKey = PrimaryKeyMark ~ OrderFlag?
            Advance();
            Expect("key", "KEY after PRIMARY");
            key = true;
            if (!Accept("asc"))
            {
                Accept("desc");
            }
        }
        else if (allowKey)
        {
            Offer("PRIMARY KEY");
        }

        return new ColumnDefinitionSyntax(From(start), name, type, nullable, key);
    }

    // OrderedIdentifier = Identifier ~ OrderFlag?, in parentheses.
    private List<IdentifierSyntax> OrderedIdentifiers(string what)
    {
        var names = new List<IdentifierSyntax>();
        ExpectSymbol("(", $"'(' and {what}");
        do
        {
            names.Add(Identifier(names.Count == 0 ? what : $"a name after ',' in {what}"));
            if (!Accept("asc"))
            {
                Accept("desc");
            }
        }
        while (!Failed && AcceptSymbol(","));

        ExpectSymbol(")", $"')' to close {what}");
        return names;
    }

    // Distribution = ^"distributed" ~ (Global | Sharding), Sharding = ^"by" ~ "(" ~ Identifier ~ ("," ~ Identifier)* ~ ")" ~ Tier?
    private DistributionSyntax? Distribution()
    {
        if (!At("distributed"))
        {
            Offer("DISTRIBUTED");
            return null;
        }

        var start = Start;
        Advance();
        if (Accept("globally"))
        {
            return new DistributionSyntax(From(start), true, [], null);
        }

        Expect("by", "GLOBALLY or BY (…) after DISTRIBUTED");
        var key = IdentifierList("the sharding key's columns");
        IdentifierSyntax? tier = null;
        if (Accept("in"))
        {
            // Tier = ^"in" ~ ^"tier" ~ Identifier
            Expect("tier", "TIER after IN");
            tier = Identifier("the tier's name");
        }

        return new DistributionSyntax(From(start), false, key, tier);
    }

    // Partition = ^"partition" ~ ^"by" ~ (RANGE | LIST | HASH) ~ "(" ~ Identifier ~ ("," ~ Identifier)* ~ ")"
    private void Partition()
    {
        if (!Accept("partition"))
        {
            Offer("PARTITION BY");
            return;
        }

        Expect("by", "BY after PARTITION");
        if (!Accept("range") && !Accept("list") && !Accept("hash"))
        {
            Fail("RANGE, LIST or HASH after PARTITION BY");
        }

        IdentifierList("the partition key's columns");
    }

    // CreatePartition = … ~ ^"partition" ~ ^"of" ~ PublicSchema? ~ Identifier ~ PartitionOfSpec ~ Partition?
    private OtherStatementSyntax CreatePartition(int start, IdentifierSyntax name)
    {
        Advance();
        Expect("of", "OF after PARTITION");
        PublicSchema();
        var parent = Identifier("the partitioned table after PARTITION OF");
        if (!Accept("default"))
        {
            // PartitionOfSpec = ^"for" ~ ^"values" ~ (ForValuesSpecIn | ForValuesSpecFromTo | ForValuesSpecWith) | ^"default"
            Expect("for", "FOR VALUES or DEFAULT after the partitioned table");
            Expect("values", "VALUES after FOR");
            if (Accept("in"))
            {
                ValuesRow();
            }
            else if (Accept("from"))
            {
                BoundRow();
                Expect("to", "TO and the upper bound");
                BoundRow();
            }
            else if (Accept("with"))
            {
                ExpectSymbol("(", "'(' after WITH");
                Expect("modulus", "MODULUS");
                Atom("the modulus");
                ExpectSymbol(",", "',' and REMAINDER");
                Expect("remainder", "REMAINDER");
                Atom("the remainder");
                ExpectSymbol(")", "')' to close WITH (");
            }
            else
            {
                Fail("IN, FROM or WITH after FOR VALUES");
            }
        }

        Partition();
        return new OtherStatementSyntax(From(start), "CreatePartition", [name, parent]);

        // ForValuesSpecFromToRow = "(" ~ ExprOrMinMax ~ ("," ~ ExprOrMinMax)* ~ ")"
        void BoundRow()
        {
            ExpectSymbol("(", "'(' and the partition bound");
            do
            {
                if (!Accept("minvalue") && !Accept("maxvalue"))
                {
                    Expression("MINVALUE, MAXVALUE or a bound value");
                }
            }
            while (!Failed && AcceptSymbol(","));

            ExpectSymbol(")", "')' to close the partition bound");
        }
    }

    // TableOptions / IndexOptions: ^"with" ~ "(" ~ option ~ ("," ~ option)* ~ ")"
    private void Options(string expected, bool index)
    {
        Advance();
        ExpectSymbol("(", "'(' after WITH");
        do
        {
            var name = Current.Kind == SqlTokenKind.Word ? Current.Text.ToLowerInvariant() : string.Empty;
            string? literal = VinylOptions.TryGetValue(name, out var kind) ? kind
                : !index ? null
                : name switch { "dimension" => "Unsigned", "distance" => "distance", "hint" => "hint", _ => null };
            if (literal is null)
            {
                Fail(expected);
                return;
            }

            Advance();
            ExpectSymbol("=", $"'=' after {name.ToUpperInvariant()}");
            OptionValue(name, literal);
        }
        while (!Failed && AcceptSymbol(","));

        ExpectSymbol(")", "',' or ')' after the option");
    }

    private void OptionValue(string name, string literal)
    {
        var token = Current;
        var sign = token.IsSymbol("-") || token.IsSymbol("+");
        var number = sign ? Peek(1) : token;
        var ok = literal switch
        {
            "Unsigned" => !sign && number.Kind == SqlTokenKind.Number && IsDigits(number.Text),
            "Integer" => number.Kind == SqlTokenKind.Number && IsDigits(number.Text),
            "Decimal" => number.Kind == SqlTokenKind.Number && number.Text.IndexOf('.') > 0 && number.Text.IndexOf('e') < 0,
            "distance" => token.IsWord("euclid") || token.IsWord("manhattan"),
            _ => token.IsWord("true") || token.IsWord("false"),
        };
        if (!ok)
        {
            Fail(literal switch
            {
                "Unsigned" => $"an unsigned number for {name.ToUpperInvariant()}",
                "Integer" => $"a whole number for {name.ToUpperInvariant()}",
                "Decimal" => $"a number with a decimal point for {name.ToUpperInvariant()} (0.05)",
                "distance" => "EUCLID or MANHATTAN for DISTANCE",
                _ => "TRUE or FALSE for HINT",
            });
            return;
        }

        if (sign)
        {
            Advance();
        }

        Advance();
    }

    // IfNotExists = ^"if" ~ ^"not" ~ ^"exists"
    private bool IfNotExists()
    {
        if (!At("if"))
        {
            return false;
        }

        Advance();
        Expect("not", "NOT EXISTS after IF");
        Expect("exists", "EXISTS after IF NOT");
        return true;
    }

    // (WaitApplied)? ~ (TimeoutOption)?, the tail of most DDL and ACL statements.
    private void WaitAppliedAndTimeout()
    {
        WaitApplied();
        TimeoutOption();
    }

    // WaitApplied = ^"wait" ~ ^"applied" ~ (^"globally" | ^"locally")
    private void WaitApplied()
    {
        if (!Accept("wait"))
        {
            Offer("WAIT APPLIED");
            return;
        }

        Expect("applied", "APPLIED after WAIT");
        if (!Accept("globally") && !Accept("locally"))
        {
            Fail("GLOBALLY or LOCALLY after WAIT APPLIED");
        }
    }

    // TimeoutOption = ^"option" ~ "(" ~ Timeout ~ ")", Timeout = ^"timeout" ~ "=" ~ Duration
    private void TimeoutOption()
    {
        if (!At("option"))
        {
            Offer("OPTION (TIMEOUT = …)");
            return;
        }

        Advance();
        ExpectSymbol("(", "'(' after OPTION");
        Expect("timeout", "TIMEOUT in OPTION (…)");
        ExpectSymbol("=", "'=' after TIMEOUT");
        Duration("TIMEOUT");
        ExpectSymbol(")", "')' to close OPTION (");
    }

    // Duration = Unsigned ~ ("." ~ Unsigned)?
    private void Duration(string option)
    {
        if (Current.Kind == SqlTokenKind.Number && Current.Text.IndexOf('e') < 0 && Current.Text.IndexOf('E') < 0 && Current.Text[0] != '.')
        {
            Advance();
        }
        else
        {
            Fail($"a number of seconds after {option} =");
        }
    }

    // AlterTable = ^"alter" ~ ^"table" ~ PublicSchema? ~ TableNameIdentifier ~ AlterTableAction ~ WaitApplied? ~ TimeoutOption?
    private AlterTableStatementSyntax AlterTable(int start)
    {
        Advance();
        PublicSchema();
        var name = Identifier("the table to alter");
        var actions = new List<AlterTableActionSyntax>();
        if (At("rename") && Peek(1).IsWord("to"))
        {
            // AlterTableRename = ^"rename" ~ ^"to" ~ PublicSchema? ~ TableNameIdentifier
            var renameStart = Start;
            _position += 2;
            PublicSchema();
            actions.Add(new RenameTableSyntax(From(renameStart), Identifier("the table's new name after RENAME TO")));
        }
        else
        {
            // AlterTableColumnActions = AlterTableColumnAction ~ ("," ~ AlterTableColumnAction)*
            do
            {
                actions.Add(AlterTableColumnAction());
            }
            while (!Failed && AcceptSymbol(","));
        }

        WaitAppliedAndTimeout();
        return new AlterTableStatementSyntax(From(start), name, actions);
    }

    // AlterTableColumnAction = AlterTableColumnAdd | AlterTableColumnDrop | AlterTableColumnAlter | AlterTableColumnRename
    private AlterTableActionSyntax AlterTableColumnAction()
    {
        var start = Start;
        if (Accept("add"))
        {
            Accept("column");
            var ifNotExists = IfNotExists();
            var column = ColumnDef("the column to add", allowKey: false);
            return new AddColumnSyntax(From(start), ifNotExists, column);
        }

        if (Accept("drop"))
        {
            Accept("column");
            var ifExists = AcceptAll("if", "exists");
            return new DropColumnSyntax(From(start), ifExists, Identifier("the column to drop"));
        }

        if (Accept("alter"))
        {
            Accept("column");
            var column = Identifier("the column to alter");
            if (AcceptAll("drop", "not"))
            {
                Expect("null", "NULL after DROP NOT");
                return new AlterColumnSyntax(From(start), column, null, false);
            }

            if (AcceptAll("set", "not"))
            {
                Expect("null", "NULL after SET NOT");
                return new AlterColumnSyntax(From(start), column, null, true);
            }

            if (Accept("set"))
            {
                Expect("data", "DATA TYPE or NOT NULL after SET");
            }

            Expect("type", "TYPE, SET DATA TYPE, SET NOT NULL or DROP NOT NULL after the column");
            return new AlterColumnSyntax(From(start), column, ColumnDefType(), null);
        }

        if (Accept("rename"))
        {
            Accept("column");
            var column = Identifier("the column to rename");
            Expect("to", "TO and the column's new name");
            return new RenameColumnSyntax(From(start), column, Identifier("the column's new name after TO"));
        }

        Fail("ADD, DROP, ALTER or RENAME after the table's name");
        return new DropColumnSyntax(From(start), false, new IdentifierSyntax(From(start), string.Empty, false));
    }

    // CreateIndex = ^"create" ~ Unique? ~ ^"index" ~ IfNotExists? ~ Identifier ~ ^"on" ~ PublicSchema? ~ Table ~ IndexType?
    //             ~ "(" ~ Parts ~ ")" ~ IndexOptions? ~ WaitApplied? ~ TimeoutOption?
    private CreateIndexStatementSyntax CreateIndex(int start)
    {
        var unique = Accept("unique");
        Expect("index", "INDEX after UNIQUE");
        var ifNotExists = IfNotExists();
        var name = Identifier("a name for the index");
        Expect("on", "ON and the table to index");
        PublicSchema();
        var table = Identifier("the table to index");
        string? type = null;
        if (Accept("using"))
        {
            // IndexType = ^"using" ~ (Tree | Hash | RTree | BitSet)
            type = Current.Text.ToLowerInvariant();
            if (!Accept("tree") && !Accept("hash") && !Accept("rtree") && !Accept("bitset"))
            {
                Fail("TREE, HASH, RTREE or BITSET after USING");
            }
        }

        var parts = OrderedIdentifiers("the indexed columns");
        if (At("with"))
        {
            Options("an index option (dimension, distance, hint, or a Vinyl option)", index: true);
        }
        else
        {
            Offer("WITH (…)");
        }

        WaitAppliedAndTimeout();
        return new CreateIndexStatementSyntax(From(start), name, unique, ifNotExists, table, type, parts);
    }

    // RenameIndex = ^"alter" ~ ^"index" ~ IfExists? ~ Identifier ~ ^"rename" ~ ^"to" ~ Identifier ~ WaitApplied? ~ TimeoutOption?
    private OtherStatementSyntax RenameIndex(int start)
    {
        Advance();
        AcceptAll("if", "exists");
        var name = Identifier("the index to rename");
        Expect("rename", "RENAME TO after the index's name");
        Expect("to", "TO after RENAME");
        var newName = Identifier("the index's new name");
        WaitAppliedAndTimeout();
        return new OtherStatementSyntax(From(start), "RenameIndex", [name, newName]);
    }

    // CreateSchema = ^"create" ~ ^"schema" ~ IfNotExists? ~ Identifier; DropSchema = … ~ IfExists? ~ Identifier ~ (Cascade | Restrict)?
    private OtherStatementSyntax Schema(int start, string word)
    {
        Advance();
        if (word == "create")
        {
            IfNotExists();
        }
        else
        {
            AcceptAll("if", "exists");
        }

        var name = Identifier("the schema's name");
        if (word == "drop" && !Accept("cascade"))
        {
            Accept("restrict");
        }

        return new OtherStatementSyntax(From(start), word == "create" ? "CreateSchema" : "DropSchema", [name]);
    }

    // CreateProc = ^"create" ~ ^"procedure" ~ IfNotExists? ~ PublicSchema? ~ Identifier ~ ProcParams ~ (^"language" ~ SQL)?
    //            ~ (^"as" ~ "$$" ~ ProcBody ~ "$$" | ^"begin" ~ "atomic" ~ ProcBody ~ "end") ~ WaitApplied? ~ TimeoutOption?
    private OtherStatementSyntax CreateProc(int start)
    {
        Advance();
        IfNotExists();
        PublicSchema();
        var name = Identifier("a name for the procedure");
        ProcParams(optional: false);
        if (Accept("language"))
        {
            Expect("sql", "SQL after LANGUAGE");
        }

        StatementSyntax body;
        if (Accept("as"))
        {
            ExpectSymbol("$$", "$$ and the procedure's body after AS");
            body = ProcBody();
            ExpectSymbol("$$", "$$ to close the procedure's body");
        }
        else
        {
            Expect("begin", "AS $$ … $$ or BEGIN ATOMIC … END");
            Expect("atomic", "ATOMIC after BEGIN");
            body = ProcBody();
            Expect("end", "END to close BEGIN ATOMIC");
        }

        WaitAppliedAndTimeout();
        return new OtherStatementSyntax(From(start), "CreateProc", [name, body]);
    }

    // ProcBody = Insert | Update | Delete
    private StatementSyntax ProcBody()
    {
        if (At("insert"))
        {
            return Insert();
        }

        if (At("update"))
        {
            return Update();
        }

        if (At("delete"))
        {
            return Delete();
        }

        Fail("INSERT, UPDATE or DELETE as the procedure's body");
        return new EmptyStatementSyntax(From(Start));
    }

    // ProcParams = "(" ~ (Type ~ ("," ~ Type)*)? ~ ")"
    private void ProcParams(bool optional)
    {
        if (!AtSymbol("("))
        {
            if (!optional)
            {
                Fail("( and the procedure's parameter types");
            }

            return;
        }

        Advance();
        if (!AtSymbol(")"))
        {
            do
            {
                TypeName(domain: false);
            }
            while (!Failed && AcceptSymbol(","));
        }

        ExpectSymbol(")", "')' to close the parameter types");
    }

    // ProcWithOptionalParams = Identifier ~ ProcParams?
    private IdentifierSyntax ProcWithOptionalParams()
    {
        var name = Identifier("the procedure's name");
        ProcParams(optional: true);
        return name;
    }

    // RenameProc = ^"alter" ~ ^"procedure" ~ PublicSchema? ~ OldProc ~ ProcParams? ~ ^"rename" ~ ^"to" ~ NewProc ~ …
    private OtherStatementSyntax RenameProc(int start)
    {
        Advance();
        PublicSchema();
        var name = ProcWithOptionalParams();
        Expect("rename", "RENAME TO after the procedure");
        Expect("to", "TO after RENAME");
        var newName = Identifier("the procedure's new name");
        WaitAppliedAndTimeout();
        return new OtherStatementSyntax(From(start), "RenameProc", [name, newName]);
    }

    // AlterSystem = ^"alter" ~ ^"system" ~ (AlterSystemSet | AlterSystemReset) ~ AlterSystemTier? ~ WaitApplied? ~ TimeoutOption?
    private OtherStatementSyntax AlterSystem(int start)
    {
        Advance();
        var parts = new List<SyntaxNode>();
        if (Accept("set"))
        {
            parts.Add(Identifier("the parameter to set"));
            if (!AcceptSymbol("="))
            {
                Expect("to", "= or TO after the parameter");
            }

            if (!Accept("default"))
            {
                parts.Add(Expression("DEFAULT or a value"));
            }
        }
        else if (Accept("reset"))
        {
            if (!Accept("all"))
            {
                parts.Add(Identifier("ALL or the parameter to reset"));
            }
        }
        else
        {
            Fail("SET or RESET after ALTER SYSTEM");
        }

        if (Accept("for"))
        {
            // AlterSystemTier = ^"for" ~ (^"all" ~ ^"tiers" | ^"tier" ~ Identifier)
            if (Accept("all"))
            {
                Expect("tiers", "TIERS after ALL");
            }
            else
            {
                Expect("tier", "ALL TIERS or TIER after FOR");
                parts.Add(Identifier("the tier's name"));
            }
        }

        WaitAppliedAndTimeout();
        return new OtherStatementSyntax(From(start), "AlterSystem", parts);
    }

    // SetParam = ^"set" ~ SetScope? ~ ConfParam; SetTransaction = ^"set" ~ (SetTransactionSubRule | SetSessionCharacteristics)
    private OtherStatementSyntax Set(int start)
    {
        if (Accept("transaction"))
        {
            if (Accept("snapshot"))
            {
                ExpectString("the snapshot's name");
            }
            else
            {
                TransactionMode();
            }

            return new OtherStatementSyntax(From(start), "SetTransaction", []);
        }

        if (At("session") && Peek(1).IsWord("characteristics"))
        {
            _position += 2;
            Expect("as", "AS after SESSION CHARACTERISTICS");
            Expect("transaction", "TRANSACTION after AS");
            TransactionMode();
            return new OtherStatementSyntax(From(start), "SetTransaction", []);
        }

        // SetScope = ScopeSession | ScopeLocal, unless the word is the parameter's own name.
        if ((At("session") || At("local")) && !Peek(1).IsSymbol("=") && !Peek(1).IsWord("to"))
        {
            Advance();
        }

        if (AcceptAll("time", "zone"))
        {
            // TimeZoneParam = ^"time" ~ ^"zone" ~ (NamedParamValue | ParamValueLocal)
            if (!Accept("local"))
            {
                NamedParamValue();
            }

            return new OtherStatementSyntax(From(start), "SetParam", []);
        }

        // NamedParam = Identifier ~ (^"to" | "=") ~ NamedParamValue ~ ("," ~ NamedParamValue)*
        var name = Identifier("a parameter name, TIME ZONE or TRANSACTION after SET");
        if (!AcceptSymbol("="))
        {
            Expect("to", "= or TO after the parameter's name");
        }

        do
        {
            NamedParamValue();
        }
        while (!Failed && AcceptSymbol(","));

        return new OtherStatementSyntax(From(start), "SetParam", [name]);
    }

    // NamedParamValue = ParamValueDefault | SingleQuotedString | Identifier | Double | Decimal | Integer
    private void NamedParamValue()
    {
        if (Accept("default"))
        {
            return;
        }

        var token = Current;
        if (token.Kind is SqlTokenKind.String or SqlTokenKind.Number || IsIdentifier(token))
        {
            Advance();
            return;
        }

        if ((token.IsSymbol("-") || token.IsSymbol("+")) && Peek(1).Kind == SqlTokenKind.Number)
        {
            _position += 2;
            return;
        }

        Fail("DEFAULT, a string, a name or a number as the parameter's value");
    }

    // TransactionMode = IsolationLevel | ReadWrite | ReadOnly | Deferrable
    private void TransactionMode()
    {
        if (Accept("isolation"))
        {
            Expect("level", "LEVEL after ISOLATION");
            if (Accept("serializable") || AcceptAll("repeatable", "read") || AcceptAll("read", "commited") || AcceptAll("read", "uncommited"))
            {
                return;
            }

            Fail("SERIALIZABLE, REPEATABLE READ, READ COMMITED or READ UNCOMMITED");
            return;
        }

        if (AcceptAll("read", "write") || AcceptAll("read", "only") || Accept("deferrable") || AcceptAll("not", "deferrable"))
        {
            return;
        }

        Fail("ISOLATION LEVEL, READ WRITE, READ ONLY or [NOT] DEFERRABLE");
    }

    private void ExpectString(string what)
    {
        if (Current.Kind == SqlTokenKind.String)
        {
            Advance();
        }
        else
        {
            Fail($"a string literal: {what}");
        }
    }
}
