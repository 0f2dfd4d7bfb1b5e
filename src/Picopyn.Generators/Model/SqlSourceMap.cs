namespace Picopyn.Generators.Model;

/// <summary>
/// Where each character of a statement's SQL text stands in the source file, as plain numbers, so
/// that a step with no syntax tree (the binder, the schema checks) can still report a fault on its
/// own characters inside the string literal.
/// </summary>
/// <param name="FilePath">The source file.</param>
/// <param name="Positions">One entry per SQL character plus one for the end: its offset in the file; empty when the SQL is not a single literal.</param>
/// <param name="WholeStart">Start of the whole attribute argument, where every position maps when <paramref name="Positions"/> is empty.</param>
/// <param name="WholeLength">Length of the whole argument.</param>
/// <param name="FirstLine">The zero-based line the argument starts on.</param>
/// <param name="LineStarts">The file offset of each line the argument spans, from <paramref name="FirstLine"/> on.</param>
internal sealed record SqlSourceMap(
    string FilePath, EquatableArray<int> Positions, int WholeStart, int WholeLength, int FirstLine, EquatableArray<int> LineStarts)
{
    /// <summary>The location of the SQL characters <c>[start, start + length)</c>.</summary>
    public LocationInfo At(int start, int length)
    {
        int begin;
        int end;
        if (Positions.Count == 0 || start < 0 || length < 0 || start + length >= Positions.Count)
        {
            begin = WholeStart;
            end = WholeStart + WholeLength;
        }
        else
        {
            begin = Positions[start];
            end = length == 0 ? begin : Positions[start + length];
        }

        var (startLine, startCharacter) = LinePosition(begin);
        var (endLine, endCharacter) = LinePosition(end);
        return new LocationInfo(FilePath, begin, end - begin, startLine, startCharacter, endLine, endCharacter);
    }

    private (int Line, int Character) LinePosition(int offset)
    {
        var line = 0;
        while (line + 1 < LineStarts.Count && LineStarts[line + 1] <= offset)
        {
            line++;
        }

        var lineStart = LineStarts.Count == 0 ? offset : LineStarts[line];
        return (FirstLine + line, offset - lineStart);
    }
}
