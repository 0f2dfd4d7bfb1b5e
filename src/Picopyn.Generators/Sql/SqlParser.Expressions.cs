using System.Collections.Generic;
using System.Globalization;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Sql;

internal sealed partial class SqlParser
{
    // Operator precedence, lowest first, as Picodata's PRATT_PARSER declares it (expression_parser.rs).
    private const int PrecedenceOr = 1;
    private const int PrecedenceAnd = 2;
    private const int PrecedenceNot = 3;
    private const int PrecedenceLike = 5;
    private const int PrecedenceSimilar = 6;
    private const int PrecedenceBetween = 7;
    private const int PrecedenceComparison = 8;
    private const int PrecedenceConcat = 9;
    private const int PrecedenceAdditive = 10;
    private const int PrecedenceMultiplicative = 11;

    private ExpressionSyntax Expression(string expected) => Expression(expected, 0);

    // Expr = ExprAtomValue ~ (ExprInfixOpo ~ ExprAtomValue | In ~ (Row | ExprAtomValue))*, precedence-climbed:
    // only operators binding tighter than minPrecedence are taken here.
    private ExpressionSyntax Expression(string expected, int minPrecedence)
    {
        var start = Start;
        if (!Enter())
        {
            Leave();
            return MissingExpression();
        }

        try
        {
            ExpressionSyntax left;
            if (Accept("not"))
            {
                // UnaryNot: a prefix binding looser than comparisons (NOT a = b is NOT (a = b)).
                var operand = Expression("an expression after NOT", PrecedenceNot);
                left = new NotExpressionSyntax(From(start), operand);
            }
            else
            {
                left = Atom(expected);
            }

            while (!Failed)
            {
                if (At("is"))
                {
                    left = IsPostfix(start, left);
                    continue;
                }

                var op = Current;
                var precedence = InfixPrecedence();
                if (precedence <= minPrecedence)
                {
                    break;
                }

                left = precedence switch
                {
                    PrecedenceBetween => Between(start, left),
                    PrecedenceLike or PrecedenceSimilar => Like(start, left),
                    PrecedenceComparison when op.IsWord("in") || op.IsWord("not") => In(start, left),
                    _ => Binary(start, left, precedence),
                };
            }

            return left;
        }
        finally
        {
            Leave();
        }
    }

    // The precedence of the infix operator at the current token, or 0 when there is none.
    private int InfixPrecedence()
    {
        var token = Current;
        if (token.Kind == SqlTokenKind.Word)
        {
            switch (token.Text.ToLowerInvariant())
            {
                case "or":
                    return PrecedenceOr;
                case "and":
                    return PrecedenceAnd;
                case "like" or "ilike":
                    return PrecedenceLike;
                case "similar":
                    return PrecedenceSimilar;
                case "between":
                    return PrecedenceBetween;
                case "in":
                    return PrecedenceComparison;
                case "not" when Peek(1).IsWord("between"):
                    return PrecedenceBetween;
                case "not" when Peek(1).IsWord("in"):
                    return PrecedenceComparison;
                case "not" when Peek(1).IsWord("like") || Peek(1).IsWord("ilike"):
                    FailAt(token, SqlFaultKind.Syntax,
                        $"Picodata has no NOT {Peek(1).Text.ToUpperInvariant()}: write NOT (a {Peek(1).Text.ToUpperInvariant()} b).");
                    return 0;
            }

            return 0;
        }

        if (token.Kind != SqlTokenKind.Symbol)
        {
            return 0;
        }

        return token.Text switch
        {
            "=" or "<>" or "!=" or "<" or "<=" or ">" or ">=" => PrecedenceComparison,
            "||" => PrecedenceConcat,
            "+" or "-" => PrecedenceAdditive,
            "*" or "/" or "%" => PrecedenceMultiplicative,
            _ => 0,
        };
    }

