using System.Collections.Generic;
using System.Globalization;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Sql;

internal sealed partial class SqlParser
{
    private static readonly IReadOnlyList<ExpressionSyntax> NoExpressions = [];

    private bool AtQueryStart => At("select") || At("with") || At("values");

    // Query = (SelectFull | Values | Insert | Update | Delete) ~ DqlOption?
    private QueryStatementSyntax Query()
    {
        var start = Start;
        QueryStatementSyntax query =
            At("insert") ? Insert()
            : At("update") ? Update()
            : At("delete") ? Delete()
            : At("values") ? Values()
            : SelectFull(allowWith: true);
        var option = DqlOption();
        return option is null ? query : query with { Span = From(start), Option = option };
    }

    // SelectFull = (^"with" ~ Ctes)? ~ SelectStatement; SelectStatement = SelectWithOptionalContinuation ~ OrderBy? ~ Limit?
    private SelectStatementSyntax SelectFull(bool allowWith)
    {
        var start = Start;
        var ctes = new List<CteSyntax>();
        if (allowWith && Accept("with"))
        {
            do
            {
                ctes.Add(Cte(first: ctes.Count == 0));
            }
            while (!Failed && AcceptSymbol(","));
        }
        else if (At("with"))
        {
            Fail("SELECT or VALUES (a common table expression cannot have a WITH of its own)");
        }

        var body = SelectWithOptionalContinuation();
        var orderBy = OrderBy();
        var limit = Limit();
        return new SelectStatementSyntax(From(start), ctes, body, orderBy, limit, null);
    }

    // Cte = Identifier ~ CteColumns? ~ ^"as" ~ "(" ~ (SelectStatement | Values) ~ ")"
    private CteSyntax Cte(bool first)
    {
        var start = Start;
        if (first && Current.IsWord("recursive") && IsIdentifier(Peek(1)))
        {
            FailAt(Current, SqlFaultKind.RecursiveCte, "Picodata's common table expressions are not recursive.");
        }

        var name = Identifier("a name for the common table expression after WITH");
        var columns = AtSymbol("(") ? IdentifierList("the common table expression's column names") : [];
        Expect("as", "AS after the common table expression's name");
        ExpectSymbol("(", "'(' and the common table expression's query after AS");
        QueryStatementSyntax query = At("values") ? Values() : SelectFull(allowWith: false);
        ExpectSymbol(")", "')' to close the common table expression");
        return new CteSyntax(From(start), name, columns, query);
    }

    // SelectWithOptionalContinuation = Select ~ (SelectOp ~ Select)*, SelectOp = UnionAllOp | ExceptOp | UnionOp
    private SelectBodySyntax SelectWithOptionalContinuation()
    {
        var start = Start;
        SelectBodySyntax body = Select();
        while (!Failed)
        {
            var op = Current;
            string rule;
            if (Accept("union"))
            {
                rule = Accept("all") ? "UnionAllOp" : "UnionOp";
            }
            else if (Accept("except"))
            {
                Accept("distinct");
                rule = "ExceptOp";
            }
            else
            {
                Offer("UNION");
                Offer("EXCEPT");
                break;
            }

            var opSpan = From(op.Start);
            if (AtSymbol("("))
            {
                Fail($"SELECT after {op.Text.ToUpperInvariant()} (Picodata does not put the arms of a set operation in parentheses)");
            }

            var right = Select();
            body = new SetOperationSyntax(From(start), rule, opSpan, body, right);
        }

        return body;
    }

