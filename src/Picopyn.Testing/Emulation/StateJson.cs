namespace Picopyn.Testing.Emulation;

/// <summary>
/// Picodata's instance state as its system tables hold it: the compact JSON text
/// <c>["Online",1]</c>, that is <c>[variant, incarnation]</c>, with no spaces.
/// </summary>
internal static class StateJson
{
    public static string Format(InstanceState state, long incarnation) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[\"{state}\",{incarnation}]");
}
