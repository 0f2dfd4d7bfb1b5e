using System;
using System.Collections.Generic;
using System.Linq;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Sql;

/// <summary>
/// The walk for function names: each call names a function Picodata has — its built-in functions
/// (<c>sql-executor</c>'s <c>get_builtin_functions</c>), its aggregates (<c>AggregateKind::from_name</c>) and
/// its window functions (<c>row_number</c>, <c>last_value</c>, and the aggregates over a window), at commit
/// 812716f7 — and a window-only function is called with <c>OVER</c>.
/// </summary>
internal static class SqlFunctionRules
{
    /// <summary>Picodata's scalar functions (TRIM and SUBSTRING's own grammars aside).</summary>
    public static readonly HashSet<string> Scalars = new(StringComparer.Ordinal)
    {
        "version", "to_date", "to_char", "substring", "substr", "lower", "upper", "coalesce", "abs", "json_extract_path",
        "_pico_bucket", "pico_config_file_path", "pico_instance_dir", "pico_instance_name", "pico_instance_uuid",
        "pico_raft_leader_id", "pico_raft_leader_uuid", "pico_replicaset_name", "pico_tier_name", "pico_instance_health_status",
    };

    /// <summary>Functions that exist only over a window.</summary>
    public static readonly HashSet<string> WindowOnly = new(StringComparer.Ordinal) { "row_number", "last_value" };

    public static void Check(StatementSyntax statement, List<SqlFault> faults)
    {
        foreach (var node in statement.DescendantNodes())
        {
            switch (node)
            {
                case FunctionCallSyntax call when WindowOnly.Contains(call.Name.Name):
                    faults.Add(Fault(call.Name, $"{call.Name.Name}() is a window function: it needs OVER (…) (or OVER a named window)."));
                    break;
                case FunctionCallSyntax call when !call.Name.IsQuoted && !Scalars.Contains(call.Name.Name) && !SqlGroupingRules.Aggregates.Contains(call.Name.Name):
                    var known = Scalars.Concat(SqlGroupingRules.Aggregates).Where(n => n[0] != '_');
                    faults.Add(Fault(call.Name, $"Picodata has no function '{call.Name.Name}'{NameSuggestions.DidYouMean(call.Name.Name, known)}"));
                    break;
                case WindowFunctionSyntax window when !WindowOnly.Contains(window.Name.Name) && !SqlGroupingRules.Aggregates.Contains(window.Name.Name):
                    var windows = WindowOnly.Concat(SqlGroupingRules.Aggregates);
                    faults.Add(Fault(window.Name,
                        $"Picodata has no window function '{window.Name.Name}'{NameSuggestions.DidYouMean(window.Name.Name, windows)}; over a window it has row_number, last_value and the aggregates."));
                    break;
            }
        }
    }

    private static SqlFault Fault(IdentifierSyntax name, string message) => new(SqlFaultKind.UnknownFunction, name.Span.Start, name.Span.Length, message);
}
