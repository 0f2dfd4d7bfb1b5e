using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Picopyn.Generators.Model;

namespace Picopyn.Generators.Sql;

/// <summary>
/// Reads one Picodata statement well enough to know what it does, which placeholders it uses,
/// what its result columns are called, and what in it Picodata would refuse
/// (reference/picodata.md §5). It reads tokens and parenthesis depth rather than a full grammar,
/// and it never throws: whatever it cannot read becomes a <see cref="SqlFaultKind.Syntax"/> fault.
/// Shared by the generator, the schema checker and the command-line tool.
/// </summary>
internal static class SqlReader
{
    // Keywords that end a SELECT list at its own depth.
    private static readonly HashSet<string> SelectListEnd = new(StringComparer.OrdinalIgnoreCase)
    {
        "from", "where", "group", "having", "order", "limit", "offset", "union", "except", "intersect", "window", "option", "into",
    };

    // Keywords that end a FROM list at its own depth (JOIN ... ON stays inside it).
    private static readonly HashSet<string> FromListEnd = new(StringComparer.OrdinalIgnoreCase)
    {
        "where", "group", "having", "order", "limit", "offset", "union", "except", "intersect", "window", "option",
        "returning", "select", "set", "values",
    };

    private static readonly HashSet<string> TransactionKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "begin", "start", "commit", "end", "rollback", "abort", "savepoint", "release",
    };

    public static SqlAnalysis Read(string sql)
    {
        var faults = new List<SqlFault>();
        var all = SqlTokenizer.Tokenize(sql ?? string.Empty);
        var tokens = new List<SqlToken>(all.Count);
        foreach (var token in all)
        {
            switch (token.Kind)
            {
                case SqlTokenKind.Comment:
                    faults.Add(Fault(SqlFaultKind.Comment, token, "Comments are syntax errors on Picodata; remove it."));
                    break;
                case SqlTokenKind.Invalid:
                    faults.Add(Fault(SqlFaultKind.Syntax, token, DescribeInvalid(token)));
                    break;
                default:
                    tokens.Add(token);
                    break;
            }
        }

        // A trailing ';' is allowed; anything after a ';' is a second statement.
        while (tokens.Count > 0 && tokens[tokens.Count - 1].IsSymbol(";"))
        {
            tokens.RemoveAt(tokens.Count - 1);
        }

        var separator = tokens.FindIndex(t => t.IsSymbol(";"));
        if (separator >= 0)
        {
            faults.Add(Fault(SqlFaultKind.SeveralStatements, tokens[separator + 1], "Picodata takes one statement per request; split this into separate queries."));
            tokens.RemoveRange(separator, tokens.Count - separator);
        }

        // Past an unterminated string or comment nothing can be read reliably: report that alone.
        if (faults.Exists(f => f.Kind == SqlFaultKind.Syntax))
        {
            return Result(SqlStatementKind.Unknown, 0, [], [], faults);
        }

        if (tokens.Count == 0)
        {
            faults.Add(new SqlFault(SqlFaultKind.Syntax, 0, Math.Max(1, (sql ?? string.Empty).Length), "The SQL text holds no statement."));
            return Result(SqlStatementKind.Unknown, 0, [], [], faults);
        }

        CheckParentheses(tokens, faults);
        var (placeholders, parameterCount) = ReadPlaceholders(tokens, faults);
        var (kind, mainIndex) = ReadKind(tokens, faults);
        CheckDialect(tokens, kind, faults);
        var columns = kind switch
        {
            SqlStatementKind.Select => ReadSelectList(tokens, mainIndex, faults),
            SqlStatementKind.Values => ReadValuesColumns(tokens, mainIndex),
            _ => new List<SqlResultColumn>(),
        };
        faults.AddRange(DuplicateColumns(columns));
        return Result(kind, parameterCount, placeholders, columns, faults);
    }

    private static SqlAnalysis Result(
        SqlStatementKind kind, int parameterCount, List<SqlPlaceholder> placeholders, List<SqlResultColumn> columns, List<SqlFault> faults) =>
        new(kind, parameterCount,
            new EquatableArray<SqlPlaceholder>(placeholders.ToArray()),
            new EquatableArray<SqlResultColumn>(columns.ToArray()),
            new EquatableArray<SqlFault>(faults.OrderBy(f => f.Start).ToArray()));

    private static SqlFault Fault(SqlFaultKind kind, SqlToken token, string message) => new(kind, token.Start, Math.Max(1, token.Length), message);

    private static string DescribeInvalid(SqlToken token) => token.Text[0] switch
    {
        '\'' => "This string literal is never closed; end it with '.",
        '"' => "This quoted identifier is never closed; end it with \".",
        '/' => "This comment is never closed (and comments are syntax errors on Picodata).",
        _ => $"'{token.Text}' is not part of Picodata SQL.",
    };

    private static void CheckParentheses(List<SqlToken> tokens, List<SqlFault> faults)
    {
        var open = new Stack<SqlToken>();
        foreach (var token in tokens)
        {
            if (token.IsSymbol("("))
            {
                open.Push(token);
            }
            else if (token.IsSymbol(")"))
            {
                if (open.Count == 0)
                {
                    faults.Add(Fault(SqlFaultKind.Syntax, token, "This ')' closes no '('."));
                }
                else
                {
                    open.Pop();
                }
            }
        }

        foreach (var token in open)
        {
            faults.Add(Fault(SqlFaultKind.Syntax, token, "This '(' is never closed."));
        }
    }

    private static (List<SqlPlaceholder> Placeholders, int Count) ReadPlaceholders(List<SqlToken> tokens, List<SqlFault> faults)
    {
        var placeholders = new List<SqlPlaceholder>();
        SqlToken? firstDollar = null;
        SqlToken? firstQuestion = null;
        var questions = 0;
        var highest = 0;
        SqlToken highestToken = default;
        var numbers = new HashSet<int>();
        foreach (var token in tokens)
        {
            if (token.Kind == SqlTokenKind.DollarParameter)
            {
                firstDollar ??= token;
                if (!int.TryParse(token.Text.Substring(1), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > 65535)
                {
                    faults.Add(Fault(SqlFaultKind.Syntax, token, $"{token.Text} is not a placeholder number Picodata accepts."));
                    continue;
                }

                if (number == 0)
                {
                    faults.Add(Fault(SqlFaultKind.PlaceholderZero, token, "Placeholders count from $1; $0 is an error on Picodata."));
                    continue;
                }

                numbers.Add(number);
                placeholders.Add(new SqlPlaceholder(number, token.Start, token.Length));
                if (number > highest)
                {
                    highest = number;
                    highestToken = token;
                }
            }
            else if (token.Kind == SqlTokenKind.QuestionParameter)
            {
                firstQuestion ??= token;
                placeholders.Add(new SqlPlaceholder(++questions, token.Start, token.Length));
            }
        }

        if (firstDollar is { } dollar && firstQuestion is { } question)
        {
            var later = dollar.Start > question.Start ? dollar : question;
            faults.Add(Fault(SqlFaultKind.MixedPlaceholders, later, "Use either $1..$n or ? placeholders in a statement, never both."));
            return (placeholders, Math.Max(highest, questions));
        }

        var missing = Enumerable.Range(1, highest).Where(n => !numbers.Contains(n)).ToList();
        if (missing.Count > 0)
        {
            faults.Add(Fault(
                SqlFaultKind.PlaceholderGap, highestToken,
                $"{highestToken.Text} is used but {string.Join(", ", missing.Select(n => "$" + n.ToString(CultureInfo.InvariantCulture)))} never is: Picodata needs placeholders numbered without gaps."));
        }

        return (placeholders, firstQuestion is null ? highest : questions);
    }

    // The statement kind, and the index of its main keyword (after WITH and opening parentheses).
    private static (SqlStatementKind Kind, int MainIndex) ReadKind(List<SqlToken> tokens, List<SqlFault> faults)
    {
        var i = 0;
        while (i < tokens.Count && tokens[i].IsSymbol("("))
        {
            i++;
        }

        if (i < tokens.Count && tokens[i].IsWord("with"))
        {
            i = SkipCommonTableExpressions(tokens, i + 1, faults);
        }

        if (i >= tokens.Count)
        {
            faults.Add(Fault(SqlFaultKind.Syntax, tokens[tokens.Count - 1], "The statement ends before its main SELECT, INSERT, UPDATE or DELETE."));
            return (SqlStatementKind.Unknown, i);
        }

        var keyword = tokens[i];
        var kind = keyword.Kind != SqlTokenKind.Word ? SqlStatementKind.Unknown : keyword.Text.ToLowerInvariant() switch
        {
            "select" => SqlStatementKind.Select,
            "values" => SqlStatementKind.Values,
            "insert" => SqlStatementKind.Insert,
            "update" => SqlStatementKind.Update,
            "delete" => SqlStatementKind.Delete,
            "truncate" => SqlStatementKind.Truncate,
            "create" or "drop" or "alter" => SqlStatementKind.Ddl,
            _ when TransactionKeywords.Contains(keyword.Text) => SqlStatementKind.Transaction,
            _ => SqlStatementKind.Unknown,
        };

        if (kind == SqlStatementKind.Transaction)
        {
            faults.Add(Fault(SqlFaultKind.TransactionStatement, keyword,
                $"{keyword.Text.ToUpperInvariant()} does nothing on Picodata: every statement runs on its own (autocommit)."));
        }
        else if (kind == SqlStatementKind.Unknown)
        {
            faults.Add(Fault(SqlFaultKind.Syntax, keyword,
                $"'{keyword.Text}' does not start a statement Picopyn knows: write SELECT, VALUES, INSERT, UPDATE, DELETE, TRUNCATE or DDL."));
        }

        return (kind, i);
    }

    // WITH name [(columns)] AS (query) [, ...]: returns the index after the last definition.
    private static int SkipCommonTableExpressions(List<SqlToken> tokens, int i, List<SqlFault> faults)
    {
        if (i < tokens.Count && tokens[i].IsWord("recursive"))
        {
            faults.Add(Fault(SqlFaultKind.RecursiveCte, tokens[i], "Picodata's common table expressions are not recursive."));
            i++;
        }

        while (i < tokens.Count)
        {
            i++; // the CTE name
            if (i < tokens.Count && tokens[i].IsSymbol("("))
            {
                i = SkipParentheses(tokens, i);
            }

            if (i < tokens.Count && tokens[i].IsWord("as"))
            {
                i++;
            }

            if (i < tokens.Count && tokens[i].IsSymbol("("))
            {
                i = SkipParentheses(tokens, i);
            }

            if (i < tokens.Count && tokens[i].IsSymbol(","))
            {
                i++;
                continue;
            }

            return i;
        }

        return i;
    }

    // From an opening parenthesis, the index just after its matching closing one.
    private static int SkipParentheses(List<SqlToken> tokens, int open)
    {
        var depth = 0;
        for (var i = open; i < tokens.Count; i++)
        {
            if (tokens[i].IsSymbol("("))
            {
                depth++;
            }
            else if (tokens[i].IsSymbol(")") && --depth == 0)
            {
                return i + 1;
            }
        }

        return tokens.Count;
    }

    private static void CheckDialect(List<SqlToken> tokens, SqlStatementKind kind, List<SqlFault> faults)
    {
        // FROM-clause state per parenthesis depth, to catch comma joins at any level of nesting.
        var inFrom = new Dictionary<int, bool>();
        var depth = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.IsSymbol("("))
            {
                depth++;
                inFrom[depth] = false;
                continue;
            }

            if (token.IsSymbol(")"))
            {
                depth--;
                continue;
            }

            if (token.IsSymbol(",") && inFrom.TryGetValue(depth, out var from) && from)
            {
                faults.Add(Fault(SqlFaultKind.CommaJoin, token,
                    "Picodata has no comma joins: join the next table with JOIN ... ON or LEFT JOIN ... ON."));
                continue;
            }

            if (token.Kind != SqlTokenKind.Word || kind == SqlStatementKind.Ddl)
            {
                continue;
            }

            var word = token.Text.ToLowerInvariant();
            if (word == "from")
            {
                inFrom[depth] = true;
            }
            else if (FromListEnd.Contains(word))
            {
                inFrom[depth] = false;
            }

            switch (word)
            {
                case "limit":
                    var next = i + 1 < tokens.Count ? tokens[i + 1] : token;
                    if (next.Kind != SqlTokenKind.Number && !next.IsWord("all"))
                    {
                        faults.Add(Fault(SqlFaultKind.LimitNotLiteral, next,
                            "Picodata's LIMIT takes only an unsigned number or ALL, not a placeholder or an expression."));
                    }

                    break;
                case "offset":
                    faults.Add(Fault(SqlFaultKind.Offset, token, "Picodata has no OFFSET; page by a key instead (WHERE id > $1 ORDER BY id LIMIT n)."));
                    break;
                case "returning":
                    faults.Add(Fault(SqlFaultKind.Returning, token, "Picodata has no RETURNING; read the rows back with a SELECT."));
                    break;
                case "right":
                case "full":
                case "cross":
                case "natural":
                    if (IsJoinModifier(tokens, i))
                    {
                        faults.Add(Fault(SqlFaultKind.UnsupportedJoin, token,
                            $"Picodata has no {word.ToUpperInvariant()} joins: only [INNER] JOIN ... ON and LEFT [OUTER] JOIN ... ON."));
                    }

                    break;
                case "using" when i > 0 && tokens.Take(i).Any(t => t.IsWord("join")):
                    faults.Add(Fault(SqlFaultKind.UnsupportedJoin, token, "Picodata joins take ON conditions, not USING (...)."));
                    break;
            }
        }
    }

    // RIGHT/FULL [OUTER] JOIN, CROSS JOIN, NATURAL ...: the word is a join modifier, not a function or column.
    private static bool IsJoinModifier(List<SqlToken> tokens, int i)
    {
        if (tokens[i].IsWord("natural"))
        {
            return true;
        }

        var next = i + 1;
        if (next < tokens.Count && tokens[next].IsWord("outer"))
        {
            next++;
        }

        return next < tokens.Count && tokens[next].IsWord("join");
    }

    private static List<SqlResultColumn> ReadSelectList(List<SqlToken> tokens, int selectIndex, List<SqlFault> faults)
    {
        var columns = new List<SqlResultColumn>();
        var i = selectIndex + 1;
        if (i < tokens.Count && (tokens[i].IsWord("distinct") || tokens[i].IsWord("all")))
        {
            i++;
        }

        var item = new List<SqlToken>();
        var depth = 0;
        for (; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (depth == 0 && (token.IsSymbol(",") || token.IsSymbol(")") || (token.Kind == SqlTokenKind.Word && SelectListEnd.Contains(token.Text))))
            {
                if (!AddColumn(item, columns, tokens[selectIndex], faults) || !token.IsSymbol(","))
                {
                    return columns;
                }

                item.Clear();
                continue;
            }

            depth += token.IsSymbol("(") ? 1 : token.IsSymbol(")") ? -1 : 0;
            item.Add(token);
        }

        AddColumn(item, columns, tokens[selectIndex], faults);
        return columns;
    }

    private static bool AddColumn(List<SqlToken> item, List<SqlResultColumn> columns, SqlToken select, List<SqlFault> faults)
    {
        if (item.Count == 0)
        {
            faults.Add(Fault(SqlFaultKind.Syntax, select, "A SELECT list item is missing."));
            return false;
        }

        var first = item[0];
        var last = item[item.Count - 1];
        var position = columns.Count + 1;
        if (item.Count >= 2 && item[item.Count - 2].IsWord("as") && last.IsName)
        {
            columns.Add(new SqlResultColumn(last.Name, last.Start, last.Length, IsStar: false, IsNamed: true));
        }
        else if (item.Count == 1 && first.IsSymbol("*") || item.Count == 3 && item[1].IsSymbol(".") && last.IsSymbol("*"))
        {
            columns.Add(new SqlResultColumn("*", first.Start, last.End - first.Start, IsStar: true, IsNamed: false));
        }
        else if ((item.Count == 1 && first.IsName) || (item.Count == 3 && first.IsName && item[1].IsSymbol(".") && last.IsName))
        {
            columns.Add(new SqlResultColumn(last.Name, last.Start, last.Length, IsStar: false, IsNamed: true));
        }
        else
        {
            // Picodata names an unnamed expression after its position: col_1, col_2, ...
            columns.Add(new SqlResultColumn(
                "col_" + position.ToString(CultureInfo.InvariantCulture), first.Start, last.End - first.Start, IsStar: false, IsNamed: false));
        }

        return true;
    }

    private static List<SqlResultColumn> ReadValuesColumns(List<SqlToken> tokens, int valuesIndex)
    {
        var columns = new List<SqlResultColumn>();
        var open = valuesIndex + 1;
        if (open >= tokens.Count || !tokens[open].IsSymbol("("))
        {
            return columns;
        }

        var depth = 0;
        var itemStart = open + 1;
        for (var i = open; i < tokens.Count; i++)
        {
            if (tokens[i].IsSymbol("("))
            {
                depth++;
            }
            else if ((tokens[i].IsSymbol(")") && --depth == 0) || (depth == 1 && tokens[i].IsSymbol(",")))
            {
                if (i > itemStart)
                {
                    var position = (columns.Count + 1).ToString(CultureInfo.InvariantCulture);
                    columns.Add(new SqlResultColumn("col_" + position, tokens[itemStart].Start, tokens[i - 1].End - tokens[itemStart].Start, false, false));
                }

                if (depth == 0)
                {
                    break;
                }

                itemStart = i + 1;
            }
        }

        return columns;
    }

    /// <summary>
    /// A fault for each result column whose name an earlier one already has. Also run on the columns a
    /// schema expanded <c>*</c> into, where two tables of a join can both bring one.
    /// </summary>
    internal static IEnumerable<SqlFault> DuplicateColumns(IReadOnlyList<SqlResultColumn> columns)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in columns.Where(c => !c.IsStar))
        {
            if (!seen.Add(column.Name))
            {
                // Columns sharing one span came from the same expanded *.
                yield return new SqlFault(SqlFaultKind.DuplicateColumn, column.Start, column.Length,
                    columns.Count(c => c.Start == column.Start) > 1
                        ? $"The result already has a column '{column.Name}' (* returns one from more than one table)"
                        : $"The result already has a column '{column.Name}'; give this one another name with AS.");
            }
        }
    }
}