    // Select = ^"select" ~ Projection ~ SelectMainBody?
    private SelectSyntax Select()
    {
        var start = Start;
        if (!At("select"))
        {
            Fail(AtSymbol("(") ? "SELECT (a query in parentheses is a subquery, not a statement)" : "SELECT");
        }

        Advance();
        var distinct = Accept("distinct");
        var projection = new List<ProjectionItemSyntax>();
        do
        {
            projection.Add(ProjectionElement(projection.Count == 0 ? "an expression or * to select" : "a column or expression after ','"));
        }
        while (!Failed && AcceptSymbol(","));

        TableSourceSyntax? from = null;
        var joins = new List<JoinSyntax>();
        ExpressionSyntax? where = null;
        var groupBy = new List<ExpressionSyntax>();
        ExpressionSyntax? having = null;
        var windows = new List<WindowDefinitionSyntax>();

        // SelectMainBody = ^"from" ~ Scan ~ Join* ~ WhereClause? ~ (GROUP BY GroupBy)? ~ (HAVING Having)? ~ (WINDOW NamedWindows)?
        if (Accept("from"))
        {
            from = Scan();
            Joins(joins);
            if (AtSymbol(","))
            {
                FailAt(Current, SqlFaultKind.CommaJoin, "Picodata has no comma joins: join the next table with JOIN ... ON or LEFT JOIN ... ON.");
            }

            where = WhereClause();
            if (At("group"))
            {
                Advance();
                Expect("by", "BY after GROUP");
                do
                {
                    groupBy.Add(Expression(groupBy.Count == 0 ? "an expression to group by after GROUP BY" : "an expression after ','"));
                }
                while (!Failed && AcceptSymbol(","));
            }
            else
            {
                Offer("GROUP BY");
            }

            if (Accept("having"))
            {
                having = Expression("a condition after HAVING");
            }
            else
            {
                Offer("HAVING");
            }

            if (Accept("window"))
            {
                do
                {
                    var windowStart = Start;
                    var name = Identifier("a window name after WINDOW");
                    Expect("as", "AS after the window's name");
                    windows.Add(new WindowDefinitionSyntax(From(windowStart), name, WindowBody()));
                }
                while (!Failed && AcceptSymbol(","));
            }
            else
            {
                Offer("WINDOW");
            }
        }
        else
        {
            Offer("FROM");
        }

        return new SelectSyntax(From(start), distinct, projection, from, joins, where, groupBy, having, windows);
    }

    // ProjectionElement = Asterisk | Column; Asterisk = (Identifier ~ ".")? ~ "*"; Column = PublicSchema? ~ Expr ~ ((^"as")? ~ Identifier)?
    private ProjectionItemSyntax ProjectionElement(string expected)
    {
        var start = Start;
        if (AcceptSymbol("*"))
        {
            return new StarItemSyntax(From(start), null);
        }

        if (AtIdentifier && Peek(1).IsSymbol(".") && Peek(2).IsSymbol("*"))
        {
            var qualifier = ToIdentifier(Advance());
            _position += 2;
            return new StarItemSyntax(From(start), qualifier);
        }

        PublicSchema();
        var expression = Expression(expected);
        IdentifierSyntax? alias = null;
        if (Accept("as"))
        {
            alias = Identifier("a name for the column after AS");
        }
        else if (AtIdentifier && !RefusedWordAhead())
        {
            alias = TryIdentifier();
        }
        else
        {
            Offer("AS");
        }

        return new ExpressionItemSyntax(From(start), expression, alias);
    }

    // Scan = (PublicSchema? ~ ScanCteOrTable | SubQuery) ~ ((^"as")? ~ !(INDEXED BY) ~ Identifier)? ~ IndexedByExpr?
    private TableSourceSyntax Scan()
    {
        var start = Start;
        SubquerySyntax? subquery = null;
        IdentifierSyntax? name = null;
        if (AtSymbol("("))
        {
            subquery = SubQuery();
        }
        else
        {
            PublicSchema();
            name = Identifier("a table name");
        }

        IdentifierSyntax? alias = null;
        if (Accept("as"))
        {
            alias = Identifier("an alias after AS");
        }
        else if (AtIdentifier && !(Current.IsWord("indexed") && Peek(1).IsWord("by")) && !RefusedWordAhead())
        {
            alias = TryIdentifier();
        }

        var indexedBy = IndexedByExpr();
        return subquery is null
            ? new TableReferenceSyntax(From(start), name!, alias, indexedBy)
            : new DerivedTableSyntax(From(start), subquery, alias, indexedBy);
    }

    /// <summary>
    /// Before a word would be read as an alias: whether it is one Picodata lacks and a user meant as SQL
    /// (<c>RIGHT JOIN</c>, <c>CROSS JOIN</c>, <c>OFFSET 10</c>, <c>RETURNING</c>). Records that fault and says so.
    /// </summary>
    private bool RefusedWordAhead()
    {
        var word = Current;
        if (word.Kind != SqlTokenKind.Word)
        {
            return false;
        }

        var next = Peek(1);
        if ((word.IsWord("right") || word.IsWord("full") || word.IsWord("cross") || word.IsWord("natural"))
            && (next.IsWord("join") || (next.IsWord("outer") && Peek(2).IsWord("join")) || word.IsWord("natural")))
        {
            FailAt(word, SqlFaultKind.UnsupportedJoin,
                $"Picodata has no {word.Text.ToUpperInvariant()} joins: only [INNER] JOIN ... ON and LEFT [OUTER] JOIN ... ON.");
            return true;
        }

        if (word.IsWord("offset") && next.Kind is SqlTokenKind.Number or SqlTokenKind.DollarParameter or SqlTokenKind.QuestionParameter)
        {
            FailAt(word, SqlFaultKind.Offset, OffsetMessage);
            return true;
        }

        if (word.IsWord("intersect"))
        {
            FailAt(word, SqlFaultKind.Syntax, "Picodata has no INTERSECT: only UNION [ALL] and EXCEPT.");
            return true;
        }

        if (word.IsWord("returning"))
        {
            FailAt(word, SqlFaultKind.Returning, "Picodata has no RETURNING; read the rows back with a SELECT.");
            return true;
        }

        return false;
    }

