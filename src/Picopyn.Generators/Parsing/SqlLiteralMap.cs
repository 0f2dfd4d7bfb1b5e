using System;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Picopyn.Generators.Model;

namespace Picopyn.Generators.Parsing;

/// <summary>
/// Maps positions in a SQL string's value to positions in the source file, through escape
/// sequences, verbatim quotes and raw-string indentation, so that a fault in the SQL is reported
/// on its own characters inside the literal. Where the SQL is not a single literal (a constant, a
/// concatenation) every position maps to the whole argument.
/// </summary>
internal sealed class SqlLiteralMap
{
    private readonly int[]? _positions;
    private readonly TextSpan _whole;

    private SqlLiteralMap(int[]? positions, TextSpan whole)
    {
        _positions = positions;
        _whole = whole;
    }

    public static SqlLiteralMap For(ExpressionSyntax argument, string value)
    {
        var positions = argument is LiteralExpressionSyntax literal ? Map(literal.Token, value) : null;
        return new SqlLiteralMap(positions, argument.Span);
    }

    /// <summary>The same map as plain data, for steps of the pipeline that hold no syntax tree.</summary>
    public SqlSourceMap ToSourceMap(SyntaxTree tree)
    {
        var lines = tree.GetText().Lines;
        var first = lines.GetLineFromPosition(_whole.Start).LineNumber;
        var last = lines.GetLineFromPosition(_whole.End).LineNumber;
        var starts = new int[last - first + 1];
        for (var line = first; line <= last; line++)
        {
            starts[line - first] = lines[line].Start;
        }

        return new SqlSourceMap(tree.FilePath, new EquatableArray<int>(_positions ?? []), _whole.Start, _whole.Length, first,
            new EquatableArray<int>(starts));
    }

    /// <summary>The source span of the value's characters <c>[start, start + length)</c>.</summary>
    public TextSpan Span(int start, int length)
    {
        if (_positions is null || start < 0 || start + length >= _positions.Length)
        {
            return _whole;
        }

        var begin = _positions[start];
        var end = length == 0 ? begin : _positions[start + length];
        return TextSpan.FromBounds(begin, end);
    }

    // One entry per value character plus one for the end: where that character starts in the file.
    private static int[]? Map(SyntaxToken token, string value)
    {
        var text = token.Text;
        var offset = token.SpanStart;
        var positions = new int[value.Length + 1];
        var rebuilt = new StringBuilder(value.Length);
        bool mapped = token.Kind() switch
        {
            SyntaxKind.StringLiteralToken when text.StartsWith("@", System.StringComparison.Ordinal) => MapVerbatim(text, offset, positions, rebuilt),
            SyntaxKind.StringLiteralToken => MapRegular(text, offset, positions, rebuilt),
            SyntaxKind.SingleLineRawStringLiteralToken => MapRawSingleLine(text, offset, positions, rebuilt),
            SyntaxKind.MultiLineRawStringLiteralToken => MapRawMultiLine(text, offset, positions, rebuilt),
            _ => false,
        };

        // Any escape this map does not know shows up as a difference: fall back to the whole argument.
        return mapped && rebuilt.ToString() == value ? positions : null;
    }

    private static bool MapRegular(string text, int offset, int[] positions, StringBuilder value)
    {
        var i = 1;
        while (i < text.Length - 1)
        {
            var start = i;
            string chars;
            if (text[i] != '\\')
            {
                chars = text[i].ToString();
                i++;
            }
            else if (i + 1 < text.Length - 1)
            {
                var escape = text[i + 1];
                i += 2;
                switch (escape)
                {
                    case 'u':
                        chars = Hex(text, ref i, 4, 4);
                        break;
                    case 'U':
                        chars = Hex(text, ref i, 8, 8);
                        break;
                    case 'x':
                        chars = Hex(text, ref i, 1, 4);
                        break;
                    default:
                        chars = Simple(escape);
                        break;
                }
            }
            else
            {
                return false;
            }

            foreach (var c in chars)
            {
                if (value.Length >= positions.Length - 1)
                {
                    return false;
                }

                positions[value.Length] = offset + start;
                value.Append(c);
            }
        }

        positions[value.Length] = offset + text.Length - 1;
        return value.Length == positions.Length - 1;
    }

