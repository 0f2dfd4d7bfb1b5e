using System.Collections;
using System.Globalization;
using Npgsql;

namespace Picopyn;

/// <summary>One row of a loosely typed result (<see cref="PicoExecutor.FetchAsync(string, IReadOnlyList{object}, CancellationToken)"/>): values by ordinal or column name.</summary>
public sealed class PicoRow : IReadOnlyList<object?>
{
    private readonly ColumnNames _columns;
    private readonly object?[] _values;

    private PicoRow(ColumnNames columns, object?[] values)
    {
        _columns = columns;
        _values = values;
    }

    /// <summary>The column names, in order.</summary>
    public IReadOnlyList<string> Columns => _columns.Names;

    /// <inheritdoc />
    public int Count => _values.Length;

    /// <summary>The value at <paramref name="ordinal"/>; <see langword="null"/> for SQL NULL.</summary>
    public object? this[int ordinal] => _values[ordinal];

    /// <summary>The value of the column called <paramref name="column"/>; <see langword="null"/> for SQL NULL.</summary>
    public object? this[string column] => _values[_columns.OrdinalOf(column)];

    /// <summary>
    /// The value at <paramref name="ordinal"/> as <typeparamref name="T"/>, converting between
    /// numeric types with overflow checks (Picodata sends every integer as a 64-bit one).
    /// </summary>
    /// <exception cref="InvalidCastException">The value is NULL for a non-nullable type, or cannot become a <typeparamref name="T"/>.</exception>
    public T Get<T>(int ordinal) => Convert<T>(_values[ordinal], _columns.Names[ordinal]);

    /// <summary>The value of the column called <paramref name="column"/> as <typeparamref name="T"/>; see <see cref="Get{T}(int)"/>.</summary>
    public T Get<T>(string column) => Get<T>(_columns.OrdinalOf(column));

    /// <inheritdoc />
    public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Reads the reader's current row.</summary>
    internal static PicoRow Read(NpgsqlDataReader reader, ColumnNames columns)
    {
        var values = new object?[reader.FieldCount];
        reader.GetValues(values!);
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is DBNull)
            {
                values[i] = null;
            }
        }

        return new PicoRow(columns, values);
    }

    internal static T Convert<T>(object? value, string column)
    {
        if (value is T typed)
        {
            return typed;
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (value is null)
        {
            return default(T) is null
                ? default!
                : throw new InvalidCastException($"Column '{column}' is NULL, which a {typeof(T).Name} cannot hold; read it as a nullable type.");
        }

        try
        {
            return (T)System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is InvalidCastException or FormatException or OverflowException)
        {
            throw new InvalidCastException(
                $"Column '{column}' holds a {value.GetType().Name}, which cannot be read as {typeof(T).Name}: {exception.Message}", exception);
        }
    }

    /// <summary>A result's column names, shared by all its rows.</summary>
    internal sealed class ColumnNames
    {
        private Dictionary<string, int>? _ordinals;

        public ColumnNames(NpgsqlDataReader reader)
        {
            var names = new string[reader.FieldCount];
            for (var i = 0; i < names.Length; i++)
            {
                names[i] = reader.GetName(i);
            }

            Names = names;
        }

        public string[] Names { get; }

        public int OrdinalOf(string column)
        {
            _ordinals ??= BuildOrdinals();
            return _ordinals.TryGetValue(column, out var ordinal)
                ? ordinal
                : throw new ArgumentException($"The result has no column '{column}'; it has {string.Join(", ", Names)}.", nameof(column));
        }

        private Dictionary<string, int> BuildOrdinals()
        {
            var ordinals = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < Names.Length; i++)
            {
                ordinals.TryAdd(Names[i], i);
            }

            return ordinals;
        }
    }
}
