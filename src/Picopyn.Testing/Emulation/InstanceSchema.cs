namespace Picopyn.Testing.Emulation;

/// <summary>
/// What each emulated instance holds of its own: the application login, the link to the storage
/// server, views that present the system tables as Picodata does, and the functions that tell
/// which instance answered.
/// </summary>
internal static class InstanceSchema
{
    /// <summary>The postgres_fdw server through which an instance reaches the storage server.</summary>
    public const string StorageServer = "pico_storage";

    /// <summary>Private schema of each instance: the storage's system tables and the emulation's helpers.</summary>
    public const string PrivateSchema = "pico_sys";

    public static readonly IReadOnlyList<string> SystemTables =
        ["_pico_tier", "_pico_replicaset", "_pico_instance", "_pico_peer_address", "_pico_table", "_pico_index"];

    /// <summary>
    /// The group every application login belongs to: what an instance grants (its views, functions and user tables)
    /// it grants to this role, so a user created later (<c>CREATE USER</c> through a containerised instance) has it all.
    /// </summary>
    public const string ApplicationRole = "pico_application";

    public const string SyncUserTables = $"CALL {PrivateSchema}.sync_user_tables()";

    /// <summary>Creates, re-passwords and drops this instance's logins to match the storage's <c>emulation_users</c> (<see cref="StorageSchema"/>).</summary>
    public const string SyncUsers = $"CALL {PrivateSchema}.sync_users()";

    /// <summary>Imports, into each other instance's schema (<see cref="LinkTo"/>), that instance's user tables; one that is down is skipped.</summary>
    public const string SyncForwardedTables = $"CALL {PrivateSchema}.sync_forwarded_tables()";

    /// <summary>
    /// What an instance needs to forward statements to another (<see cref="Front.Routing.Forwarding"/>): a foreign
    /// server for that instance's PostgreSQL and a schema for its tables, which the application may use.
    /// The link logs in as the superuser, so the other instance's statement log keeps only what clients sent.
    /// </summary>
    public static IReadOnlyList<string> LinkTo(string schema, int port, EmulatedClusterOptions options, string superuser, string superuserPassword) =>
    [
        $"""
        CREATE SERVER IF NOT EXISTS {schema} FOREIGN DATA WRAPPER postgres_fdw OPTIONS (
            host '127.0.0.1', port '{port}', dbname {SqlText.Literal(options.Database)}, fetch_size '10000')
        """,
        $"""
        CREATE USER MAPPING IF NOT EXISTS FOR PUBLIC SERVER {schema}
            OPTIONS (user {SqlText.Literal(superuser)}, password {SqlText.Literal(superuserPassword)})
        """,
        $"CREATE SCHEMA IF NOT EXISTS {schema}",
        $"GRANT USAGE ON SCHEMA {schema} TO {ApplicationRole}",
    ];

    /// <summary>A login of the application, member of <see cref="ApplicationRole"/>.</summary>
    /// <param name="name">The login.</param>
    /// <param name="verifier">What it stores for its password (<see cref="PasswordVerifiers"/>): an md5 hash or a SCRAM verifier, never the password.</param>
    public static IReadOnlyList<string> ApplicationUser(string name, string verifier) =>
    [
        $"CREATE ROLE {SqlText.Identifier(name)} LOGIN PASSWORD {SqlText.Literal(verifier)} IN ROLE {ApplicationRole}",
        // public first, so that version() answers as Picodata's does.
        $"ALTER ROLE {SqlText.Identifier(name)} SET search_path = public, pg_catalog",
    ];

