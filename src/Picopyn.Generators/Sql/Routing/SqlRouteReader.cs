using System;
using System.Collections.Generic;
using System.Linq;
using Picopyn.Generators.Model;
using Picopyn.Generators.Schema;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Sql.Routing;

/// <summary>
/// Finds the one bucket a statement touches, when it has one (see docs/picodata.md, "Buckets and routing"): a statement on one
/// sharded table that pins every sharding-key column to a single value — <c>WHERE k = $1 [AND k2 = $2]</c>,
/// one row of <c>VALUES</c>, an <c>UPDATE</c> or <c>DELETE</c> by key, a block whose statements all share one
/// key. Everything else has no route, and a reason: global tables are served by any instance, and a
/// statement over several buckets is the router's to spread. Read by the generator at build time and by
/// the emulated cluster's router, so both see one rule.
/// </summary>
internal static class SqlRouteReader
{
    /// <summary>The route of <paramref name="tree"/>'s statement, given the schema's tables.</summary>
    public static SqlRouting Read(SqlSyntaxTree tree, Func<string, SchemaTable?> tables) => tree.Statement switch
    {
        null => SqlRouting.NotRouted("the statement does not parse"),
        QueryStatementSyntax query => Query(query, tables),
        BlockStatementSyntax block => Block(block, tables),
        _ => SqlRouting.NotRouted("not a statement on a table's rows"),
    };

    private static SqlRouting Query(QueryStatementSyntax query, Func<string, SchemaTable?> tables) => query switch
    {
        SelectStatementSyntax select => Select(select, tables),
        InsertStatementSyntax insert => Insert(insert, tables),
        UpdateStatementSyntax update => Update(update, tables),
        DeleteStatementSyntax delete => Delete(delete, tables),
        _ => SqlRouting.NotRouted("VALUES reads no table"),
    };

    private static SqlRouting Select(SelectStatementSyntax statement, Func<string, SchemaTable?> tables)
    {
        if (statement.Ctes.Count > 0)
        {
            return SqlRouting.NotRouted("a WITH query reads more than one source");
        }

        if (statement.Body is not SelectSyntax select)
        {
            return SqlRouting.NotRouted("UNION or EXCEPT: more than one query");
        }

        if (select.From is not TableReferenceSyntax from)
        {
            return SqlRouting.NotRouted(select.From is null ? "it reads no table" : "it reads a subquery");
        }

        if (select.Joins.Count > 0)
        {
            return SqlRouting.NotRouted("a join reads more than one table");
        }

        if (ReadsSubquery(statement))
        {
            return SqlRouting.NotRouted("a subquery reads more rows");
        }

        return Pinned(from.Name, from.Alias?.Name ?? from.Name.Name, select.Where, tables);
    }

    private static SqlRouting Insert(InsertStatementSyntax insert, Func<string, SchemaTable?> tables)
    {
        if (Sharded(insert.Table, tables, out var table) is { } notSharded)
        {
            return notSharded;
        }

        if (insert.Source is not ValuesStatementSyntax values)
        {
            return SqlRouting.NotRouted("the rows come from a SELECT: any buckets");
        }

        if (values.Rows.Count != 1)
        {
            return SqlRouting.NotRouted("several rows: several buckets");
        }

        if (ReadsSubquery(insert))
        {
            return SqlRouting.NotRouted("a subquery reads more rows");
        }

        var columns = insert.Columns.Count > 0 ? insert.Columns.Select(c => c.Name).ToList() : table!.Visible.Select(c => c.Name).ToList();
        var row = values.Rows[0].Items;
        var parts = new List<SqlRoutePart>();
        foreach (var key in table!.ShardingKey)
        {
            var index = columns.IndexOf(key);
            if (index < 0 || index >= row.Count)
            {
                return SqlRouting.NotRouted($"{key} is not given a value");
            }

            if (Part(table, key, row[index], out var part) is { } why)
            {
                return SqlRouting.NotRouted(why);
            }

            parts.Add(part!);
        }

        return Routed(table, parts, insert.Table);
    }

