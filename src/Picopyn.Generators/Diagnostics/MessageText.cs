using System.Globalization;

namespace Picopyn.Generators.Diagnostics;

/// <summary>Small pieces of diagnostic messages.</summary>
internal static class MessageText
{
    /// <summary><c>1 parameter</c>, <c>3 parameters</c>.</summary>
    public static string Count(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? string.Empty : "s");
}
