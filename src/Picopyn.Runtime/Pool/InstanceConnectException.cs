using Picopyn.Topology;

namespace Picopyn.Pool;

/// <summary>
/// The pool could not open a connection to <see cref="Node"/> (the cause is the inner exception) —
/// a failure of the instance, never the caller cancelling or the client closing, which pass as they
/// are. Internal: the caller takes the instance out of rotation and tries another, or wraps it.
/// </summary>
internal sealed class InstanceConnectException : Exception
{
    public InstanceConnectException(InstanceNode node, Exception innerException)
        : base($"Could not connect to {node.DisplayName}: {innerException.Message}", innerException) => Node = node;

    public InstanceNode Node { get; }
}