    private BinaryExpressionSyntax Binary(int start, ExpressionSyntax left, int precedence)
    {
        var op = Advance();
        var binary = op.Text.ToLowerInvariant() switch
        {
            "or" => BinaryOperator.Or,
            "and" => BinaryOperator.And,
            "=" => BinaryOperator.Eq,
            "<>" or "!=" => BinaryOperator.NotEq,
            "<" => BinaryOperator.Lt,
            "<=" => BinaryOperator.LtEq,
            ">" => BinaryOperator.Gt,
            ">=" => BinaryOperator.GtEq,
            "||" => BinaryOperator.Concat,
            "+" => BinaryOperator.Add,
            "-" => BinaryOperator.Subtract,
            "*" => BinaryOperator.Multiply,
            "/" => BinaryOperator.Divide,
            _ => BinaryOperator.Modulo,
        };
        var what = op.Kind == SqlTokenKind.Word ? op.Text.ToUpperInvariant() : $"'{op.Text}'";
        var right = Expression($"an expression after {what}", precedence);
        return new BinaryExpressionSyntax(From(start), binary, TextSpan.Of(op), left, right);
    }

    // Between = NotFlag? ~ ^"between", completed by the AND that follows (Picodata's FinalBetween).
    private BetweenExpressionSyntax Between(int start, ExpressionSyntax operand)
    {
        var not = Accept("not");
        Advance();
        var low = Expression("the lower bound after BETWEEN", PrecedenceBetween);
        Expect("and", "AND and the upper bound of BETWEEN");
        var high = Expression("the upper bound after AND", PrecedenceAnd);
        return new BetweenExpressionSyntax(From(start), operand, not, low, high);
    }

    // Like = ^"like" | ^"ilike", Similar = ^"similar", each with an optional Escape.
    private LikeExpressionSyntax Like(int start, ExpressionSyntax operand)
    {
        var op = Advance();
        var word = op.Text.ToLowerInvariant();
        var precedence = word == "similar" ? PrecedenceSimilar : PrecedenceLike;
        var pattern = Expression($"a pattern after {word.ToUpperInvariant()}", precedence);
        ExpressionSyntax? escape = null;
        if (Accept("escape"))
        {
            escape = Expression("an escape character after ESCAPE", precedence);
        }

        return new LikeExpressionSyntax(From(start), word, operand, pattern, escape);
    }

    // In = NotFlag? ~ ^"in", whose right side is a Row or a SubQuery.
    private InExpressionSyntax In(int start, ExpressionSyntax operand)
    {
        var not = Accept("not");
        Advance();
        ExpressionSyntax values;
        if (AtSymbol("(") && (Peek(1).IsWord("select") || Peek(1).IsWord("with") || Peek(1).IsWord("values")))
        {
            values = SubQuery();
        }
        else if (AtSymbol("(") && Peek(1).IsSymbol(")"))
        {
            Advance();
            Fail("a value or a subquery in IN (…): an empty list matches nothing, and Picodata refuses it");
            values = MissingExpression();
        }
        else if (AtSymbol("("))
        {
            values = ValuesRow();
        }
        else
        {
            Fail("a list of values in parentheses or a subquery after IN");
            values = MissingExpression();
        }

        return new InExpressionSyntax(From(start), operand, not, values);
    }

    // IsPostfix = ^"is" ~ NotFlag? ~ (True | False | Unknown | Null)
    private IsExpressionSyntax IsPostfix(int start, ExpressionSyntax operand)
    {
        Advance();
        var not = Accept("not");
        IsTest test;
        if (Accept("null"))
        {
            test = IsTest.Null;
        }
        else if (Accept("true"))
        {
            test = IsTest.True;
        }
        else if (Accept("false"))
        {
            test = IsTest.False;
        }
        else if (Accept("unknown"))
        {
            test = IsTest.Unknown;
        }
        else
        {
            Fail(not ? "NULL, TRUE, FALSE or UNKNOWN after IS NOT" : "NULL, NOT, TRUE, FALSE or UNKNOWN after IS");
            test = IsTest.Null;
        }

        return new IsExpressionSyntax(From(start), operand, not, test);
    }

