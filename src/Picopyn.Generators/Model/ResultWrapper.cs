namespace Picopyn.Generators.Model;

/// <summary>The awaitable a method returns its result in.</summary>
internal enum ResultWrapper
{
    /// <summary><c>Task</c> or <c>Task&lt;T&gt;</c>.</summary>
    Task,

    /// <summary><c>ValueTask</c> or <c>ValueTask&lt;T&gt;</c>.</summary>
    ValueTask,

    /// <summary>None: an <c>IAsyncEnumerable&lt;T&gt;</c>.</summary>
    None,
}