    private static SqlRouting Update(UpdateStatementSyntax update, Func<string, SchemaTable?> tables)
    {
        if (update.From is not null)
        {
            return SqlRouting.NotRouted("UPDATE … FROM reads another table");
        }

        if (Sharded(update.Table, tables, out var table) is { } notSharded)
        {
            return notSharded;
        }

        if (update.Assignments.FirstOrDefault(a => table!.ShardingKey.Contains(a.Column.Name)) is { } moves)
        {
            return SqlRouting.NotRouted($"it sets {moves.Column.Name}, of the sharding key: the row may move");
        }

        return ReadsSubquery(update)
            ? SqlRouting.NotRouted("a subquery reads more rows")
            : Pinned(update.Table, update.Table.Name, update.Where, tables);
    }

    private static SqlRouting Delete(DeleteStatementSyntax delete, Func<string, SchemaTable?> tables) =>
        ReadsSubquery(delete)
            ? SqlRouting.NotRouted("a subquery reads more rows")
            : Pinned(delete.Table, delete.Table.Name, delete.Where, tables);

    // A block is one transaction on one replicaset when every statement in it has a route, and all are one bucket.
    private static SqlRouting Block(BlockStatementSyntax block, Func<string, SchemaTable?> tables)
    {
        SqlRouting? first = null;
        var references = new List<TextSpan>();
        foreach (var query in block.DescendantNodes(static n => n is not QueryStatementSyntax).OfType<QueryStatementSyntax>())
        {
            var routing = Query(query, tables);
            if (routing.Route is null)
            {
                return SqlRouting.NotRouted("a statement of the block has no one bucket: " + routing.WhyNot);
            }

            if (first is not null && !first.Route!.SharesBucketWith(routing.Route))
            {
                return SqlRouting.NotRouted($"its statements touch more than one bucket ({first.Route.Describe()}; {routing.Route.Describe()})");
            }

            first ??= routing;
            references.AddRange(routing.TableReferences);
        }

        return first is null ? SqlRouting.NotRouted("the block reads no table") : first with { TableReferences = references };
    }

    private static bool ReadsSubquery(SyntaxNode statement) =>
        statement.DescendantNodes().Any(static n => n is SubquerySyntax or ExistsExpressionSyntax);

    // Null when the table is sharded; otherwise why the statement has no route.
    private static SqlRouting? Sharded(IdentifierSyntax name, Func<string, SchemaTable?> tables, out SchemaTable? table)
    {
        table = tables(name.Name);
        return table is null ? SqlRouting.NotRouted($"the schema has no table {name.Name}")
            : table.IsGlobal ? SqlRouting.NotRouted($"{table.Name} is global: any instance serves it")
            : null;
    }

    // The route of a statement on one table whose WHERE pins the sharding key.
    private static SqlRouting Pinned(IdentifierSyntax name, string qualifier, ExpressionSyntax? where, Func<string, SchemaTable?> tables)
    {
        if (Sharded(name, tables, out var table) is { } notSharded)
        {
            return notSharded;
        }

        var pins = new Dictionary<string, ExpressionSyntax>(StringComparer.Ordinal);
        string? spread = null;
        if (where is not null)
        {
            CollectPins(where, table!, qualifier, pins, ref spread);
        }

        var parts = new List<SqlRoutePart>();
        foreach (var key in table!.ShardingKey)
        {
            if (!pins.TryGetValue(key, out var value))
            {
                return SqlRouting.NotRouted(spread ?? (where is null ? "no WHERE: every bucket" : $"the WHERE does not pin {key} to one value"));
            }

            if (Part(table, key, value, out var part) is { } why)
            {
                return SqlRouting.NotRouted(why);
            }

            parts.Add(part!);
        }

        return Routed(table, parts, name);
    }