    // ExprAtomValue without its prefixes: AtomicExpr ~ (IndexPostfix | CastPostfix)*
    private ExpressionSyntax Atom(string expected)
    {
        var start = Start;
        var atom = AtomicExpr(expected);
        while (!Failed)
        {
            if (AcceptSymbol("["))
            {
                // IndexPostfix = "[" ~ Expr ~ "]"
                var index = Expression("an index expression after '['");
                ExpectSymbol("]", "']' to close the index");
                atom = new IndexExpressionSyntax(From(start), atom, index);
            }
            else if (AcceptSymbol("::"))
            {
                // CastPostfix = "::" ~ CastTarget
                atom = new CastExpressionSyntax(From(start), atom, CastTarget());
            }
            else
            {
                break;
            }
        }

        return atom;
    }

    // AtomicExpr = Literal | Parameter | Over | CastOp | Trim | Substring | CurrentDate | … | IdentifierWithOptionalContinuation
    //            | ExpressionInParentheses | Exists | Case | SubQuery | ArrayLiteral | Row
    private ExpressionSyntax AtomicExpr(string expected)
    {
        var start = Start;
        var token = Current;
        if (Failed)
        {
            return MissingExpression();
        }

        switch (token.Kind)
        {
            case SqlTokenKind.Number:
                return NumberLiteral(token, token, string.Empty);
            case SqlTokenKind.String:
                Advance();
                return new LiteralSyntax(TextSpan.Of(token), LiteralKind.String, token.Text);
            case SqlTokenKind.DollarParameter:
                Advance();
                if (!int.TryParse(token.Text.Substring(1), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                {
                    FailAt(token, SqlFaultKind.Syntax, $"{token.Text} is not a placeholder number Picodata accepts.");
                }

                return new ParameterSyntax(TextSpan.Of(token), number, false);
            case SqlTokenKind.QuestionParameter:
                Advance();
                return new ParameterSyntax(TextSpan.Of(token), ++_questionMarks, true);
            case SqlTokenKind.QuotedIdentifier:
                return IdentifierWithOptionalContinuation();
            case SqlTokenKind.Symbol when token.Text is "+" or "-":
                var next = Peek(1);
                if (next.Kind == SqlTokenKind.Number && next.Start == token.End)
                {
                    // Integer = ("+" | "-")? ~ ASCII_DIGIT+: the sign belongs to a literal only when written against it.
                    Advance();
                    return NumberLiteral(next, token, token.Text);
                }

                FailAt(token, SqlFaultKind.Syntax, token.Text == "-"
                    ? $"Expected {expected}; Picodata has no unary minus before an expression: write -1 * x, or the sign against a number (-1)."
                    : $"Expected {expected}; found '+'.");
                return MissingExpression();
            case SqlTokenKind.Symbol when token.Text == "(":
                return Parenthesized(start);
            case SqlTokenKind.Word:
                break;
            default:
                Fail(expected);
                return MissingExpression();
        }

        var word = token.Text.ToLowerInvariant();
        switch (word)
        {
            case "true":
            case "false":
            case "null":
                Advance();
                return new LiteralSyntax(TextSpan.Of(token), word == "true" ? LiteralKind.True : word == "false" ? LiteralKind.False : LiteralKind.Null, token.Text);
            case "cast":
                return CastOp();
            case "case":
                return Case();
            case "exists":
                Advance();
                return new ExistsExpressionSyntax(From(start), false, SubQuery());
            case "array":
                return ArrayLiteral();
            case "substring":
                return Substring();
            case "current_date":
                Advance();
                return new SpecialFunctionSyntax(From(start), word, NoExpressions);
            case "current_time" or "current_timestamp" or "localtime" or "localtimestamp":
                Advance();
                if (AcceptSymbol("("))
                {
                    if (Current.Kind == SqlTokenKind.Number && IsDigits(Current.Text))
                    {
                        Advance();
                    }
                    else
                    {
                        Fail($"an unsigned precision in {word.ToUpperInvariant()}(…)");
                    }

                    ExpectSymbol(")", $"')' to close {word.ToUpperInvariant()}(");
                }

                return new SpecialFunctionSyntax(From(start), word, NoExpressions);
            case "trim" when Peek(1).IsSymbol("("):
                return Trim();
        }

        if (IsIdentifier(token))
        {
            return IdentifierWithOptionalContinuation();
        }

        Fail(word is "select" or "values" or "with" ? expected + " (a subquery goes in parentheses)" : expected);
        return MissingExpression();
    }

    // Literal's numbers: Unsigned, Integer (signed), Decimal, Double.
    private LiteralSyntax NumberLiteral(SqlToken number, SqlToken first, string sign)
    {
        Advance();
        var text = number.Text;
        var dots = 0;
        var exponent = false;
        foreach (var c in text)
        {
            dots += c == '.' ? 1 : 0;
            exponent |= c is 'e' or 'E';
        }

        if (dots > 1 || text[0] == '.')
        {
            FailAt(number, SqlFaultKind.Syntax, $"'{text}' is not a number Picodata reads (write a digit before the point, and at most one point).");
        }

        var kind = exponent ? LiteralKind.Double : dots == 1 ? LiteralKind.Decimal : sign.Length > 0 ? LiteralKind.Integer : LiteralKind.Unsigned;
        return new LiteralSyntax(new TextSpan(first.Start, number.End - first.Start), kind, sign + text);
    }

    // ExpressionInParentheses = "(" ~ Expr ~ ")", Row = "(" ~ Expr ~ ("," ~ Expr)+ ~ ")", or a SubQuery.
    private ExpressionSyntax Parenthesized(int start)
    {
        if (Peek(1).IsWord("select") || Peek(1).IsWord("with") || Peek(1).IsWord("values"))
        {
            return SubQuery();
        }

        Advance();
        var first = Expression("an expression after '('");
        if (!AtSymbol(","))
        {
            ExpectSymbol(")", "')' to close the parentheses");
            return new ParenthesizedExpressionSyntax(From(start), first);
        }

        var items = new List<ExpressionSyntax> { first };
        while (!Failed && AcceptSymbol(","))
        {
            items.Add(Expression("an expression after ','"));
        }

        ExpectSymbol(")", "')' to close the row");
        return new RowSyntax(From(start), items);
    }

    // IdentifierWithOptionalContinuation = Identifier ~ (ReferenceContinuation | FunctionInvocationContinuation)?, and Over.
    private ExpressionSyntax IdentifierWithOptionalContinuation()
    {
        var start = Start;
        var name = ToIdentifier(Advance());
        if (AcceptSymbol("."))
        {
            var column = Identifier("a column name after '.'");
            return new ColumnReferenceSyntax(From(start), name, column);
        }

        if (!AtSymbol("("))
        {
            return new ColumnReferenceSyntax(From(start), null, name);
        }

        // FunctionInvocationContinuation = "(" ~ (CountAsterisk | FunctionArgs)? ~ ")"
        Advance();
        var star = false;
        var distinct = false;
        var arguments = new List<ExpressionSyntax>();
        if (AcceptSymbol("*"))
        {
            star = true;
        }
        else if (!AtSymbol(")"))
        {
            distinct = Accept("distinct");
            if (distinct && AtSymbol(")"))
            {
                Fail("an expression after DISTINCT");
            }

            do
            {
                arguments.Add(Expression(arguments.Count == 0 ? $"an argument of {name.Name}(…)" : "an argument after ','"));
            }
            while (!Failed && AcceptSymbol(","));
        }

        ExpectSymbol(")", $"')' to close {name.Name}(");
        if (!At("filter") && !At("over"))
        {
            return new FunctionCallSyntax(From(start), name, distinct, star, arguments);
        }

        // Over = Identifier ~ WindowFunctionArgs ~ WindowFunctionFilter ~ ^"over" ~ Window
        if (distinct)
        {
            FailAt(Current, SqlFaultKind.Syntax, "A window function takes no DISTINCT.");
        }

        ExpressionSyntax? filter = null;
        if (Accept("filter"))
        {
            ExpectSymbol("(", "'(' after FILTER");
            Expect("where", "WHERE after FILTER (");
            filter = Expression("a condition after FILTER (WHERE");
            ExpectSymbol(")", "')' to close FILTER (WHERE …");
        }

        Expect("over", "OVER and a window after FILTER (…)");
        IdentifierSyntax? windowName = null;
        WindowBodySyntax? window = null;
        if (AtIdentifier)
        {
            windowName = ToIdentifier(Advance());
        }
        else
        {
            window = WindowBody();
        }

        return new WindowFunctionSyntax(From(start), name, star, arguments, filter, windowName, window);
    }

    // WindowBody = "(" ~ (WindowBodyInfo ~ WindowBodyInfo{,2})? ~ ")", WindowBodyInfo = WindowPartition | WindowOrderBy | WindowFrame
    private WindowBodySyntax WindowBody()
    {
        var start = Start;
        ExpectSymbol("(", "a window name or '(' and a window definition after OVER");
        var partitionBy = new List<ExpressionSyntax>();
        IReadOnlyList<OrderItemSyntax> orderBy = [];
        WindowFrameSyntax? frame = null;
        for (var info = 0; info < 3 && !Failed && !AtSymbol(")"); info++)
        {
            if (At("partition"))
            {
                // WindowPartition = ^"partition" ~ ^"by" ~ Expr ~ ("," ~ Expr)*
                Advance();
                Expect("by", "BY after PARTITION");
                do
                {
                    partitionBy.Add(Expression("an expression to partition by"));
                }
                while (!Failed && AcceptSymbol(","));
            }
            else if (At("order"))
            {
                Advance();
                Expect("by", "BY after ORDER");
                orderBy = OrderByElements();
            }
            else if (At("rows") || At("range"))
            {
                frame = WindowFrame();
            }
            else
            {
                Fail("PARTITION BY, ORDER BY, ROWS, RANGE or ')' in the window");
            }
        }

        ExpectSymbol(")", "')' to close the window");
        return new WindowBodySyntax(From(start), partitionBy, orderBy, frame);
    }

    // WindowFrame = (RANGE | ROWS) ~ (WindowFrameSingle | WindowFrameBetween)
    private WindowFrameSyntax WindowFrame()
    {
        var start = Start;
        var type = Advance().Text.ToLowerInvariant();
        var offsets = new List<ExpressionSyntax>();
        if (Accept("between"))
        {
            WindowFrameBound(offsets);
            Expect("and", "AND and the frame's end");
            WindowFrameBound(offsets);
        }
        else
        {
            WindowFrameBound(offsets);
        }

        return new WindowFrameSyntax(From(start), type, offsets);
    }

    // WindowFrameBound = UNBOUNDED PRECEDING | n PRECEDING | CURRENT ROW | n FOLLOWING | UNBOUNDED FOLLOWING
    private void WindowFrameBound(List<ExpressionSyntax> offsets)
    {
        if (Accept("unbounded"))
        {
            if (!Accept("preceding"))
            {
                Expect("following", "PRECEDING or FOLLOWING after UNBOUNDED");
            }

            return;
        }

        if (AcceptAll("current", "row"))
        {
            return;
        }

        offsets.Add(Expression("a frame bound: UNBOUNDED PRECEDING, n PRECEDING, CURRENT ROW, n FOLLOWING or UNBOUNDED FOLLOWING", PrecedenceAnd));
        if (!Accept("preceding"))
        {
            Expect("following", "PRECEDING or FOLLOWING after the frame offset");
        }
    }

    // CastOp = ^"cast" ~ "(" ~ Expr ~ ^"as" ~ CastTarget ~ ")"
    private CastExpressionSyntax CastOp()
    {
        var start = Start;
        Advance();
        ExpectSymbol("(", "'(' after CAST");
        var operand = Expression("an expression to cast");
        Expect("as", "AS and a type in CAST(…)");
        var type = CastTarget();
        ExpectSymbol(")", "')' to close CAST(");
        return new CastExpressionSyntax(From(start), operand, type);
    }

    // Case = ^"case" ~ Expr? ~ CaseWhenBlock+ ~ CaseElseBlock? ~ ^"end"
    private CaseExpressionSyntax Case()
    {
        var start = Start;
        Advance();
        var operand = At("when") ? null : Expression("WHEN or an expression after CASE");
        var whens = new List<CaseWhenSyntax>();
        if (!At("when"))
        {
            Fail("WHEN after CASE");
        }

        while (At("when"))
        {
            var whenStart = Start;
            Advance();
            var condition = Expression("a condition after WHEN");
            Expect("then", "THEN after the WHEN condition");
            var result = Expression("a result after THEN");
            whens.Add(new CaseWhenSyntax(From(whenStart), condition, result));
        }

        ExpressionSyntax? otherwise = null;
        if (Accept("else"))
        {
            otherwise = Expression("a result after ELSE");
        }

        if (!At("end"))
        {
            Fail(otherwise is null ? "WHEN, ELSE or END to close CASE" : "END to close CASE");
        }

        Advance();
        return new CaseExpressionSyntax(From(start), operand, whens, otherwise);
    }

    // ArrayLiteral = ^"array" ~ "[" ~ (Expr ~ ("," ~ Expr)*)? ~ "]"
    private ArrayLiteralSyntax ArrayLiteral()
    {
        var start = Start;
        Advance();
        ExpectSymbol("[", "'[' after ARRAY");
        var items = new List<ExpressionSyntax>();
        if (!AtSymbol("]"))
        {
            do
            {
                items.Add(Expression(items.Count == 0 ? "an element or ']' after ARRAY[" : "an element after ','"));
            }
            while (!Failed && AcceptSymbol(","));
        }

        ExpectSymbol("]", "']' to close the array");
        return new ArrayLiteralSyntax(From(start), items);
    }

    // Substring = ^"substring" ~ "(" ~ (SubstringFromFor | SubstringRegular | SubstringFor | SubstringFrom | SubstringSimilar) ~ ")"
    private SpecialFunctionSyntax Substring()
    {
        var start = Start;
        Advance();
        ExpectSymbol("(", "'(' after SUBSTRING");
        var arguments = new List<ExpressionSyntax> { Expression("the string in SUBSTRING(…)") };
        if (Accept("from"))
        {
            arguments.Add(Expression("the start position after FROM"));
            if (Accept("for"))
            {
                arguments.Add(Expression("the length after FOR"));
            }
        }
        else if (Accept("for"))
        {
            arguments.Add(Expression("the length after FOR"));
        }
        else if (AcceptSymbol(","))
        {
            arguments.Add(Expression("the start position after ','"));
            if (AcceptSymbol(","))
            {
                arguments.Add(Expression("the length after ','"));
            }
        }

        ExpectSymbol(")", "')' to close SUBSTRING(");
        return new SpecialFunctionSyntax(From(start), "substring", arguments);
    }

    // Trim = ^"trim" ~ "(" ~ ((TrimKind? ~ TrimPattern | TrimKind) ~ ^"from")? ~ TrimTarget ~ ")"
    private SpecialFunctionSyntax Trim()
    {
        var start = Start;
        Advance();
        Advance();
        var arguments = new List<ExpressionSyntax>();
        if (Accept("leading") || Accept("trailing") || Accept("both"))
        {
            if (!At("from"))
            {
                arguments.Add(Expression("the characters to trim, or FROM"));
            }

            Expect("from", "FROM and the string to trim");
            arguments.Add(Expression("the string to trim after FROM"));
        }
        else
        {
            arguments.Add(Expression("the string to trim"));
            if (Accept("from"))
            {
                arguments.Add(Expression("the string to trim after FROM"));
            }
        }

        ExpectSymbol(")", "')' to close TRIM(");
        return new SpecialFunctionSyntax(From(start), "trim", arguments);
    }

    private LiteralSyntax MissingExpression() => new LiteralSyntax(new TextSpan(Current.Start, 0), LiteralKind.Null, string.Empty);
}