    // IndexedByExpr = ^"indexed" ~ ^"by" ~ Identifier
    private IdentifierSyntax? IndexedByExpr()
    {
        if (AcceptAll("indexed", "by"))
        {
            return Identifier("an index name after INDEXED BY");
        }

        Offer("INDEXED BY");
        return null;
    }

    // Join = JoinKind? ~ ^"join" ~ Scan ~ ^"on" ~ Expr, JoinKind = InnerJoinKind | LeftJoinKind
    private void Joins(List<JoinSyntax> joins)
    {
        while (!Failed)
        {
            var start = Start;
            var left = false;
            if (Accept("left"))
            {
                left = true;
                Accept("outer");
                Expect("join", "JOIN after LEFT");
            }
            else if (Accept("inner"))
            {
                Expect("join", "JOIN after INNER");
            }
            else if (!Accept("join"))
            {
                // After an alias, RIGHT/FULL/CROSS/NATURAL cannot be one: say what Picodata lacks.
                if (!RefusedWordAhead())
                {
                    Offer("JOIN");
                }

                return;
            }

            var source = Scan();
            if (At("using"))
            {
                FailAt(Current, SqlFaultKind.UnsupportedJoin, "Picodata joins take ON conditions, not USING (...).");
            }

            Expect("on", "ON and a join condition after the joined table");
            var condition = Expression("a join condition after ON");
            joins.Add(new JoinSyntax(From(start), left, source, condition));
        }
    }

    // WhereClause = ^"where" ~ Selection
    private ExpressionSyntax? WhereClause()
    {
        if (Accept("where"))
        {
            return Expression("a condition after WHERE");
        }

        Offer("WHERE");
        return null;
    }

    // OrderBy = ^"order" ~ ^"by" ~ OrderByElement ~ ("," ~ OrderByElement)*
    private List<OrderItemSyntax> OrderBy()
    {
        if (!At("order"))
        {
            Offer("ORDER BY");
            return [];
        }

        Advance();
        Expect("by", "BY after ORDER");
        return OrderByElements();
    }

    private List<OrderItemSyntax> OrderByElements()
    {
        var items = new List<OrderItemSyntax>();
        do
        {
            // OrderByElement = Expr ~ OrderFlag? ~ OrderNulls?
            var start = Start;
            var expression = Expression(items.Count == 0 ? "an expression to order by" : "an expression after ','");
            var descending = false;
            if (Accept("desc"))
            {
                descending = true;
            }
            else if (!Accept("asc"))
            {
                Offer("ASC");
                Offer("DESC");
            }

            bool? nullsFirst = null;
            if (Accept("nulls"))
            {
                if (Accept("first"))
                {
                    nullsFirst = true;
                }
                else
                {
                    Expect("last", "FIRST or LAST after NULLS");
                    nullsFirst = false;
                }
            }

            items.Add(new OrderItemSyntax(From(start), expression, descending, nullsFirst));
        }
        while (!Failed && AcceptSymbol(","));

        return items;
    }

