using System.Collections.Generic;
using System.Linq;
using Picopyn.Generators.Schema;
using Picopyn.Generators.Sql;

namespace Picopyn.Generators.Binding;

// Expressions, by precedence: OR, AND, NOT, predicates (comparisons, IS, IN, BETWEEN, LIKE), ||,
// + -, * / %, unary signs, ::, and primaries (literals, placeholders, CASE, CAST, EXISTS,
// subqueries, function calls, column names). Each returns its type as Picodata types it.
internal sealed partial class StatementTyper
{
    private static readonly string[] Comparisons = ["=", "==", "<>", "!=", "<", ">", "<=", ">="];

    private ExpressionInfo Expression(SqlCursor cursor, QueryScope scope) => Chain(cursor, scope, "or", And);

    private ExpressionInfo And(SqlCursor cursor, QueryScope scope) => Chain(cursor, scope, "and", Not);

    // operand (keyword operand)*: a boolean of the operands, NULL when one is.
    private static ExpressionInfo Chain(
        SqlCursor cursor, QueryScope scope, string keyword, System.Func<SqlCursor, QueryScope, ExpressionInfo> operand)
    {
        var left = operand(cursor, scope);
        while (cursor.Accept(keyword))
        {
            left = Boolean(left, operand(cursor, scope));
        }

        return left;
    }

    private ExpressionInfo Not(SqlCursor cursor, QueryScope scope)
    {
        var token = cursor.Current;
        if (cursor.Accept("not"))
        {
            var operand = Not(cursor, scope);
            return ExpressionInfo.Of(new SqlType(PicoType.Boolean, operand.Type.IsNullable, operand.Type.NullableBecause), token);
        }

        return Predicate(cursor, scope);
    }

    private ExpressionInfo Predicate(SqlCursor cursor, QueryScope scope)
    {
        var left = Concatenation(cursor, scope);
        while (true)
        {
            if (Comparisons.Any(cursor.Current.IsSymbol))
            {
                cursor.Next();
                var right = Concatenation(cursor, scope);
                Pair(left, right);
                left = Boolean(left, right);
                continue;
            }

            if (cursor.Accept("is"))
            {
                cursor.Accept("not");
                if (cursor.AcceptAll("distinct", "from"))
                {
                    Pair(left, Concatenation(cursor, scope));
                }
                else if (!(cursor.Accept("null") || cursor.Accept("true") || cursor.Accept("false") || cursor.Accept("unknown")))
                {
                    throw new Unreadable();
                }

                left = ExpressionInfo.Of(new SqlType(PicoType.Boolean, false), left.Token);
                continue;
            }

            var negated = cursor.Current.IsWord("not") && (cursor.Peek(1).IsWord("in") || cursor.Peek(1).IsWord("between") ||
                cursor.Peek(1).IsWord("like") || cursor.Peek(1).IsWord("ilike"));
            if (negated)
            {
                cursor.Next();
            }

            if (cursor.Accept("in"))
            {
                var list = cursor.Current;
                if (StartsQuery(cursor.Peek(1)))
                {
                    var items = Parenthesized(cursor, inner => Query(inner, out _));
                    if (items.Count == 1 && !items[0].IsStar)
                    {
                        Pair(left, new ExpressionInfo(items[0].Type, 0, list, $"the subquery's column '{items[0].Name}'"));
                    }
                }
                else
                {
                    Parenthesized(cursor, inner =>
                    {
                        do
                        {
                            Pair(left, Expression(inner, scope));
                        }
                        while (inner.AcceptSymbol(","));
                        return 0;
                    });
                }

                left = Boolean(left, left);
                continue;
            }

            if (cursor.Accept("between"))
            {
                var low = Concatenation(cursor, scope);
                Expect(cursor, "and");
                var high = Concatenation(cursor, scope);
                Pair(left, low);
                Pair(left, high);
                left = Boolean(left, left);
                continue;
            }

            if (cursor.Accept("like") || cursor.Accept("ilike"))
            {
                var pattern = Concatenation(cursor, scope);
                Expect(left, PicoType.Text, "text (LIKE)");
                Expect(pattern, PicoType.Text, "text (a LIKE pattern)");
                if (cursor.Accept("escape"))
                {
                    Concatenation(cursor, scope);
                }

                left = Boolean(left, pattern);
                continue;
            }

            if (negated)
            {
                throw new Unreadable();
            }

            return left;
        }
    }