    /// <summary>The instance's own schema, and its application login when <paramref name="applicationPassword"/> is given.</summary>
    /// <param name="options">The cluster's options: database, tier, version, what is hidden.</param>
    /// <param name="applicationPassword">The password of <see cref="EmulatedClusterOptions.User"/>; <see langword="null"/> creates no login (users come later, by <see cref="SyncUsers"/>).</param>
    /// <param name="instanceUuid">What <c>pico_instance_uuid()</c> returns.</param>
    /// <param name="storage">Where the storage server listens, as this instance reaches it.</param>
    /// <param name="storageUser">The storage's superuser.</param>
    /// <param name="storagePassword">Its password.</param>
    public static IReadOnlyList<string> Create(
        EmulatedClusterOptions options, string? applicationPassword, string instanceUuid, PicoEndpoint storage, string storageUser, string storagePassword)
    {
        var user = ApplicationRole;
        var statements = new List<string>
        {
            $"CREATE ROLE {ApplicationRole} NOLOGIN",
        };
        if (applicationPassword is not null)
        {
            statements.AddRange(ApplicationUser(options.User, PasswordVerifiers.For(options.AuthMethod, options.User, applicationPassword)));
        }

        statements.AddRange(
        [
            "CREATE EXTENSION postgres_fdw",
            $"""
            CREATE SERVER {StorageServer} FOREIGN DATA WRAPPER postgres_fdw OPTIONS (
                host {SqlText.Literal(storage.Host)}, port '{storage.Port}', dbname {SqlText.Literal(options.Database)}, fetch_size '10000')
            """,
            $"""
            CREATE USER MAPPING FOR PUBLIC SERVER {StorageServer}
                OPTIONS (user {SqlText.Literal(storageUser)}, password {SqlText.Literal(storagePassword)})
            """,
            $"CREATE SCHEMA {PrivateSchema}",
            $"IMPORT FOREIGN SCHEMA {StorageSchema.SystemSchema} FROM SERVER {StorageServer} INTO {PrivateSchema}",
            // Picodata denies reads of system tables with XX000 and this message, not with 42501.
            $$"""
            CREATE FUNCTION {{PrivateSchema}}.assert_readable(space text) RETURNS boolean
            LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $body$
            BEGIN
                IF (SELECT system_tables_hidden FROM {{PrivateSchema}}.emulation_access LIMIT 1)
                   AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN
                    RAISE EXCEPTION 'Read access to space ''%'' is denied for user ''%''', space, session_user
                        USING ERRCODE = 'XX000';
                END IF;
                RETURN true;
            END
            $body$
            """,
        ]);

        // What the Picodata front sends in place of a statement Picodata refuses: its error and SQLSTATE.
        statements.Add($$"""
            CREATE FUNCTION {{PrivateSchema}}.refuse(message text, code text) RETURNS text
            LANGUAGE plpgsql IMMUTABLE AS $body$
            BEGIN
                RAISE EXCEPTION '%', message USING ERRCODE = code;
            END
            $body$
            """);
        // What it sends in place of a statement Picodata accepts and ignores (BEGIN, SET): the tag to answer with.
        statements.Add($$"""
            CREATE PROCEDURE {{PrivateSchema}}.complete(tag text)
            LANGUAGE plpgsql AS $body$
            BEGIN
                RAISE NOTICE '%', {{SqlText.Literal(Front.StatementGate.CompletionNotice)}} || tag;
            END
            $body$
            """);
        statements.Add($"GRANT USAGE ON SCHEMA {PrivateSchema} TO {user}");
        statements.Add($"GRANT EXECUTE ON FUNCTION {PrivateSchema}.refuse(text, text) TO {user}");
        statements.Add($"GRANT EXECUTE ON PROCEDURE {PrivateSchema}.complete(text) TO {user}");

        foreach (var table in SystemTables)
        {
            statements.Add($"""
                CREATE VIEW public.{table} AS
                SELECT * FROM {PrivateSchema}.{table} WHERE {PrivateSchema}.assert_readable('{table}')
                """);
            statements.Add($"GRANT SELECT ON public.{table} TO {user}");
        }

        // Picodata's bucket map (25.5.1+): one json array of the tier's ranges, read as the system tables are.
        if (HasBucketFunction(options.PicodataVersion))
        {
            AddBucketFunction(statements, user);
        }

        var uuidFunction = options.LegacyInstanceUuidOnly ? "instance_uuid" : "pico_instance_uuid";
        statements.Add($"CREATE FUNCTION public.{uuidFunction}() RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT {SqlText.Literal(instanceUuid)}::text $$");
        if (!options.LegacyInstanceUuidOnly)
        {
            // Deprecated since Picodata 25.3 and removed after it; the Python seed still calls it.
            statements.Add("CREATE FUNCTION public.instance_uuid() RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT public.pico_instance_uuid() $$");
        }

        statements.Add($"CREATE FUNCTION public.version() RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT {SqlText.Literal("picodata " + options.PicodataVersion)}::text $$");

        // This instance's foreign tables for the storage's user tables.
        statements.Add($"""
            CREATE VIEW {PrivateSchema}.user_tables AS
            SELECT c.relname FROM pg_catalog.pg_class AS c
            JOIN pg_catalog.pg_foreign_table AS f ON f.ftrelid = c.oid
            JOIN pg_catalog.pg_foreign_server AS s ON s.oid = f.ftserver
            WHERE c.relnamespace = 'public'::regnamespace AND s.srvname = '{StorageServer}'
            """);

        // Re-imports the storage's user tables after DDL: drop this instance's foreign tables, import them again.
        statements.Add($$"""
            CREATE PROCEDURE {{PrivateSchema}}.sync_user_tables() LANGUAGE plpgsql AS $body$
            DECLARE
                t record;
            BEGIN
                FOR t IN SELECT relname FROM {{PrivateSchema}}.user_tables LOOP
                    EXECUTE format('DROP FOREIGN TABLE public.%I', t.relname);
                END LOOP;
                EXECUTE 'IMPORT FOREIGN SCHEMA public FROM SERVER {{StorageServer}} INTO public';
                -- The storage's bucket_id is Picodata's hidden column: not part of * here.
                FOR t IN SELECT c.relname FROM pg_catalog.pg_class AS c
                         JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.oid AND a.attname = 'bucket_id' AND NOT a.attisdropped
                         WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'f' LOOP
                    EXECUTE format('ALTER FOREIGN TABLE public.%I DROP COLUMN bucket_id', t.relname);
                END LOOP;
                FOR t IN SELECT relname FROM {{PrivateSchema}}.user_tables LOOP
                    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON public.%I TO {{ApplicationRole}}', t.relname);
                END LOOP;
            END
            $body$
            """);
        statements.Add(SyncUserTables);

        // The other instances' user tables, in the schema of each (LinkTo), re-imported after DDL as this instance's own are.
        statements.Add($$"""
            CREATE PROCEDURE {{PrivateSchema}}.sync_forwarded_tables() LANGUAGE plpgsql AS $body$
            DECLARE
                link record;
                t record;
                tables text;
            BEGIN
                SELECT string_agg(quote_ident(relname), ', ') INTO tables FROM {{PrivateSchema}}.user_tables;
                FOR link IN SELECT srvname FROM pg_catalog.pg_foreign_server WHERE srvname LIKE 'pico\_fwd\_%' LOOP
                    FOR t IN SELECT c.relname FROM pg_catalog.pg_class AS c
                             WHERE c.relnamespace = link.srvname::regnamespace AND c.relkind = 'f' LOOP
                        EXECUTE format('DROP FOREIGN TABLE %I.%I', link.srvname, t.relname);
                    END LOOP;
                    CONTINUE WHEN tables IS NULL;
                    BEGIN
                        EXECUTE format('IMPORT FOREIGN SCHEMA public LIMIT TO (%s) FROM SERVER %I INTO %I', tables, link.srvname, link.srvname);
                    EXCEPTION WHEN sqlclient_unable_to_establish_sqlconnection OR connection_failure OR fdw_error THEN
                        CONTINUE; -- that instance is down: it gets linked again when it starts
                    END;
                    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO {{ApplicationRole}}', link.srvname);
                END LOOP;
            END
            $body$
            """);

        // The storage's users (created through any instance) as this instance's logins: the one place passwords are read.
        statements.Add($$"""
            CREATE PROCEDURE {{PrivateSchema}}.sync_users() LANGUAGE plpgsql AS $body$
            DECLARE
                u record;
            BEGIN
                FOR u IN SELECT name, password FROM {{PrivateSchema}}.{{StorageSchema.UsersTable}} LOOP
                    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = u.name) THEN
                        EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', u.name, u.password);
                    ELSE
                        EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE {{ApplicationRole}}', u.name, u.password);
                        EXECUTE format('ALTER ROLE %I SET search_path = public, pg_catalog', u.name);
                    END IF;
                END LOOP;
                FOR u IN SELECT r.rolname AS name FROM pg_catalog.pg_roles AS r
                         JOIN pg_catalog.pg_auth_members AS m ON m.member = r.oid
                         WHERE m.roleid = '{{ApplicationRole}}'::regrole
                           AND r.rolname NOT IN (SELECT name FROM {{PrivateSchema}}.{{StorageSchema.UsersTable}}) LOOP
                    EXECUTE format('DROP ROLE %I', u.name);
                END LOOP;
            END
            $body$
            """);

        if (options.HideCatalogs)
        {
            // Server internals read catalogs without privilege checks, so only client queries fail.
            statements.Add("REVOKE SELECT ON ALL TABLES IN SCHEMA pg_catalog FROM PUBLIC");
            statements.Add("REVOKE SELECT ON ALL TABLES IN SCHEMA information_schema FROM PUBLIC");
        }

        return statements;
    }

    // _pico_bucket(tier) came with Picodata 25.5.1; an emulated older server has none, as the real one.
    private static bool HasBucketFunction(string picodataVersion) =>
        !Version.TryParse(picodataVersion.Split('-')[0], out var version) || version >= new Version(25, 5, 1);

    private static void AddBucketFunction(List<string> statements, string user)
    {
        statements.Add($$"""
            CREATE FUNCTION public._pico_bucket(tier text) RETURNS json
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $body$
                SELECT coalesce(json_agg(json_build_object(
                    'bucket_id_start', r.bucket_id_start, 'bucket_id_end', r.bucket_id_end,
                    'current_replicaset_uuid', r.current_replicaset_uuid, 'target_replicaset_uuid', r.target_replicaset_uuid,
                    'tier_name', r.tier_name, 'state', r.state) ORDER BY r.bucket_id_start), '[]'::json)
                FROM {{PrivateSchema}}._pico_bucket_range AS r
                WHERE r.tier_name = tier AND {{PrivateSchema}}.assert_readable('_pico_bucket')
            $body$
            """);
        statements.Add($"GRANT EXECUTE ON FUNCTION public._pico_bucket(text) TO {user}");
    }
}
