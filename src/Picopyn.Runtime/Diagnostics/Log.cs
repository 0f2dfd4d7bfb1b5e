using Microsoft.Extensions.Logging;

namespace Picopyn.Diagnostics;

/// <summary>Every log event of the client, with a stable event id. Messages name instances, never credentials.</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Warning, "Instance {Instance} is down and out of rotation: {Reason}")]
    public static partial void InstanceDown(ILogger logger, string instance, string reason);

    [LoggerMessage(1002, LogLevel.Information, "Instance {Instance} answers again and is back in rotation")]
    public static partial void InstanceUp(ILogger logger, string instance);

    [LoggerMessage(1003, LogLevel.Information, "Instance {Instance} joined the rotation")]
    public static partial void InstanceJoined(ILogger logger, string instance);

    [LoggerMessage(1004, LogLevel.Information, "Instance {Instance} left the rotation: {Reason}")]
    public static partial void InstanceLeft(ILogger logger, string instance, string reason);

    [LoggerMessage(1005, LogLevel.Warning,
        "Discovery is unavailable ({Reason}); the client works on its {SeedCount} seed host(s) until the system tables can be read")]
    public static partial void DiscoveryUnavailable(ILogger logger, string reason, int seedCount);

    [LoggerMessage(1006, LogLevel.Debug, "Discovery through {Instance} found {Online} Online instance(s); {InRotation} in rotation")]
    public static partial void DiscoveryCompleted(ILogger logger, string instance, int online, int inRotation);

    [LoggerMessage(1007, LogLevel.Warning, "Discovery found no Online instance{TierClause}; the rotation is left as it was")]
    public static partial void DiscoveryFoundNothing(ILogger logger, string tierClause);

    [LoggerMessage(1008, LogLevel.Warning, "Instance {Instance} advertises the unreadable pgproto address '{Address}'; it is left out")]
    public static partial void BadAdvertisedAddress(ILogger logger, string instance, string address);

    [LoggerMessage(1009, LogLevel.Information, "A {Kind} statement lost its connection to {Instance} and runs again on another instance")]
    public static partial void StatementRetried(ILogger logger, string instance, PicoStatementKind kind);

    [LoggerMessage(1010, LogLevel.Error, "The client's background topology task failed; it keeps running")]
    public static partial void BackgroundFailed(ILogger logger, Exception exception);

    [LoggerMessage(1011, LogLevel.Information, "Server {Instance} has no pico_instance_uuid(): using the deprecated instance_uuid() (Picodata before 25.3)")]
    public static partial void LegacyInstanceUuid(ILogger logger, string instance);

    [LoggerMessage(1012, LogLevel.Information, "The bucket map is unavailable ({Reason}); statements are balanced, not routed, until it can be read")]
    public static partial void BucketMapUnavailable(ILogger logger, string reason);
}
