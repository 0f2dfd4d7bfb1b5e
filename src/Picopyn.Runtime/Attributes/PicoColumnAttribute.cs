namespace Picopyn;

/// <summary>
/// Names the result column a record member or constructor parameter takes, where the default
/// match (<c>snake_case</c> column to <c>PascalCase</c> member, ignoring case) does not fit.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class PicoColumnAttribute : Attribute
{
    /// <summary>Names the column.</summary>
    /// <param name="name">The column name as the statement's result names it.</param>
    public PicoColumnAttribute(string name) => Name = name;

    /// <summary>The column name.</summary>
    public string Name { get; }
}
