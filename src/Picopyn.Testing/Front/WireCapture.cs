namespace Picopyn.Testing.Front;

/// <summary>The bytes a client sent on one session, as they arrived on the socket (<see cref="EmulatedClusterOptions.CaptureClientBytes"/>).</summary>
internal sealed class WireCapture
{
    private readonly object _lock = new();
    private readonly List<byte> _bytes = [];

    /// <summary>Appends what one read received.</summary>
    public void Append(ReadOnlySpan<byte> received)
    {
        lock (_lock)
        {
            _bytes.AddRange(received);
        }
    }

    /// <summary>A copy of everything received so far.</summary>
    public byte[] ToArray()
    {
        lock (_lock)
        {
            return _bytes.ToArray();
        }
    }
}
