using Npgsql;

namespace Picopyn;

/// <summary>Adds a statement's parameters, in <c>$1..$n</c> order, as typed <see cref="NpgsqlParameter{T}"/>s.</summary>
/// <typeparam name="TArgs">The arguments, usually a value tuple: passed through without boxing.</typeparam>
public delegate void PicoParameterBinder<in TArgs>(NpgsqlParameterCollection parameters, TArgs args);

/// <summary>Reads a statement's whole result; the reader is disposed after it returns.</summary>
public delegate ValueTask<TResult> PicoResultReader<in TArgs, TResult>(NpgsqlDataReader reader, TArgs args, CancellationToken cancellationToken);

/// <summary>Maps the reader's current row to a value.</summary>
public delegate TRow PicoRowReader<out TRow>(NpgsqlDataReader reader);
