-- The web sample's table, in Picodata's DDL: the generator checks UserQueries.cs against it and routes each
-- statement by id to the replicaset that owns its bucket.
create table users (
    id integer not null,
    name text not null,
    email text,
    primary key (id)
) distributed by (id);
