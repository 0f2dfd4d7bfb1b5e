using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Sql;

/// <summary>
/// A recursive-descent parser for Picodata's SQL grammar, <c>query.pest</c> in picodata/picodata at commit
/// <c>812716f7e520546529ef1980d2f96581fb2dfa0d</c> (a copy is <c>tests/Conformance/query.pest</c>). Each method
/// parses one grammar rule and is named after it, so the two can be read side by side; expression operator
/// precedence follows Picodata's Pratt parser (<c>ast/ir_populator/expression_parser.rs</c>).
/// <para>
/// It never throws. The first place where the text stops matching the grammar becomes the tree's one
/// <see cref="SqlFault"/>, located on that token and saying what was expected there; past it, methods return
/// placeholder nodes and the tree is dropped. Where Picodata's dialect lacks something users reach for
/// (comments, OFFSET, RETURNING, RIGHT joins, comma joins, a placeholder in LIMIT, WITH RECURSIVE, several
/// statements), the fault has that kind and says what to write instead.
/// </para>
/// </summary>
internal sealed partial class SqlParser
{
    // Deep enough for any real statement; shallow enough never to exhaust the compiler's stack.
    private const int MaxDepth = 200;

    // Picodata's Keyword rule: words a RegularIdentifier cannot be.
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "all", "and", "array", "asc", "as", "begin", "between", "by", "case", "cast", "current_date", "current_time",
        "current_timestamp", "desc", "distinct", "else", "end", "except", "exists", "false", "filter", "from", "group",
        "having", "inner", "into", "in", "is", "join", "left", "limit", "localtimestamp", "localtime", "not", "null",
        "on", "option", "order", "or", "outer", "over", "primary", "select", "set", "similar", "substring", "table",
        "then", "to", "true", "union", "using", "values", "when", "where", "with", "window",
    };

    private readonly List<SqlToken> _tokens;
    private readonly int _textLength;
    private readonly List<string> _offers = [];
    private int _position;
    private int _depth;
    private int _questionMarks;
    private int _offersAt = -1;
    private SqlFault? _error;

    private SqlParser(List<SqlToken> tokens, int textLength)
    {
        _tokens = tokens;
        _textLength = textLength;
    }

    // The last trees parsed, by their text's identity: the generator reads a statement, then its schema
    // checks type the same string again, and should not parse it twice.
    private static readonly ConditionalWeakTable<string, SqlSyntaxTree> Parsed = new();

    /// <summary>Parses one statement. With <paramref name="allowComments"/> (schema files), comments are skipped rather than refused.</summary>
    public static SqlSyntaxTree Parse(string? sql, bool allowComments = false)
    {
        if (sql is not null && !allowComments && Parsed.TryGetValue(sql, out var known))
        {
            return known;
        }

        var tree = ParseText(sql ?? string.Empty, allowComments);
        if (sql is not null && !allowComments)
        {
            Parsed.GetValue(sql, _ => tree);
        }

        return tree;
    }

    private static SqlSyntaxTree ParseText(string sql, bool allowComments)
    {
        var tokens = SqlTokenizer.Tokenize(sql);
        if (allowComments)
        {
            tokens.RemoveAll(t => t.Kind == SqlTokenKind.Comment);
        }

        var parser = new SqlParser(tokens, sql.Length);
        var statement = parser.Command();
        return new SqlSyntaxTree(sql, parser._error is null ? statement : null, parser._error);
    }

    /// <summary>
    /// Parses a script of statements separated by <c>;</c> (a schema file, a DDL batch): each tree's spans are
    /// offsets in the whole <paramref name="text"/>. A <c>;</c> between <c>$$</c>s belongs to a block, not the script.
    /// </summary>
    public static List<SqlSyntaxTree> ParseScript(string? text, bool allowComments = true)
    {
        text ??= string.Empty;
        var tokens = SqlTokenizer.Tokenize(text);
        if (allowComments)
        {
            tokens.RemoveAll(t => t.Kind == SqlTokenKind.Comment);
        }

        var trees = new List<SqlSyntaxTree>();
        var statement = new List<SqlToken>();
        var inBlock = false;
        for (var i = 0; i <= tokens.Count; i++)
        {
            var end = i == tokens.Count;
            if (!end && tokens[i].IsSymbol("$$"))
            {
                inBlock = !inBlock;
            }

            if (end || (!inBlock && tokens[i].IsSymbol(";")))
            {
                if (statement.Count > 0)
                {
                    var parser = new SqlParser(statement, statement[statement.Count - 1].End);
                    var parsed = parser.Command();
                    trees.Add(new SqlSyntaxTree(text, parser._error is null ? parsed : null, parser._error));
                    statement = [];
                }

                continue;
            }

            statement.Add(tokens[i]);
        }

        return trees;
    }

    /// <summary>Whether <paramref name="word"/> is one of Picodata's reserved keywords (a name only when quoted).</summary>
    public static bool IsKeyword(string word) => Keywords.Contains(word);

    private bool Failed => _error is not null;

    private SqlToken Current => Peek(0);

    private SqlToken Previous => _position > 0 ? _tokens[_position - 1] : new SqlToken(SqlTokenKind.End, 0, 0, string.Empty);

    private SqlToken Peek(int ahead)
    {
        var index = _position + ahead;
        return index < _tokens.Count ? _tokens[index] : new SqlToken(SqlTokenKind.End, _textLength, 0, string.Empty);
    }

    private bool AtEnd => _position >= _tokens.Count;

    private bool At(string keyword) => !Failed && Current.IsWord(keyword);

    private bool AtSymbol(string symbol) => !Failed && Current.IsSymbol(symbol);

    /// <summary>Whether the current token can be a name: a quoted identifier, or a word that is not a keyword.</summary>
    private bool AtIdentifier => !Failed && IsIdentifier(Current);

    private static bool IsIdentifier(SqlToken token) =>
        token.Kind == SqlTokenKind.QuotedIdentifier || (token.Kind == SqlTokenKind.Word && !Keywords.Contains(token.Text));

    private SqlToken Advance()
    {
        var token = Current;
        if (_position < _tokens.Count)
        {
            _position++;
        }

        return token;
    }

    private bool Accept(string keyword)
    {
        if (!At(keyword))
        {
            return false;
        }

        _position++;
        return true;
    }

    private bool AcceptAll(string first, string second)
    {
        if (!At(first) || !Peek(1).IsWord(second))
        {
            return false;
        }

        _position += 2;
        return true;
    }

    private bool AcceptSymbol(string symbol)
    {
        if (!AtSymbol(symbol))
        {
            return false;
        }

        _position++;
        return true;
    }

    private SqlToken Expect(string keyword, string expected)
    {
        if (At(keyword))
        {
            return Advance();
        }

        Fail(expected);
        return Current;
    }

    private SqlToken ExpectSymbol(string symbol, string expected)
    {
        if (AtSymbol(symbol))
        {
            return Advance();
        }

        Fail(expected);
        return Current;
    }

    /// <summary>A name (<c>Identifier</c>); on anything else, a fault saying <paramref name="expected"/>.</summary>
    private IdentifierSyntax Identifier(string expected)
    {
        if (AtIdentifier)
        {
            return ToIdentifier(Advance());
        }

        Fail(expected);
        return new IdentifierSyntax(new TextSpan(Current.Start, 0), string.Empty, false);
    }

    private IdentifierSyntax? TryIdentifier() => AtIdentifier ? ToIdentifier(Advance()) : null;

    private static IdentifierSyntax ToIdentifier(SqlToken token) =>
        new(TextSpan.Of(token), token.Name, token.Kind == SqlTokenKind.QuotedIdentifier);

    /// <summary>A comma-separated list of names in parentheses: <c>(a, b, …)</c>.</summary>
    private List<IdentifierSyntax> IdentifierList(string what)
    {
        var names = new List<IdentifierSyntax>();
        ExpectSymbol("(", $"'(' and {what}");
        do
        {
            names.Add(Identifier(names.Count == 0 ? what : $"a name after ',' in {what}"));
        }
        while (!Failed && AcceptSymbol(","));

        ExpectSymbol(")", $"')' to close {what}");
        return names;
    }

    // PublicSchema: an optional "public." before a table name, which Picodata ignores.
    private void PublicSchema()
    {
        if (!Failed && (Current.IsWord("public") || (Current.Kind == SqlTokenKind.QuotedIdentifier && Current.Text == "\"public\""))
            && Peek(1).IsSymbol("."))
        {
            _position += 2;
        }
    }

    private int Start => Current.Start;

    /// <summary>The span from <paramref name="start"/> to the end of the last token consumed.</summary>
    private TextSpan From(int start) => new(start, Math.Max(0, Previous.End - start));

    /// <summary>Notes that <paramref name="what"/> could have come at the current token, for the "expected …" of a fault there.</summary>
    private void Offer(string what)
    {
        if (Failed)
        {
            return;
        }

        if (_offersAt != _position)
        {
            _offers.Clear();
            _offersAt = _position;
        }

        if (!_offers.Contains(what))
        {
            _offers.Add(what);
        }
    }

    /// <summary>What was offered at the current token, as a phrase: "WHERE, GROUP BY or ORDER BY".</summary>
    private string Offered(string last)
    {
        var items = _offersAt == _position ? new List<string>(_offers) : [];
        items.Add(last);
        return items.Count == 1 ? items[0] : string.Join(", ", items.GetRange(0, items.Count - 1)) + " or " + items[items.Count - 1];
    }

    private void Fail(string expected) => FailAt(Current, SqlFaultKind.Syntax, $"Expected {expected}; found {Describe(Current)}.");

    private void FailAt(SqlToken token, SqlFaultKind kind, string message)
    {
        if (_error is not null)
        {
            return;
        }

        if (token.Kind == SqlTokenKind.Comment)
        {
            (kind, message) = (SqlFaultKind.Comment, "Comments are syntax errors on Picodata; remove it.");
        }
        else if (token.Kind == SqlTokenKind.Invalid)
        {
            (kind, message) = (SqlFaultKind.Syntax, DescribeInvalid(token));
        }

        // Past the last token there are no characters to point at: point at the last one instead.
        var at = token.Kind == SqlTokenKind.End && _tokens.Count > 0 ? _tokens[_tokens.Count - 1] : token;
        var length = at.Kind == SqlTokenKind.End ? _textLength : at.Length;
        _error = new SqlFault(kind, Math.Min(at.Start, Math.Max(0, _textLength - 1)), Math.Max(1, length), message);
    }

    private static string Describe(SqlToken token) => token.Kind switch
    {
        SqlTokenKind.End => "the end of the statement",
        SqlTokenKind.Word when Keywords.Contains(token.Text) => $"the keyword {token.Text.ToUpperInvariant()}",
        SqlTokenKind.String => "a string literal",
        _ => $"'{token.Text}'",
    };

    private static string DescribeInvalid(SqlToken token) => token.Text[0] switch
    {
        '\'' => "This string literal is never closed; end it with '.",
        '"' => "This quoted identifier is never closed; end it with \".",
        '/' => "This comment is never closed (and comments are syntax errors on Picodata).",
        _ => $"'{token.Text}' is not part of Picodata SQL.",
    };

    // Guards recursion: a fault rather than a stack overflow in the compiler.
    private bool Enter()
    {
        if (++_depth <= MaxDepth)
        {
            return true;
        }

        Fail($"less nesting (the statement nests deeper than {MaxDepth} levels)");
        return false;
    }

    private void Leave() => _depth--;
}
