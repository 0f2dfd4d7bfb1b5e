using System.Collections.Generic;
using System.Linq;
using Picopyn.Generators.Schema;
using Picopyn.Generators.Sql;

namespace Picopyn.Generators.Binding;

// Function calls, typed as Picodata types them: count(*) integer, sum/avg of integers decimal,
// min/max the argument's type (NULL over no rows), coalesce the first typed argument...
internal sealed partial class StatementTyper
{
    // Words that stand between a function's arguments in SQL's special forms: substring(x from 1 for 2), trim(both ' ' from x).
    private static readonly HashSet<string> ArgumentWords = new(System.StringComparer.OrdinalIgnoreCase)
    {
        "from", "for", "both", "leading", "trailing", "distinct", "all",
    };

    private static readonly HashSet<string> TextFunctions = new(System.StringComparer.OrdinalIgnoreCase)
    {
        "lower", "upper", "trim", "ltrim", "rtrim", "substr", "substring", "replace", "concat", "left", "right", "lpad", "rpad",
        "pico_instance_uuid", "pico_instance_name", "instance_uuid", "version",
    };

    private static readonly HashSet<string> IntegerFunctions = new(System.StringComparer.OrdinalIgnoreCase)
    {
        "length", "char_length", "character_length", "octet_length", "row_number", "rank", "dense_rank", "ntile", "pico_raft_leader_id",
    };

    private ExpressionInfo Function(SqlCursor cursor, QueryScope scope, SqlToken name)
    {
        var function = name.Text.ToLowerInvariant();
        if (function == "extract")
        {
            // extract(field from value): the field is a keyword, not a column.
            Parenthesized(cursor, inner =>
            {
                inner.Next();
                Expect(inner, "from");
                return Expression(inner, scope);
            });
            return ExpressionInfo.Of(SqlType.Unknown, name);
        }

        var arguments = new List<ExpressionInfo>();
        Parenthesized(cursor, inner =>
        {
            while (!inner.AtEnd)
            {
                if (inner.Current.Kind == SqlTokenKind.Word && ArgumentWords.Contains(inner.Current.Text))
                {
                    inner.Next();
                }
                else if (inner.AcceptSymbol("*"))
                {
                    // count(*)
                }
                else
                {
                    arguments.Add(Expression(inner, scope));
                }

                inner.AcceptSymbol(",");
            }

            return 0;
        });

        // Window and filter clauses change which rows, not the type.
        if (cursor.Accept("filter") && cursor.Current.IsSymbol("("))
        {
            cursor.Position = cursor.MatchingParenthesis() + 1;
        }

        var windowed = cursor.Accept("over");
        if (windowed && cursor.Current.IsSymbol("("))
        {
            cursor.Position = cursor.MatchingParenthesis() + 1;
        }

        var first = arguments.Count > 0 ? arguments[0].Type : SqlType.Unknown;
        const string NoRows = "an aggregate over no rows is NULL";
        var type = function switch
        {
            "count" => new SqlType(PicoType.Integer, false),
            "sum" or "avg" => new SqlType(Sum(first.Type), true, NoRows),
            "min" or "max" => first.Type == PicoType.Unknown ? SqlType.Unknown : new SqlType(first.Type, true, NoRows),
            "total" => new SqlType(PicoType.Double, false),
            "group_concat" or "string_agg" => new SqlType(PicoType.Text, true, NoRows),
            "coalesce" => Coalesce(arguments),
            "abs" or "round" or "ceil" or "floor" => first,
            _ when TextFunctions.Contains(function) => new SqlType(PicoType.Text, first.IsNullable, first.NullableBecause),
            _ when IntegerFunctions.Contains(function) => new SqlType(PicoType.Integer, first.IsNullable, first.NullableBecause),
            _ => SqlType.Unknown,
        };

        if (TextFunctions.Contains(function) && arguments.Count > 0)
        {
            Expect(arguments[0], PicoType.Text, $"text (the argument of {function})");
        }

        return ExpressionInfo.Of(type, name);
    }

    // sum and avg of integers are decimal on Picodata; of double, double.
    private static PicoType Sum(PicoType argument) => argument switch
    {
        PicoType.Integer or PicoType.Unsigned or PicoType.Decimal => PicoType.Decimal,
        PicoType.Double => PicoType.Double,
        _ => PicoType.Unknown,
    };

    // The first typed argument's type; NULL only when every argument can be; placeholders take that type.
    private SqlType Coalesce(List<ExpressionInfo> arguments)
    {
        var typed = arguments.FirstOrDefault(a => a.Type.IsKnown);
        if (!typed.Type.IsKnown)
        {
            return SqlType.Unknown;
        }

        foreach (var argument in arguments)
        {
            Pair(typed, argument);
        }

        var last = arguments[arguments.Count - 1].Type;
        var nullable = arguments.All(a => a.Type.IsNullable);
        return new SqlType(typed.Type.Type, nullable, nullable ? last.NullableBecause : null);
    }
}