    private ExpressionInfo Concatenation(SqlCursor cursor, QueryScope scope)
    {
        var left = Additive(cursor, scope);
        while (cursor.AcceptSymbol("||"))
        {
            var right = Additive(cursor, scope);
            Expect(left, PicoType.Text, "text (||)");
            Expect(right, PicoType.Text, "text (||)");
            left = Combined(PicoType.Text, left, right);
        }

        return left;
    }

    private ExpressionInfo Additive(SqlCursor cursor, QueryScope scope)
    {
        var left = Multiplicative(cursor, scope);
        while (cursor.Current.IsSymbol("+") || cursor.Current.IsSymbol("-"))
        {
            cursor.Next();
            left = Arithmetic(left, Multiplicative(cursor, scope));
        }

        return left;
    }

    private ExpressionInfo Multiplicative(SqlCursor cursor, QueryScope scope)
    {
        var left = Unary(cursor, scope);
        while (cursor.Current.IsSymbol("*") || cursor.Current.IsSymbol("/") || cursor.Current.IsSymbol("%"))
        {
            cursor.Next();
            left = Arithmetic(left, Unary(cursor, scope));
        }

        return left;
    }

    private ExpressionInfo Unary(SqlCursor cursor, QueryScope scope)
    {
        if (cursor.AcceptSymbol("-") || cursor.AcceptSymbol("+"))
        {
            return Unary(cursor, scope);
        }

        var value = Primary(cursor, scope);
        while (cursor.AcceptSymbol("::"))
        {
            value = Cast(value, TypeName(cursor));
        }

        return value;
    }

    private ExpressionInfo Primary(SqlCursor cursor, QueryScope scope)
    {
        var token = cursor.Next();
        switch (token.Kind)
        {
            case SqlTokenKind.Number:
                // An integer literal is integer; one with a point or exponent is left untyped rather than guessed.
                return ExpressionInfo.Of(token.Text.All(char.IsDigit) ? new SqlType(PicoType.Integer, false) : SqlType.Unknown, token);
            case SqlTokenKind.String:
                return ExpressionInfo.Of(new SqlType(PicoType.Text, false), token);
            case SqlTokenKind.DollarParameter:
            case SqlTokenKind.QuestionParameter:
                return new ExpressionInfo(SqlType.Unknown, _placeholderNumbers.TryGetValue(token.Start, out var number) ? number : 0, token, "a parameter");
        }

        if (token.IsSymbol("("))
        {
            cursor.Position--;
            if (StartsQuery(cursor.Peek(1)))
            {
                var items = Parenthesized(cursor, inner => Query(inner, out _));
                var type = items.Count == 1 && !items[0].IsStar ? items[0].Type : SqlType.Unknown;
                return ExpressionInfo.Of(type.OrNull(type.IsKnown, "a subquery that finds no row gives NULL"), token);
            }

            return Parenthesized(cursor, inner => Expression(inner, scope));
        }

        if (token.IsWord("null"))
        {
            return ExpressionInfo.Of(new SqlType(PicoType.Unknown, true, "it is NULL"), token);
        }

        if (token.IsWord("true") || token.IsWord("false"))
        {
            return ExpressionInfo.Of(new SqlType(PicoType.Boolean, false), token);
        }

        if (token.IsWord("case"))
        {
            return Case(cursor, scope, token);
        }

        if (token.IsWord("cast"))
        {
            return Parenthesized(cursor, inner =>
            {
                var value = Expression(inner, scope);
                Expect(inner, "as");
                return Cast(value, TypeName(inner));
            });
        }

        if (token.IsWord("exists"))
        {
            Parenthesized(cursor, inner => Query(inner, out _));
            return ExpressionInfo.Of(new SqlType(PicoType.Boolean, false), token);
        }

        if (!token.IsName || (token.Kind == SqlTokenKind.Word && Reserved.Contains(token.Text)))
        {
            throw new Unreadable();
        }

        return cursor.Current.IsSymbol("(") ? Function(cursor, scope, token) : Column(token, cursor, scope);
    }