    private static string Simple(char escape) => escape switch
    {
        '0' => "\0",
        'a' => "\a",
        'b' => "\b",
        'e' => "\u001b",
        'f' => "\f",
        'n' => "\n",
        'r' => "\r",
        't' => "\t",
        'v' => "\v",
        _ => escape.ToString(),
    };

    private static string Hex(string text, ref int i, int min, int max)
    {
        var start = i;
        while (i < text.Length - 1 && i - start < max && Uri.IsHexDigit(text[i]))
        {
            i++;
        }

        if (i - start < min)
        {
            return "\uFFFF"; // not a valid escape: the comparison with the value fails
        }

        var code = int.Parse(text.Substring(start, i - start), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return code > 0xFFFF ? char.ConvertFromUtf32(code) : ((char)code).ToString();
    }

    private static bool MapVerbatim(string text, int offset, int[] positions, StringBuilder value)
    {
        var i = 2;
        while (i < text.Length - 1)
        {
            if (value.Length >= positions.Length - 1)
            {
                return false;
            }

            positions[value.Length] = offset + i;
            value.Append(text[i]);
            i += text[i] == '"' ? 2 : 1;
        }

        positions[value.Length] = offset + text.Length - 1;
        return true;
    }

    private static bool MapRawSingleLine(string text, int offset, int[] positions, StringBuilder value)
    {
        var quotes = CountQuotes(text);
        for (var i = quotes; i < text.Length - quotes; i++)
        {
            if (value.Length >= positions.Length - 1)
            {
                return false;
            }

            positions[value.Length] = offset + i;
            value.Append(text[i]);
        }

        positions[value.Length] = offset + text.Length - quotes;
        return true;
    }

    private static bool MapRawMultiLine(string text, int offset, int[] positions, StringBuilder value)
    {
        var quotes = CountQuotes(text);
        var lines = SplitLines(text);
        if (lines.Length < 3)
        {
            return false;
        }

        // The closing line's leading whitespace is the indentation every content line drops.
        var closing = lines[lines.Length - 1];
        var indentation = closing.Text.Length - closing.Text.TrimStart().Length;
        for (var l = 1; l < lines.Length - 1; l++)
        {
            var line = lines[l];
            var skip = line.Text.Trim().Length == 0 ? line.Text.Length : System.Math.Min(indentation, line.Text.Length);
            for (var i = skip; i < line.Text.Length; i++)
            {
                if (value.Length >= positions.Length - 1)
                {
                    return false;
                }

                positions[value.Length] = offset + line.Start + i;
                value.Append(line.Text[i]);
            }

            // Every line break but the one before the closing line belongs to the value.
            if (l < lines.Length - 2)
            {
                foreach (var c in line.Break)
                {
                    if (value.Length >= positions.Length - 1)
                    {
                        return false;
                    }

                    positions[value.Length] = offset + line.Start + line.Text.Length;
                    value.Append(c);
                }
            }
        }

        positions[value.Length] = offset + lines[lines.Length - 2].Start + lines[lines.Length - 2].Text.Length;
        return quotes > 0;
    }

    private static int CountQuotes(string text)
    {
        var count = 0;
        while (count < text.Length && text[count] == '"')
        {
            count++;
        }

        return count;
    }

    private static (int Start, string Text, string Break)[] SplitLines(string text)
    {
        var lines = new System.Collections.Generic.List<(int, string, string)>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\r' or '\n')
            {
                var lineBreak = text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? "\r\n" : text[i].ToString();
                lines.Add((start, text.Substring(start, i - start), lineBreak));
                i += lineBreak.Length - 1;
                start = i + 1;
            }
        }

        lines.Add((start, text.Substring(start), string.Empty));
        return lines.ToArray();
    }
}
