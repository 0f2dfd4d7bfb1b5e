using Microsoft.CodeAnalysis;
using Picopyn.Generators.Sql;

namespace Picopyn.Generators.Diagnostics;

/// <summary>The diagnostic for each fault the SQL reader finds.</summary>
internal static class SqlFaultDiagnostics
{
    public static DiagnosticDescriptor For(SqlFaultKind kind) => kind switch
    {
        SqlFaultKind.Comment => DiagnosticDescriptors.SqlComment,
        SqlFaultKind.SeveralStatements => DiagnosticDescriptors.SqlSeveralStatements,
        SqlFaultKind.MixedPlaceholders => DiagnosticDescriptors.SqlMixedPlaceholders,
        SqlFaultKind.PlaceholderZero => DiagnosticDescriptors.SqlPlaceholderZero,
        SqlFaultKind.PlaceholderGap => DiagnosticDescriptors.SqlPlaceholderGap,
        SqlFaultKind.LimitNotLiteral => DiagnosticDescriptors.SqlLimitNotLiteral,
        SqlFaultKind.Offset => DiagnosticDescriptors.SqlOffset,
        SqlFaultKind.Returning => DiagnosticDescriptors.SqlReturning,
        SqlFaultKind.UnsupportedJoin => DiagnosticDescriptors.SqlUnsupportedJoin,
        SqlFaultKind.CommaJoin => DiagnosticDescriptors.SqlCommaJoin,
        SqlFaultKind.TransactionStatement => DiagnosticDescriptors.SqlTransaction,
        SqlFaultKind.RecursiveCte => DiagnosticDescriptors.SqlRecursiveCte,
        SqlFaultKind.DuplicateColumn => DiagnosticDescriptors.DuplicateColumn,
        SqlFaultKind.BlockRule => DiagnosticDescriptors.SqlBlockRule,
        SqlFaultKind.ConflictUpdateOutsideBlock => DiagnosticDescriptors.SqlConflictUpdateOutsideBlock,
        SqlFaultKind.UngroupedColumn => DiagnosticDescriptors.SqlUngroupedColumn,
        SqlFaultKind.AggregateInGroupBy => DiagnosticDescriptors.SqlAggregateInGroupBy,
        SqlFaultKind.UnknownWindow => DiagnosticDescriptors.SqlUnknownWindow,
        SqlFaultKind.IntegerOutOfRange => DiagnosticDescriptors.SqlIntegerOutOfRange,
        SqlFaultKind.WidthMismatch => DiagnosticDescriptors.SqlWidthMismatch,
        SqlFaultKind.UnknownFunction => DiagnosticDescriptors.SqlUnknownFunction,
        SqlFaultKind.TypeMismatch => DiagnosticDescriptors.SqlTypeMismatch,
        _ => DiagnosticDescriptors.SqlSyntax,
    };
}