    private ExpressionInfo Case(SqlCursor cursor, QueryScope scope, SqlToken token)
    {
        ExpressionInfo? operand = cursor.Current.IsWord("when") ? null : Expression(cursor, scope);
        var results = new List<ExpressionInfo>();
        while (cursor.Accept("when"))
        {
            var condition = Expression(cursor, scope);
            if (operand is { } subject)
            {
                Pair(subject, condition);
            }

            Expect(cursor, "then");
            results.Add(Expression(cursor, scope));
        }

        var hasElse = cursor.Accept("else");
        if (hasElse)
        {
            results.Add(Expression(cursor, scope));
        }

        Expect(cursor, "end");
        var known = results.FirstOrDefault(r => r.Type.IsKnown);
        var nullable = !hasElse || results.Any(r => r.Type.IsNullable);
        var because = !hasElse ? "a CASE without ELSE gives NULL when no WHEN matches" : results.FirstOrDefault(r => r.Type.IsNullable).Type.NullableBecause;
        return ExpressionInfo.Of(new SqlType(known.Type.Type, nullable, nullable ? because : null), token);
    }

    // A type name after '::' or CAST ... AS: integer, varchar(n), decimal(p, s), double precision...
    private static PicoType TypeName(SqlCursor cursor)
    {
        var name = cursor.Next();
        if (name.IsWord("double"))
        {
            cursor.Accept("precision");
        }

        if (cursor.Current.IsSymbol("("))
        {
            cursor.Position = cursor.MatchingParenthesis() + 1;
        }

        return name.Kind == SqlTokenKind.Word ? PicoTypeNames.Parse(name.Text) ?? PicoType.Unknown : PicoType.Unknown;
    }

    private ExpressionInfo Cast(ExpressionInfo value, PicoType type)
    {
        Expect(value, type, "a value cast to " + PicoTypeNames.Name(type));
        return ExpressionInfo.Of(new SqlType(type, value.Type.IsNullable, value.Type.NullableBecause), value.Token);
    }

    // Where two sides meet (a comparison, IN, BETWEEN, a CASE operand): a placeholder on one side stands for the other side's type.
    private void Pair(ExpressionInfo a, ExpressionInfo b)
    {
        if (a.Placeholder > 0 && b.Type.IsKnown)
        {
            Infer(a, b.Type.Type, b.What);
        }
        else if (b.Placeholder > 0 && a.Type.IsKnown)
        {
            Infer(b, a.Type.Type, a.What);
        }
    }

    private ExpressionInfo Arithmetic(ExpressionInfo left, ExpressionInfo right)
    {
        Pair(left, right);
        return Combined(TypeRules.Arithmetic(left.Type.Type, right.Type.Type), left, right);
    }

    private static ExpressionInfo Boolean(ExpressionInfo left, ExpressionInfo right) => Combined(PicoType.Boolean, left, right);

    // An operator's result: NULL when either operand is.
    private static ExpressionInfo Combined(PicoType type, ExpressionInfo left, ExpressionInfo right)
    {
        var nullable = left.Type.IsNullable ? left.Type : right.Type;
        return ExpressionInfo.Of(new SqlType(type, nullable.IsNullable, nullable.NullableBecause), left.Token);
    }
}
