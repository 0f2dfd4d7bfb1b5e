using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Picopyn.Generators.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. IDs are stable: <c>PICO0xx</c> method and signature,
/// <c>PICO1xx</c> SQL text and Picodata dialect, <c>PICO2xx</c> result mapping, <c>PICO3xx</c> schema, <c>PICO4xx</c> routing, <c>PICO9xx</c>
/// internal. docs/diagnostics.md has an entry, with a wrong and a right example, for each.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Signature = "Picopyn.Signature";
    private const string Dialect = "Picopyn.Sql";
    private const string Mapping = "Picopyn.Mapping";
    private const string SchemaCategory = "Picopyn.Schema";
    private const string RoutingCategory = "Picopyn.Routing";
    private const string Internal = "Picopyn.Internal";

    public static readonly DiagnosticDescriptor TypeNotPartial = Error(
        "PICO001", Signature, "The type declaring a [PicoQuery] method must be partial",
        "'{0}' must be declared partial so the generator can add to it");

    public static readonly DiagnosticDescriptor MethodNotPartial = Error(
        "PICO002", Signature, "A [PicoQuery] method must be a body-less partial method, or an interface method",
        "'{0}' must be {1}");

    public static readonly DiagnosticDescriptor Generic = Error(
        "PICO003", Signature, "[PicoQuery] methods and the types declaring them cannot be generic",
        "'{0}' is generic; the generator needs the SQL's parameter and row types fixed at build time");

    public static readonly DiagnosticDescriptor NoExecutor = Error(
        "PICO004", Signature, "A [PicoQuery] method needs a PicoClient or other PicoExecutor to run on",
        "'{0}' has nothing to run on: {1}");

    public static readonly DiagnosticDescriptor SeveralExecutors = Error(
        "PICO005", Signature, "A [PicoQuery] method can run on only one PicoExecutor",
        "'{0}' could run on {1}; keep one");

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Error(
        "PICO006", Signature, "The return type of a [PicoQuery] method is not one the generator writes",
        "'{0}' cannot be returned: {1}");

    public static readonly DiagnosticDescriptor UnsupportedParameter = Error(
        "PICO007", Signature, "A [PicoQuery] method parameter has a type Picodata does not accept",
        "Parameter '{0}' cannot be bound: {1}");

    public static readonly DiagnosticDescriptor UnusedParameter = Error(
        "PICO008", Signature, "A method parameter has no placeholder in the SQL",
        "Parameter '{0}' would be ${1}, but the statement has {2}; use it in the SQL or remove it");

    public static readonly DiagnosticDescriptor PlaceholderOutOfRange = Error(
        "PICO009", Signature, "A placeholder has no method parameter",
        "${0} has no method parameter: the method binds {1}");

    public static readonly DiagnosticDescriptor RowsForWrite = Error(
        "PICO010", Signature, "A statement that returns no rows cannot fill a row-returning method",
        "{0} returns no rows (Picodata has no RETURNING), so '{1}' cannot return {2}; return Task, Task<int> or Task<long>");

    public static readonly DiagnosticDescriptor NoRowsForRead = Error(
        "PICO011", Signature, "A query that returns rows needs a method that returns them",
        "The query returns rows, but '{0}' returns {1}; return the rows (e.g. Task<IReadOnlyList<T>>) or use a statement that writes");

    public static readonly DiagnosticDescriptor IdempotentRead = Warning(
        "PICO012", Signature, "Idempotent has no effect on a read",
        "Reads are always retried after a lost connection; Idempotent = true has no effect on '{0}'");

    public static readonly DiagnosticDescriptor InterfaceMemberNotQuery = Error(
        "PICO013", Signature, "Every member of a [PicoQuery] interface must be a [PicoQuery] method",
        "'{0}' has no [PicoQuery], so the generated implementation of '{1}' cannot implement it");

    public static readonly DiagnosticDescriptor SqlSyntax = Error(
        "PICO100", Dialect, "The SQL does not parse", "{0}");

    public static readonly DiagnosticDescriptor SqlComment = Error(
        "PICO101", Dialect, "Picodata does not accept comments", "{0}");

    public static readonly DiagnosticDescriptor SqlSeveralStatements = Error(
        "PICO102", Dialect, "Picodata runs one statement per request", "{0}");

    public static readonly DiagnosticDescriptor SqlMixedPlaceholders = Error(
        "PICO103", Dialect, "$n and ? placeholders cannot be mixed", "{0}");

    public static readonly DiagnosticDescriptor SqlPlaceholderZero = Error(
        "PICO104", Dialect, "Placeholders count from $1", "{0}");

    public static readonly DiagnosticDescriptor SqlPlaceholderGap = Error(
        "PICO105", Dialect, "A placeholder number is skipped", "{0}");

    public static readonly DiagnosticDescriptor SqlLimitNotLiteral = Error(
        "PICO106", Dialect, "LIMIT takes only a literal on Picodata", "{0}");

    public static readonly DiagnosticDescriptor SqlOffset = Error(
        "PICO107", Dialect, "Picodata has no OFFSET", "{0}");

    public static readonly DiagnosticDescriptor SqlReturning = Error(
        "PICO108", Dialect, "Picodata has no RETURNING", "{0}");

    public static readonly DiagnosticDescriptor SqlUnsupportedJoin = Error(
        "PICO109", Dialect, "Picodata has only INNER and LEFT joins with ON", "{0}");

    public static readonly DiagnosticDescriptor SqlCommaJoin = Error(
        "PICO110", Dialect, "Picodata does not join tables listed with commas", "{0}");

    public static readonly DiagnosticDescriptor SqlTransaction = Error(
        "PICO111", Dialect, "Transaction statements are no-ops on Picodata", "{0}");

    public static readonly DiagnosticDescriptor SqlRecursiveCte = Error(
        "PICO112", Dialect, "Picodata's CTEs are not recursive", "{0}");

    public static readonly DiagnosticDescriptor SqlBlockRule = Error(
        "PICO113", Dialect, "Picodata refuses this transactional block", "{0}");

    public static readonly DiagnosticDescriptor SqlConflictUpdateOutsideBlock = Error(
        "PICO114", Dialect, "ON CONFLICT DO UPDATE runs only in a DO block", "{0}");

    public static readonly DiagnosticDescriptor SqlUngroupedColumn = Error(
        "PICO115", Dialect, "A column is neither grouped nor aggregated", "{0}");

    public static readonly DiagnosticDescriptor SqlAggregateInGroupBy = Error(
        "PICO116", Dialect, "GROUP BY holds an aggregate or a window function", "{0}");

    public static readonly DiagnosticDescriptor SqlUnknownWindow = Error(
        "PICO117", Dialect, "The named window is not defined", "{0}");

    public static readonly DiagnosticDescriptor SqlIntegerOutOfRange = Error(
        "PICO118", Dialect, "An integer literal is out of Picodata's range", "{0}");

    public static readonly DiagnosticDescriptor SqlWidthMismatch = Error(
        "PICO119", Dialect, "Rows of different widths", "{0}");

    public static readonly DiagnosticDescriptor SqlUnknownFunction = Error(
        "PICO120", Dialect, "Picodata has no such function", "{0}");

    public static readonly DiagnosticDescriptor SqlTypeMismatch = Error(
        "PICO121", Dialect, "Picodata cannot resolve these types", "{0}");

    public static readonly DiagnosticDescriptor DuplicateColumn = Error(
        "PICO201", Mapping, "Two result columns have the same name",
        "{0}; give one an alias so each member takes one column");

    public static readonly DiagnosticDescriptor UnmappedColumn = Warning(
        "PICO202", Mapping, "A selected column fills no member",
        "Column '{0}' fills no member of '{1}'; remove it from the SELECT, or add a member (or [PicoColumn(\"{0}\")])");

    public static readonly DiagnosticDescriptor UnfilledMember = Error(
        "PICO203", Mapping, "A required member gets no column",
        "'{0}' of '{1}' gets no column: the query returns {2}; select a column named '{3}' or alias one (AS {3})");

    public static readonly DiagnosticDescriptor UnsupportedMemberType = Error(
        "PICO204", Mapping, "A member's type cannot be read from Picodata",
        "'{0}' of '{1}' cannot be filled: {2}");

    public static readonly DiagnosticDescriptor StarColumns = Error(
        "PICO205", Mapping, "The columns of * are not known at build time",
        "The generator fixes ordinals at build time and cannot know what {0} returns; {1}");

    public static readonly DiagnosticDescriptor ColumnCount = Error(
        "PICO206", Mapping, "The query returns a different number of columns than the result type takes",
        "'{0}' takes {1} by position, but the query returns {2}");

    public static readonly DiagnosticDescriptor NoConstructor = Error(
        "PICO207", Mapping, "The row type cannot be created",
        "'{0}' cannot be created by generated code: {1}");

    public static readonly DiagnosticDescriptor SchemaUnreadable = Error(
        Schema.SchemaDdlReader.DiagnosticId, SchemaCategory, "The schema file cannot be read", "{0}");

    public static readonly DiagnosticDescriptor UnknownTable = Error(
        "PICO301", SchemaCategory, "The schema has no such table",
        "Table '{0}' is not in the schema{1}");

    public static readonly DiagnosticDescriptor UnknownColumn = Error(
        "PICO302", SchemaCategory, "The table has no such column",
        "Column '{0}' is not a column of {1}{2}");

    public static readonly DiagnosticDescriptor AmbiguousColumn = Error(
        "PICO303", SchemaCategory, "An unqualified column is in more than one joined table",
        "Column '{0}' is in {1}; qualify it ({2})");

    public static readonly DiagnosticDescriptor ParameterTypeMismatch = Error(
        "PICO304", SchemaCategory, "A parameter's type does not fit where its placeholder stands",
        "{0} stands for {1}, but parameter '{2}' is {3}; make it {4}");

    public static readonly DiagnosticDescriptor ColumnTypeMismatch = Error(
        "PICO305", SchemaCategory, "A column's type cannot be read into its member",
        "Column '{0}' is {1}, but '{2}' of '{3}' is {4}; make it {5}");

    public static readonly DiagnosticDescriptor NullableIntoNonNullable = Warning(
        "PICO306", SchemaCategory, "A column that can be NULL fills a member that cannot hold NULL",
        "Column '{0}' can be NULL ({1}), but '{2}' of '{3}' is {4}: a NULL would throw at run time; make the member {5}, or select coalesce({0}, ...)");

    public static readonly DiagnosticDescriptor InsertCountMismatch = Error(
        "PICO307", SchemaCategory, "An INSERT supplies a different number of values than it names columns",
        "{0}");

    public static readonly DiagnosticDescriptor InsertMissingColumn = Error(
        "PICO308", SchemaCategory, "An INSERT leaves out a NOT NULL column",
        "INSERT into '{0}' supplies no value for NOT NULL {1} {2}; Picodata has no column defaults, so every NOT NULL column needs a value");

    public static readonly DiagnosticDescriptor UpdatePrimaryKey = Error(
        "PICO309", SchemaCategory, "An UPDATE sets a primary-key column",
        "UPDATE sets '{0}', a primary-key column of '{1}'; Picodata cannot update primary-key columns: delete the row and insert it again");

    public static readonly DiagnosticDescriptor ParameterTypeConflict = Error(
        "PICO310", SchemaCategory, "A placeholder is used as two different types",
        "${0} stands for {1} here but for {2} earlier; Picodata refuses a placeholder used as two types: use two parameters");

    public static readonly DiagnosticDescriptor NotRouted = Create(
        "PICO400", RoutingCategory, "The statement is not routed to one replicaset",
        "'{0}' is balanced, not routed: {1}", DiagnosticSeverity.Hidden);

    public static readonly DiagnosticDescriptor InternalError = Error(
        "PICO900", Internal, "The Picopyn generator failed",
        "The Picopyn generator failed on '{0}' ({1}); please report it. Nothing was generated for this method.");

    /// <summary>Every descriptor, by ID: diagnostics travel through the pipeline as IDs.</summary>
    public static readonly IReadOnlyDictionary<string, DiagnosticDescriptor> ById = Index(
        TypeNotPartial, MethodNotPartial, Generic, NoExecutor, SeveralExecutors, UnsupportedReturnType, UnsupportedParameter,
        UnusedParameter, PlaceholderOutOfRange, RowsForWrite, NoRowsForRead, IdempotentRead, InterfaceMemberNotQuery,
        SqlSyntax, SqlComment, SqlSeveralStatements, SqlMixedPlaceholders, SqlPlaceholderZero, SqlPlaceholderGap,
        SqlLimitNotLiteral, SqlOffset, SqlReturning, SqlUnsupportedJoin, SqlCommaJoin, SqlTransaction, SqlRecursiveCte,
        SqlBlockRule, SqlConflictUpdateOutsideBlock, SqlUngroupedColumn, SqlAggregateInGroupBy, SqlUnknownWindow, SqlIntegerOutOfRange,
        SqlWidthMismatch, SqlUnknownFunction, SqlTypeMismatch,
        DuplicateColumn, UnmappedColumn, UnfilledMember, UnsupportedMemberType, StarColumns, ColumnCount, NoConstructor,
        SchemaUnreadable, UnknownTable, UnknownColumn, AmbiguousColumn, ParameterTypeMismatch, ColumnTypeMismatch,
        NullableIntoNonNullable, InsertCountMismatch, InsertMissingColumn, UpdatePrimaryKey, ParameterTypeConflict,
        NotRouted, InternalError);

    private static DiagnosticDescriptor Error(string id, string category, string title, string message) =>
        Create(id, category, title, message, DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Warning(string id, string category, string title, string message) =>
        Create(id, category, title, message, DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Create(string id, string category, string title, string message, DiagnosticSeverity severity) =>
        new(id, title, message, category, severity, isEnabledByDefault: true,
            helpLinkUri: "https://github.com/picopyn/picopyn-dotnet/blob/main/docs/diagnostics.md#" + id.ToLowerInvariant());

    private static Dictionary<string, DiagnosticDescriptor> Index(params DiagnosticDescriptor[] descriptors)
    {
        var index = new Dictionary<string, DiagnosticDescriptor>();
        foreach (var descriptor in descriptors)
        {
            index.Add(descriptor.Id, descriptor);
        }

        return index;
    }
}
