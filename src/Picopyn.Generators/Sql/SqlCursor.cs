using System.Collections.Generic;

namespace Picopyn.Generators.Sql;

/// <summary>A position in a list of tokens, for the readers that walk a statement's grammar (the DDL reader, the schema checks).</summary>
internal sealed class SqlCursor
{
    private readonly IReadOnlyList<SqlToken> _tokens;

    public SqlCursor(IReadOnlyList<SqlToken> tokens, int position = 0, int end = -1)
    {
        _tokens = tokens;
        Position = position;
        End = end < 0 ? tokens.Count : end;
    }

    /// <summary>The whole token list the cursor walks a part of.</summary>
    public IReadOnlyList<SqlToken> Tokens => _tokens;

    public int Position { get; set; }

    /// <summary>Where the cursor's part of the token list ends (exclusive).</summary>
    public int End { get; }

    public bool AtEnd => Position >= End;

    /// <summary>The current token, or a zero-length symbol just past the last one.</summary>
    public SqlToken Current => Peek(0);

    public SqlToken Peek(int ahead)
    {
        var index = Position + ahead;
        if (index < End)
        {
            return _tokens[index];
        }

        var last = End > 0 && End <= _tokens.Count ? _tokens[End - 1] : default;
        return new SqlToken(SqlTokenKind.Symbol, last.End, 0, string.Empty);
    }

    public SqlToken Next()
    {
        var token = Current;
        if (!AtEnd)
        {
            Position++;
        }

        return token;
    }

    /// <summary>Moves past the word <paramref name="keyword"/> when it is next.</summary>
    public bool Accept(string keyword)
    {
        if (!Current.IsWord(keyword))
        {
            return false;
        }

        Position++;
        return true;
    }

    /// <summary>Moves past the words of <paramref name="keywords"/> when all of them are next, in order.</summary>
    public bool AcceptAll(params string[] keywords)
    {
        for (var i = 0; i < keywords.Length; i++)
        {
            if (!Peek(i).IsWord(keywords[i]))
            {
                return false;
            }
        }

        Position += keywords.Length;
        return true;
    }

    public bool AcceptSymbol(string symbol)
    {
        if (!Current.IsSymbol(symbol))
        {
            return false;
        }

        Position++;
        return true;
    }

    /// <summary>From an opening parenthesis at the cursor: the index of its matching closing one (or the end).</summary>
    public int MatchingParenthesis()
    {
        var depth = 0;
        for (var i = Position; i < End; i++)
        {
            if (_tokens[i].IsSymbol("("))
            {
                depth++;
            }
            else if (_tokens[i].IsSymbol(")") && --depth == 0)
            {
                return i;
            }
        }

        return End;
    }
}
