namespace Picopyn.Generators.Model;

/// <summary>How a method's result is made from the statement's outcome.</summary>
internal enum ResultShape
{
    /// <summary><c>Task</c>: nothing; the statement must not return rows.</summary>
    None,

    /// <summary><c>Task&lt;int&gt;</c> for DML: the rows affected.</summary>
    AffectedInt32,

    /// <summary><c>Task&lt;long&gt;</c> for DML: the rows affected.</summary>
    AffectedInt64,

    /// <summary><c>Task&lt;List&lt;T&gt;&gt;</c>.</summary>
    List,

    /// <summary><c>Task&lt;IReadOnlyList&lt;T&gt;&gt;</c>, a <c>List&lt;T&gt;</c> underneath.</summary>
    ReadOnlyList,

    /// <summary><c>Task&lt;T[]&gt;</c>.</summary>
    Array,

    /// <summary><c>Task&lt;T?&gt;</c>: the first row, or null when there is none.</summary>
    FirstOrDefault,

    /// <summary><c>Task&lt;T&gt;</c>: exactly one row, otherwise an exception.</summary>
    Single,

    /// <summary><c>IAsyncEnumerable&lt;T&gt;</c>: rows as they arrive.</summary>
    Stream,
}
