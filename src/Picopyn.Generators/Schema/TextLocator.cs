using System.Collections.Generic;
using Picopyn.Generators.Model;

namespace Picopyn.Generators.Schema;

/// <summary>Turns offsets in a file that is not C# (a schema file) into locations with line positions.</summary>
internal sealed class TextLocator
{
    private readonly string _path;
    private readonly List<int> _lineStarts = [0];

    public TextLocator(string path, string text)
    {
        _path = path;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    public LocationInfo At(int start, int length)
    {
        var (startLine, startCharacter) = Position(start);
        var (endLine, endCharacter) = Position(start + length);
        return new LocationInfo(_path, start, length, startLine, startCharacter, endLine, endCharacter);
    }

    private (int Line, int Character) Position(int offset)
    {
        var line = _lineStarts.BinarySearch(offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return (line, offset - _lineStarts[line]);
    }
}
