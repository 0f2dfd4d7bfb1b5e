using System;
using System.Collections.Generic;
using System.Linq;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Sql;

/// <summary>The walk for named windows: <c>OVER w</c> needs a <c>WINDOW w AS (…)</c> in its own SELECT ("Window with name w not found").</summary>
internal static class SqlWindowRules
{
    public static void Check(StatementSyntax statement, List<SqlFault> faults)
    {
        foreach (var select in statement.DescendantNodes().OfType<SelectSyntax>())
        {
            var defined = new HashSet<string>(select.Windows.Select(w => w.Name.Name), StringComparer.Ordinal);
            var used = select.ChildNodes().SelectMany(c => c.DescendantNodes(n => n is not SubquerySyntax).Prepend(c))
                .OfType<WindowFunctionSyntax>().Where(w => w.WindowName is not null);
            foreach (var window in used.Where(w => !defined.Contains(w.WindowName!.Name)))
            {
                var name = window.WindowName!;
                faults.Add(new SqlFault(SqlFaultKind.UnknownWindow, name.Span.Start, name.Span.Length, defined.Count == 0
                    ? $"There is no window named '{name.Name}': define it after the query's FROM … clauses with WINDOW {name.Name} AS (…), or write the window inline, OVER (…)."
                    : $"There is no window named '{name.Name}' in this SELECT's WINDOW clause (it has {string.Join(", ", defined.Select(d => "'" + d + "'"))})."));
            }
        }
    }
}
