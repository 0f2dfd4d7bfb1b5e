namespace Picopyn.Testing.Emulation;

/// <summary>
/// The schema of the storage server: the one PostgreSQL process that holds the cluster's data.
/// Every instance reads and writes it through postgres_fdw, so a row written through one
/// instance is read through any other, as in Picodata where any instance routes any query.
/// </summary>
/// <remarks>
/// System tables live in schema <c>pico</c>, user tables in <c>public</c>. Column names and types
/// are Picodata's (see docs/picodata.md, "System tables and discovery"): integers int8, strings text,
/// states json. Columns past those that page names are best-effort and nullable where Picodata's are.
/// </remarks>
internal static class StorageSchema
{
    public const string SystemSchema = "pico";

    /// <summary>
    /// Emulation state, not a Picodata table: the users <c>CREATE USER</c> made through a containerised instance, with
    /// PostgreSQL's md5 hash of their password, which each instance turns into logins (<see cref="InstanceSchema.SyncUsers"/>).
    /// </summary>
    public const string UsersTable = "emulation_users";

    public static IReadOnlyList<string> Create(string tier, bool systemTablesHidden, int bucketCount) =>
    [
        $"CREATE SCHEMA {SystemSchema}",
        $"""
        CREATE TABLE {SystemSchema}._pico_tier (
            name text NOT NULL PRIMARY KEY,
            replication_factor bigint NOT NULL,
            can_vote boolean NOT NULL,
            current_vshard_config_version bigint NOT NULL,
            target_vshard_config_version bigint NOT NULL,
            vshard_bootstrapped boolean NOT NULL,
            bucket_count bigint NOT NULL,
            is_default boolean NOT NULL)
        """,
        $"""
        CREATE TABLE {SystemSchema}._pico_replicaset (
            name text NOT NULL PRIMARY KEY,
            uuid text NOT NULL,
            current_master_name text NOT NULL,
            target_master_name text NOT NULL,
            tier text NOT NULL,
            weight double precision NOT NULL,
            weight_origin text NOT NULL,
            state text NOT NULL,
            current_config_version bigint NOT NULL,
            target_config_version bigint NOT NULL,
            promotion_vclock json NOT NULL)
        """,
        $"""
        CREATE TABLE {SystemSchema}._pico_instance (
            name text NOT NULL PRIMARY KEY,
            uuid text NOT NULL UNIQUE,
            raft_id bigint NOT NULL UNIQUE,
            replicaset_name text NOT NULL,
            replicaset_uuid text NOT NULL,
            current_state json NOT NULL,
            target_state json NOT NULL,
            failure_domain json NOT NULL,
            tier text NOT NULL,
            picodata_version text NOT NULL,
            sync_incarnation bigint,
            target_state_reason text,
            target_state_change_time timestamptz)
        """,
        $"""
        CREATE TABLE {SystemSchema}._pico_peer_address (
            raft_id bigint NOT NULL,
            address text NOT NULL,
            connection_type text NOT NULL,
            PRIMARY KEY (raft_id, connection_type))
        """,
        $"""
        CREATE TABLE {SystemSchema}._pico_table (
            id bigint NOT NULL PRIMARY KEY,
            name text NOT NULL UNIQUE,
            distribution json NOT NULL,
            format json NOT NULL,
            schema_version bigint NOT NULL,
            operable boolean NOT NULL,
            engine text NOT NULL,
            owner bigint NOT NULL,
            description text NOT NULL)
        """,
        $"""
        CREATE TABLE {SystemSchema}._pico_index (
            table_id bigint NOT NULL,
            id bigint NOT NULL,
            name text NOT NULL,
            type text NOT NULL,
            opts json NOT NULL,
            parts json NOT NULL,
            operable boolean NOT NULL,
            schema_version bigint NOT NULL,
            PRIMARY KEY (table_id, id))
        """,
        // Which replicaset owns which buckets: what Picodata's _pico_bucket(tier) returns, one row a range.
        $"""
        CREATE TABLE {SystemSchema}._pico_bucket_range (
            tier_name text NOT NULL,
            bucket_id_start bigint NOT NULL,
            bucket_id_end bigint NOT NULL,
            current_replicaset_uuid text NOT NULL,
            target_replicaset_uuid text NOT NULL,
            state text NOT NULL,
            PRIMARY KEY (tier_name, bucket_id_start))
        """,
        // Emulation state, not a Picodata table: whether applications may read the system tables.
        $"CREATE TABLE {SystemSchema}.emulation_access (system_tables_hidden boolean NOT NULL)",
        $"CREATE TABLE {SystemSchema}.{UsersTable} (name text NOT NULL PRIMARY KEY, password text NOT NULL)",
        $"INSERT INTO {SystemSchema}.emulation_access VALUES ({(systemTablesHidden ? "true" : "false")})",
        $"INSERT INTO {SystemSchema}._pico_tier VALUES ({SqlText.Literal(tier)}, 1, true, 1, 1, true, {bucketCount}, true)",
    ];

    public const string InsertReplicaset = $$"""
        INSERT INTO {{SystemSchema}}._pico_replicaset
        VALUES ($1, $2, $3, $3, $4, 1.0, 'auto', 'ready', 1, 1, '{}'::json)
        ON CONFLICT (name) DO NOTHING
        """;

    public const string InsertInstance = $$"""
        INSERT INTO {{SystemSchema}}._pico_instance
            (name, uuid, raft_id, replicaset_name, replicaset_uuid, current_state, target_state,
             failure_domain, tier, picodata_version)
        VALUES ($1, $2, $3, $4, $5, $6::json, $6::json, '{}'::json, $7, $8)
        """;

    public const string InsertPeerAddress = $"INSERT INTO {SystemSchema}._pico_peer_address VALUES ($1, $2, $3)";

    public const string UpdatePgprotoAddress =
        $"UPDATE {SystemSchema}._pico_peer_address SET address = $2 WHERE raft_id = $1 AND connection_type = 'pgproto'";

    public const string UpdateState =
        $"UPDATE {SystemSchema}._pico_instance SET current_state = $2::json, target_state = $2::json WHERE name = $1";

    public const string DeleteInstance = $"DELETE FROM {SystemSchema}._pico_instance WHERE raft_id = $1";

    public const string DeletePeerAddresses = $"DELETE FROM {SystemSchema}._pico_peer_address WHERE raft_id = $1";

    public const string DeleteBucketRanges = $"DELETE FROM {SystemSchema}._pico_bucket_range WHERE tier_name = $1";

    public const string InsertBucketRange =
        $"INSERT INTO {SystemSchema}._pico_bucket_range VALUES ($1, $2, $3, $4, $4, 'active')";

    /// <summary>The user tables' records, as a router reads them: name, distribution and format.</summary>
    public const string SelectTables =
        $"SELECT name, distribution::text, format::text FROM {SystemSchema}._pico_table WHERE name NOT LIKE '\\_%'";

    public const string SelectBucketRanges =
        $"SELECT bucket_id_start, bucket_id_end, current_replicaset_uuid FROM {SystemSchema}._pico_bucket_range WHERE tier_name = $1";

    public const string UpsertUser =
        $"INSERT INTO {SystemSchema}.{UsersTable} VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET password = excluded.password";

    public const string DeleteUser = $"DELETE FROM {SystemSchema}.{UsersTable} WHERE name = $1";

    public const string SetSystemTablesHidden = $"UPDATE {SystemSchema}.emulation_access SET system_tables_hidden = $1";
}
