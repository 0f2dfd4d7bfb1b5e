namespace Picopyn.Generators.Model;

/// <summary>Where a column's value goes.</summary>
internal enum MemberTarget
{
    /// <summary>The value itself (scalar rows) or a tuple element, by position.</summary>
    Value,

    /// <summary>A constructor argument, by position in <c>ColumnReadModel</c> order.</summary>
    ConstructorArgument,

    /// <summary>A settable or init-only property, in the object initializer.</summary>
    Property,
}
