-- The quickstart's table, in Picodata's DDL: the generator checks QuickstartQueries.cs against it and
-- routes each statement by id to the replicaset that owns its bucket (docs/routing.md).
create table quickstart_users (
    id integer not null,
    name text not null,
    email text,
    primary key (id)
) distributed by (id);
