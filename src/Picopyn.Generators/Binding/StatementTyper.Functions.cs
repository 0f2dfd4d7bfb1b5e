using System.Collections.Generic;
using System.Linq;
using Picopyn.Generators.Schema;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Binding;

// Function calls, typed as Picodata types them: count(*) integer, sum/avg of integers decimal,
// min/max the argument's type (NULL over no rows), coalesce the first typed argument...
internal sealed partial class StatementTyper
{
    private static readonly HashSet<string> TextFunctions = new(System.StringComparer.OrdinalIgnoreCase)
    {
        "lower", "upper", "trim", "ltrim", "rtrim", "substr", "substring", "replace", "concat", "left", "right", "lpad", "rpad",
        "pico_instance_uuid", "pico_instance_name", "instance_uuid", "version",
    };

    private static readonly HashSet<string> IntegerFunctions = new(System.StringComparer.OrdinalIgnoreCase)
    {
        "length", "char_length", "character_length", "octet_length", "row_number", "rank", "dense_rank", "ntile", "pico_raft_leader_id",
    };

    private ExpressionInfo Function(string function, List<ExpressionInfo> arguments, TextSpan span)
    {
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

        return ExpressionInfo.Of(type, span);
    }

    // TRIM, SUBSTRING and the current date and time: their own grammar, typed like calls.
    private ExpressionInfo Special(SpecialFunctionSyntax special, QueryScope scope)
    {
        var arguments = special.Arguments.Select(a => Expression(a, scope)).ToList();
        return special.Name switch
        {
            "trim" or "substring" => Function(special.Name, arguments, special.Span),
            "current_date" or "current_timestamp" or "localtimestamp" => ExpressionInfo.Of(new SqlType(PicoType.Datetime, false), special.Span),
            _ => ExpressionInfo.Of(SqlType.Unknown, special.Span),
        };
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
