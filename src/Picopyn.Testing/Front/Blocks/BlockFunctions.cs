using System.Collections.Concurrent;
using Picopyn.Generators.Sql;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Testing.Front.Blocks;

/// <summary>
/// The block functions made on one instance, by block text and declared parameter types: each is made
/// once (sessions asking at the same time share the making); one that failed is made again when asked
/// again, as the tables it needs may exist by then.
/// </summary>
internal sealed class BlockFunctions(FrontServices services)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<BlockFunction>>> _made = new(StringComparer.Ordinal);

    public async Task<BlockFunction> GetAsync(string sql, IReadOnlyList<int> declaredTypes, CancellationToken cancellationToken)
    {
        var key = sql + "\n" + string.Join(",", declaredTypes);
        var making = _made.GetOrAdd(key, _ => new Lazy<Task<BlockFunction>>(() => MakeAsync(sql, declaredTypes)));
        try
        {
            return await making.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (making.Value.IsFaulted)
        {
            _made.TryRemove(new KeyValuePair<string, Lazy<Task<BlockFunction>>>(key, making));
            throw;
        }
    }

    // Not the caller's token: other sessions may be waiting on the same making.
    private async Task<BlockFunction> MakeAsync(string sql, IReadOnlyList<int> declaredTypes)
    {
        var tree = SqlParser.Parse(sql);
        var connection = await services.OpenInstanceConnection(CancellationToken.None).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await BlockTranslator.CreateAsync(
                tree, (BlockStatementSyntax)tree.Statement!, declaredTypes, connection, services.ApplicationUser, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