    // Limit = ^"limit" ~ (Unsigned | LimitAll), LimitAll = ^"all" | Null
    private LimitSyntax? Limit()
    {
        if (!At("limit"))
        {
            Offer("LIMIT");
            return null;
        }

        var start = Start;
        Advance();
        if (Current.Kind == SqlTokenKind.Number && IsDigits(Current.Text))
        {
            var count = long.TryParse(Advance().Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : long.MaxValue;
            return new LimitSyntax(From(start), count);
        }

        if (Accept("all") || Accept("null"))
        {
            return new LimitSyntax(From(start), null);
        }

        if (AtEnd)
        {
            Fail("an unsigned number or ALL after LIMIT");
        }
        else
        {
            FailAt(Current, SqlFaultKind.LimitNotLiteral,
                "Picodata's LIMIT takes only an unsigned number or ALL, not a placeholder or an expression.");
        }

        return null;
    }

    // Values = ^"values" ~ Row ~ ("," ~ Row)*
    private ValuesStatementSyntax Values()
    {
        var start = Start;
        Expect("values", "VALUES");
        var rows = new List<RowSyntax>();
        do
        {
            rows.Add(ValuesRow());
        }
        while (!Failed && AcceptSymbol(","));

        return new ValuesStatementSyntax(From(start), rows, null);
    }

    // Row = "(" ~ Expr ~ ("," ~ Expr)* ~ ")"
    private RowSyntax ValuesRow()
    {
        var start = Start;
        ExpectSymbol("(", "'(' and a row of values");
        var items = new List<ExpressionSyntax>();
        do
        {
            items.Add(Expression(items.Count == 0 ? "a value in the row" : "a value after ','"));
        }
        while (!Failed && AcceptSymbol(","));

        ExpectSymbol(")", "')' to close the row");
        return new RowSyntax(From(start), items);
    }

    // SubQuery = "(" ~ (SelectFull | Values) ~ ")"
    private SubquerySyntax SubQuery()
    {
        var start = Start;
        if (!Enter())
        {
            Leave();
            return new SubquerySyntax(From(start), new ValuesStatementSyntax(From(start), [], null));
        }

        try
        {
            ExpectSymbol("(", "'(' and a subquery");
            if (!AtQueryStart)
            {
                Fail("SELECT or VALUES in the subquery");
            }

            QueryStatementSyntax query = At("values") ? Values() : SelectFull(allowWith: true);
            ExpectSymbol(")", "')' to close the subquery");
            return new SubquerySyntax(From(start), query);
        }
        finally
        {
            Leave();
        }
    }

    // DqlOption = ^"option" ~ "(" ~ OptionParam ~ ("," ~ OptionParam)* ~ ")"
    private OptionClauseSyntax? DqlOption()
    {
        if (!At("option"))
        {
            Offer("OPTION");
            return null;
        }

        var start = Start;
        Advance();
        ExpectSymbol("(", "'(' after OPTION");
        var options = new List<OptionSyntax>();
        do
        {
            options.Add(OptionParam());
        }
        while (!Failed && AcceptSymbol(","));

        ExpectSymbol(")", "')' to close OPTION");
        return new OptionClauseSyntax(From(start), options);
    }

    // OptionParam = VdbeOpcodeMax | MotionRowMax | ReadPreference | Forward
    private OptionSyntax OptionParam()
    {
        var start = Start;
        var name = Current.Kind == SqlTokenKind.Word ? Current.Text.ToLowerInvariant() : string.Empty;
        string[] words;
        switch (name)
        {
            case "sql_vdbe_opcode_max" or "sql_motion_row_max":
                words = [];
                break;
            case "read_preference":
                words = ["leader", "replica", "any"];
                break;
            case "forward":
                words = ["on", "off", "ro_to_rw"];
                break;
            default:
                Fail("SQL_VDBE_OPCODE_MAX, SQL_MOTION_ROW_MAX, READ_PREFERENCE or FORWARD in OPTION (…)");
                return new OptionSyntax(From(start), name, default, string.Empty, null);
        }

        Advance();
        ExpectSymbol("=", $"'=' after {name.ToUpperInvariant()}");
        var value = Current;
        ParameterSyntax? parameter = null;
        if (value.Kind is SqlTokenKind.DollarParameter or SqlTokenKind.QuestionParameter)
        {
            parameter = (ParameterSyntax)Atom("a placeholder");
        }
        else if (words.Length == 0 && value.Kind == SqlTokenKind.Number && IsDigits(value.Text))
        {
            Advance();
        }
        else if (words.Length > 0 && value.Kind == SqlTokenKind.Word && System.Array.IndexOf(words, value.Text.ToLowerInvariant()) >= 0)
        {
            Advance();
        }
        else
        {
            Fail(words.Length == 0
                ? $"an unsigned number or a placeholder after {name.ToUpperInvariant()} ="
                : $"{string.Join(", ", words).ToUpperInvariant()} or a placeholder after {name.ToUpperInvariant()} =");
        }

        return new OptionSyntax(From(start), name, TextSpan.Of(value), value.Text, parameter);
    }

    private static bool IsDigits(string text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return text.Length > 0;
    }
}
