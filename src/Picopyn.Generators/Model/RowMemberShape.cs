using Picopyn.Generators.Types;

namespace Picopyn.Generators.Model;

/// <summary>
/// One member a result column can fill — a constructor parameter, a settable property, a tuple
/// element or a scalar row's value — as the parser read it off the row type, with no symbols.
/// </summary>
/// <param name="Name">The member's name (empty for a scalar row's value).</param>
/// <param name="Column">The column a <c>[PicoColumn]</c> attribute names, or <see langword="null"/> to match by name.</param>
/// <param name="MetadataName">The member's type without nullability, as the type table keys it (<c>System.Int64</c>).</param>
/// <param name="TypeDisplay">The member's type as messages show it, nullability included (<c>long?</c>).</param>
/// <param name="MemberType">The member's type, fully qualified, without nullable annotation.</param>
/// <param name="Read">How a column is read into it; <see langword="null"/> when no column can fill this type.</param>
/// <param name="UnsupportedReason">Why no column can fill it, when <paramref name="Read"/> is <see langword="null"/>.</param>
/// <param name="NullValue">The C# for NULL when the member takes NULL, else <see langword="null"/> (see <see cref="ColumnReadModel"/>).</param>
/// <param name="IsRequired">A <c>required</c> property: a column must fill it.</param>
/// <param name="Owner">The type the member belongs to, as messages name it.</param>
/// <param name="Location">The member's declaration, or <see langword="null"/> when it is not in source.</param>
internal sealed record RowMemberShape(
    string Name,
    string? Column,
    string MetadataName,
    string TypeDisplay,
    string MemberType,
    MemberReadPlan? Read,
    string? UnsupportedReason,
    string? NullValue,
    bool IsRequired,
    string Owner,
    LocationInfo? Location);
