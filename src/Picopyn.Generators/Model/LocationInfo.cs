namespace Picopyn.Generators.Model;

/// <summary>
/// Where a diagnostic belongs, as plain numbers: the file and the character span in it, plus the
/// line positions for when the file is not part of the compilation. Kept instead of a Roslyn
/// <c>Location</c>, which would pin a syntax tree in the generator cache.
/// </summary>
internal sealed record LocationInfo(
    string FilePath, int Start, int Length, int StartLine, int StartCharacter, int EndLine, int EndCharacter);
