namespace Picopyn.Generators.Model;

/// <summary>
/// A row type as the parser read it off the method's return type, with no symbols: what the binder
/// matches result columns against once it knows them (after a <c>select *</c> is expanded from the schema).
/// </summary>
/// <param name="Kind">A scalar (one column), a tuple (by position) or an object (by name).</param>
/// <param name="Type">The row type for the emitter, fully qualified with nullable annotations.</param>
/// <param name="DisplayName">The row type as messages name it.</param>
/// <param name="Elements">A scalar's one value, or a tuple's elements in order.</param>
/// <param name="Constructors">An object's usable constructors, most parameters first.</param>
/// <param name="Properties">An object's settable properties.</param>
/// <param name="Location">The type's declaration, where faults of the whole type go; <see langword="null"/> when not in source.</param>
internal sealed record RowTypeShape(
    RowKind Kind,
    string Type,
    string DisplayName,
    EquatableArray<RowMemberShape> Elements,
    EquatableArray<EquatableArray<RowMemberShape>> Constructors,
    EquatableArray<RowMemberShape> Properties,
    LocationInfo? Location);
