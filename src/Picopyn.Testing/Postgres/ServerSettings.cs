using System.Globalization;

namespace Picopyn.Testing.Postgres;

/// <summary>How the emulation's PostgreSQL servers are configured: for speed, for a log the statement checks can read, and as Picodata answers.</summary>
internal static class ServerSettings
{
    /// <summary>The settings of every emulation server; <c>listen_addresses</c> is loopback, which a server in a container widens.</summary>
    public static Dictionary<string, string> Common(int maxConnections) => new()
    {
        ["listen_addresses"] = "127.0.0.1",
        // TCP only: no socket files to clash between clusters or with a system PostgreSQL.
        ["unix_socket_directories"] = string.Empty,
        ["max_connections"] = maxConnections.ToString(CultureInfo.InvariantCulture),
        ["shared_buffers"] = "16MB",
        // No fsync: the emulation survives killed processes, not power loss, and fsync costs seconds.
        // Commits stay synchronous: an asynchronous commit waits in shared memory, and a kill -9
        // would lose it, where Picodata keeps every acknowledged write.
        ["fsync"] = "off",
        ["synchronous_commit"] = "on",
        ["full_page_writes"] = "off",
        ["wal_level"] = "minimal",
        ["max_wal_senders"] = "0",
        ["autovacuum"] = "off",
        ["jit"] = "off",
        ["timezone"] = "UTC",
        ["log_timezone"] = "UTC",
        ["lc_messages"] = "C",
        // Picodata's default authentication is md5.
        ["password_encryption"] = "md5",
        // Backends write straight to the log file, before they answer: no collector process, no lag.
        ["logging_collector"] = "off",
        ["log_destination"] = "stderr",
        ["log_line_prefix"] = StatementLogParser.LinePrefix,
        ["log_checkpoints"] = "off",
    };
}
