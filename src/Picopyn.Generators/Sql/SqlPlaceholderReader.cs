using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Sql;

/// <summary>The walk for placeholders: every <c>$n</c> and <c>?</c> of a statement, its parameter count, and the faults in their numbering.</summary>
internal static class SqlPlaceholderReader
{
    // Picodata's Bind carries a 16-bit parameter count.
    private const int MaxPlaceholder = 65535;

    public static (List<SqlPlaceholder> Placeholders, int Count) Read(StatementSyntax statement, List<SqlFault> faults)
    {
        var parameters = statement.DescendantNodes().OfType<ParameterSyntax>().OrderBy(p => p.Span.Start).ToList();
        var placeholders = new List<SqlPlaceholder>();
        var numbers = new HashSet<int>();
        ParameterSyntax? highest = null;
        foreach (var parameter in parameters)
        {
            if (parameter.IsQuestionMark)
            {
                placeholders.Add(new SqlPlaceholder(parameter.Number, parameter.Span.Start, parameter.Span.Length));
                continue;
            }

            if (parameter.Number > MaxPlaceholder)
            {
                faults.Add(Fault(SqlFaultKind.Syntax, parameter, $"${parameter.Number} is not a placeholder number Picodata accepts."));
                continue;
            }

            if (parameter.Number == 0)
            {
                faults.Add(Fault(SqlFaultKind.PlaceholderZero, parameter, "Placeholders count from $1; $0 is an error on Picodata."));
                continue;
            }

            numbers.Add(parameter.Number);
            placeholders.Add(new SqlPlaceholder(parameter.Number, parameter.Span.Start, parameter.Span.Length));
            if (highest is null || parameter.Number > highest.Number)
            {
                highest = parameter;
            }
        }

        var questions = parameters.Count(p => p.IsQuestionMark);
        var dollar = parameters.FirstOrDefault(p => !p.IsQuestionMark);
        var question = parameters.FirstOrDefault(p => p.IsQuestionMark);
        if (dollar is not null && question is not null)
        {
            var later = dollar.Span.Start > question.Span.Start ? dollar : question;
            faults.Add(Fault(SqlFaultKind.MixedPlaceholders, later, "Use either $1..$n or ? placeholders in a statement, never both."));
            return (placeholders, Math.Max(highest?.Number ?? 0, questions));
        }

        if (question is not null)
        {
            return (placeholders, questions);
        }

        var count = highest?.Number ?? 0;
        var missing = Enumerable.Range(1, count).Where(n => !numbers.Contains(n)).ToList();
        if (missing.Count > 0)
        {
            faults.Add(Fault(SqlFaultKind.PlaceholderGap, highest!,
                $"${count} is used but {string.Join(", ", missing.Select(n => "$" + n.ToString(CultureInfo.InvariantCulture)))} never is: Picodata needs placeholders numbered without gaps."));
        }

        return (placeholders, count);
    }

    private static SqlFault Fault(SqlFaultKind kind, SyntaxNode node, string message) => new(kind, node.Span.Start, Math.Max(1, node.Span.Length), message);
}
