using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace Picopyn;

/// <summary>
/// Turns loosely typed parameter values into Npgsql parameters, refusing before anything is sent
/// the types Picodata rejects (see docs/picodata.md, "Types on the wire").
/// </summary>
internal static class ParameterGuard
{
    public static void Bind(NpgsqlParameterCollection parameters, IReadOnlyList<object?>? values, string sql)
    {
        if (values is null)
        {
            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            parameters.Add(new NpgsqlParameter { Value = Check(values[i], i + 1, sql) });
        }
    }

    private static object Check(object? value, int position, string sql) => value switch
    {
        null or DBNull => DBNull.Value,
        float => Refuse(position, "float (real)", "pass a double", sql),
        byte[] or ReadOnlyMemory<byte> or Memory<byte> => Refuse(position, "byte[] (bytea)", "Picodata has no binary type", sql),
        DateOnly => Refuse(position, "DateOnly (date)", "pass a DateTimeOffset or a UTC DateTime", sql),
        TimeOnly => Refuse(position, "TimeOnly (time)", "Picodata has no time type", sql),
        TimeSpan => Refuse(position, "TimeSpan (interval)", "Picodata has no interval type", sql),
        JsonDocument or JsonElement => Refuse(position, "a JSON document", "Picodata accepts no json parameter; pass the text and cast it", sql),
        DateTime { Kind: not DateTimeKind.Utc } dateTime => Refuse(
            position, $"a DateTime of Kind {dateTime.Kind}", "pass a UTC DateTime or a DateTimeOffset (timestamp without time zone is refused)", sql),
        // Picodata's datetime carries an offset, but Npgsql writes only offset 0.
        DateTimeOffset dateTimeOffset => dateTimeOffset.ToUniversalTime(),
        _ => value,
    };

    private static object Refuse(int position, string type, string advice, string sql) =>
        throw new PicoParameterException(
            string.Create(CultureInfo.InvariantCulture, $"Parameter ${position} is {type}, which Picodata does not accept: {advice}."), sql);
}
