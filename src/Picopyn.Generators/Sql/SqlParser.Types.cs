using System.Collections.Generic;
using Picopyn.Generators.Schema;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Sql;

internal sealed partial class SqlParser
{
    // Type = TypeBool | TypeDatetime | TypeDecimal | TypeDouble | TypeInt | TypeJSON | TypeString | TypeText | TypeVarchar | TypeUuid
    private static readonly HashSet<string> TypeWords = new(System.StringComparer.OrdinalIgnoreCase)
    {
        "boolean", "bool", "datetime", "decimal", "number", "numeric", "double", "integer", "bigint", "smallint",
        "int", "int2", "int4", "int8", "json", "string", "text", "varchar", "uuid",
    };

    private const string TypeList = "a type (integer, unsigned, double, decimal, text, varchar(n), boolean, datetime, uuid, json)";

    // CastTarget = Type ~ CastArraySuffix?, CastArraySuffix = "[" ~ "]" | ^"array"
    private TypeSyntax CastTarget()
    {
        var start = Start;
        var name = TypeName(domain: false);
        var array = false;
        if (AtSymbol("[") && Peek(1).IsSymbol("]"))
        {
            _position += 2;
            array = true;
        }
        else if (Accept("array"))
        {
            // ArrayKeywordSuffix = ^"array" ~ ArraySizedBound?
            ArraySizedBound(optional: true);
            array = true;
        }

        return new TypeSyntax(From(start), name, array);
    }

    // ColumnDefType = (DomainType | Type) ~ ArraySuffix?, ArraySuffix = ArrayBracketSuffix | ArrayKeywordSuffix
    private TypeSyntax ColumnDefType()
    {
        var start = Start;
        var name = TypeName(domain: true);
        var array = false;
        if (AtSymbol("["))
        {
            // ArrayBracketSuffix = ArrayBound+, ArrayBound = "[" ~ Unsigned? ~ "]"
            while (AcceptSymbol("["))
            {
                if (Current.Kind == SqlTokenKind.Number && IsDigits(Current.Text))
                {
                    Advance();
                }

                ExpectSymbol("]", "']' or an unsigned size in the array bound");
            }

            array = true;
        }
        else if (Accept("array"))
        {
            ArraySizedBound(optional: true);
            array = true;
        }

        return new TypeSyntax(From(start), name, array);
    }

    // ArraySizedBound = "[" ~ Unsigned ~ "]"
    private void ArraySizedBound(bool optional)
    {
        if (!AtSymbol("["))
        {
            if (!optional)
            {
                Fail("[ and an array size");
            }

            return;
        }

        Advance();
        ExpectUnsigned("the size in ARRAY[…] (ARRAY[] has none; write T[] for an unsized array)");
        ExpectSymbol("]", "']' to close the array size");
    }

    // The type's word with its parameters: TypeDecimal's (p[, s]) and TypeVarchar's (n). DomainType adds unsigned.
    private string TypeName(bool domain)
    {
        var token = Current;
        if (token.Kind != SqlTokenKind.Word || !(TypeWords.Contains(token.Text) || (domain && token.IsWord("unsigned"))))
        {
            if (token.Kind == SqlTokenKind.Word && !Keywords.Contains(token.Text))
            {
                FailAt(token, SqlFaultKind.Syntax, $"'{token.Text}' is not a Picodata {(domain ? "column " : string.Empty)}type: use {PicoTypeNames.Known}.");
            }
            else
            {
                Fail(TypeList);
            }

            return string.Empty;
        }

        Advance();
        var name = token.Text.ToLowerInvariant();
        if (name is "decimal" or "number" or "numeric" && AcceptSymbol("("))
        {
            ExpectUnsigned("the precision");
            if (AcceptSymbol(","))
            {
                if (Current.IsSymbol("-") || Current.IsSymbol("+"))
                {
                    Advance();
                }

                ExpectUnsigned("the scale");
            }

            ExpectSymbol(")", "')' to close the type's precision");
        }
        else if (name == "varchar" && AcceptSymbol("("))
        {
            ExpectUnsigned("the length");
            ExpectSymbol(")", "')' to close the length");
        }

        return name;
    }

    private void ExpectUnsigned(string what)
    {
        if (Current.Kind == SqlTokenKind.Number && IsDigits(Current.Text))
        {
            Advance();
        }
        else
        {
            Fail($"an unsigned number: {what}");
        }
    }
}