    // Walks the AND-ed conditions for 'key = value'; an IN or an OR over a key column is remembered as the reason none pins it.
    private static void CollectPins(
        ExpressionSyntax condition, SchemaTable table, string qualifier, Dictionary<string, ExpressionSyntax> pins, ref string? spread)
    {
        switch (condition)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                CollectPins(parenthesized.Expression, table, qualifier, pins, ref spread);
                break;
            case BinaryExpressionSyntax { Operator: BinaryOperator.And } both:
                CollectPins(both.Left, table, qualifier, pins, ref spread);
                CollectPins(both.Right, table, qualifier, pins, ref spread);
                break;
            case BinaryExpressionSyntax { Operator: BinaryOperator.Eq } equal:
                if (KeyColumn(equal.Left, table, qualifier) is { } left && IsValue(equal.Right))
                {
                    Pin(pins, left, equal.Right);
                }
                else if (KeyColumn(equal.Right, table, qualifier) is { } right && IsValue(equal.Left))
                {
                    Pin(pins, right, equal.Left);
                }

                break;
            case InExpressionSyntax { IsNot: false } @in when KeyColumn(@in.Operand, table, qualifier) is { } column:
                spread ??= $"{column} is bound by IN: several buckets";
                break;
            case BinaryExpressionSyntax { Operator: BinaryOperator.Or } either
                when either.DescendantNodes().Any(n => n is ExpressionSyntax e && KeyColumn(e, table, qualifier) is not null):
                spread ??= "the sharding key is bound under OR: several buckets";
                break;
        }
    }

    // The first value pins a column; 'k = $1 AND k = $2' is one bucket or none, and the first says which.
    private static void Pin(Dictionary<string, ExpressionSyntax> pins, string column, ExpressionSyntax value)
    {
        if (!pins.ContainsKey(column))
        {
            pins[column] = value;
        }
    }

    private static string? KeyColumn(ExpressionSyntax expression, SchemaTable table, string qualifier) =>
        expression is ColumnReferenceSyntax column
        && (column.Qualifier is null || string.Equals(column.Qualifier.Name, qualifier, StringComparison.Ordinal))
        && table.ShardingKey.Contains(column.Name.Name)
            ? column.Name.Name
            : null;

    private static bool IsValue(ExpressionSyntax expression) => expression is ParameterSyntax or LiteralSyntax;

    // The part for one key column, or why its value cannot be hashed at build time.
    private static string? Part(SchemaTable table, string column, ExpressionSyntax value, out SqlRoutePart? part)
    {
        part = null;
        var type = table.Column(column)?.Type ?? PicoType.Unknown;
        if (type is PicoType.Double or PicoType.Datetime)
        {
            // docs/picodata.md, "Buckets and routing": how Picodata encodes these for the hash is not verified yet.
            return $"{column} is {PicoTypeNames.Name(type)}: its buckets are not computed until verified";
        }

        if (type is not (PicoType.Integer or PicoType.Unsigned or PicoType.Text or PicoType.Boolean or PicoType.Uuid or PicoType.Decimal))
        {
            return $"{column} is {(type == PicoType.Unknown ? "of an unknown type" : PicoTypeNames.Name(type))}: not a key type";
        }

        switch (value)
        {
            case ParameterSyntax parameter:
                part = new SqlRoutePart(column, type, parameter.Number, null, null);
                return null;
            case LiteralSyntax literal when Fits(literal.Kind, type):
                part = new SqlRoutePart(column, type, 0, literal.Kind, literal.StringValue);
                return null;
            default:
                return $"{column} is compared with a value of another type";
        }
    }

    // The literals Picodata stores in a key column of this type as they are (no cast that could change the hash).
    private static bool Fits(LiteralKind kind, PicoType type) => type switch
    {
        PicoType.Integer or PicoType.Unsigned => kind is LiteralKind.Unsigned or LiteralKind.Integer,
        PicoType.Decimal => kind is LiteralKind.Unsigned or LiteralKind.Integer or LiteralKind.Decimal,
        PicoType.Text or PicoType.Uuid => kind is LiteralKind.String,
        PicoType.Boolean => kind is LiteralKind.True or LiteralKind.False,
        _ => false,
    };

    private static SqlRouting Routed(SchemaTable table, List<SqlRoutePart> parts, IdentifierSyntax reference) =>
        new(new SqlRoute(table.Name, table.Tier, new EquatableArray<SqlRoutePart>(parts.ToArray())), null, [reference.Span]);
}
