namespace Picopyn.Generators.Model;

/// <summary>How a row value is built.</summary>
internal enum RowKind
{
    /// <summary>The single column's value is the row.</summary>
    Scalar,

    /// <summary><c>new T(args) { Property = value, ... }</c>.</summary>
    Object,

    /// <summary><c>(value, value, ...)</c>, columns by position.</summary>
    Tuple,
}
