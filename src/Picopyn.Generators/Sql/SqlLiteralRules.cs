using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Sql;

/// <summary>
/// The walk for literals Picodata cannot take: an integer outside its 64-bit range, written as a number or as
/// a string cast to an integer type ("value doesn't fit into integer range").
/// </summary>
internal static class SqlLiteralRules
{
    private static readonly HashSet<string> IntegerTypes = new(System.StringComparer.Ordinal) { "integer", "int", "bigint", "smallint", "int2", "int4", "int8", "unsigned" };

    public static void Check(StatementSyntax statement, List<SqlFault> faults)
    {
        foreach (var node in statement.DescendantNodes())
        {
            var literal = node switch
            {
                LiteralSyntax { Kind: LiteralKind.Unsigned or LiteralKind.Integer } number => number,
                CastExpressionSyntax { Operand: LiteralSyntax { Kind: LiteralKind.String } text, Type: { IsArray: false } type }
                    when IntegerTypes.Contains(type.Name) && IsWholeNumber(text.StringValue.Trim()) => text,
                _ => null,
            };
            var digits = literal?.Kind == LiteralKind.String ? literal.StringValue.Trim() : literal?.Text;
            if (digits is not null && !long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                faults.Add(new SqlFault(SqlFaultKind.IntegerOutOfRange, literal!.Span.Start, literal.Span.Length,
                    $"{digits} does not fit Picodata's integer range ({long.MinValue} to {long.MaxValue}); for larger numbers use a decimal ({digits}.0, or CAST(… AS decimal))."));
            }
        }
    }

    private static bool IsWholeNumber(string text)
    {
        var digits = text.Length > 0 && text[0] is '-' or '+' ? text.Substring(1) : text;
        return digits.Length > 0 && digits.All(c => c is >= '0' and <= '9');
    }
}
