namespace Picopyn.Generators.Sql;

/// <summary>A placeholder occurrence: its number (<c>$n</c>, or the position of a <c>?</c>) and where it stands.</summary>
internal sealed record SqlPlaceholder(int Number, int Start, int Length);
