namespace Picopyn.Generators.Schema;

/// <summary>What the schema checks know of an expression's value: its Picodata type and whether it can be NULL.</summary>
/// <param name="Type">The type, or <see cref="PicoType.Unknown"/> when the checks cannot tell (never a mismatch).</param>
/// <param name="IsNullable">Whether the value can be NULL.</param>
/// <param name="NullableBecause">Why it can be NULL, for messages: <c>a nullable column of 'users'</c>, <c>the right side of a LEFT JOIN</c>.</param>
internal readonly record struct SqlType(PicoType Type, bool IsNullable, string? NullableBecause = null)
{
    public static SqlType Unknown => new(PicoType.Unknown, false);

    public bool IsKnown => Type != PicoType.Unknown;

    /// <summary>This type, made nullable for <paramref name="because"/> when <paramref name="nullable"/> is set.</summary>
    public SqlType OrNull(bool nullable, string because) =>
        nullable && !IsNullable ? new SqlType(Type, true, because) : this;
}
