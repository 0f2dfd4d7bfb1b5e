-- A small shop, in Picodata's DDL: every Picodata type, nullable and NOT NULL columns, sharded and
-- global tables, composite keys. The generator checks ShopQueries.cs against it (<PicoSchema>), and
-- the tests create the same tables on the emulated cluster from this file.

create table customers (
    id integer primary key,
    email text not null,
    name varchar(100) not null,
    phone string,
    birthday datetime,
    vip boolean not null,
    credit decimal not null,
    rating double,
    referrer integer,
    external_id uuid,
    profile json
) distributed by (id);

create table products (
    sku text primary key,
    title text not null,
    price numeric(12, 2) not null,
    weight double,
    stock unsigned not null,
    active bool not null,
    added datetime not null
) distributed globally;

create table orders (
    id integer not null,
    customer_id integer not null,
    placed datetime not null,
    status text not null,
    total decimal not null,
    note text,
    tracking uuid,
    primary key (id)
) using memtx distributed by (id);

create table order_lines (
    order_id integer not null,
    line integer not null,
    sku text not null,
    quantity integer not null,
    unit_price decimal not null,
    discount double,
    primary key (order_id, line)
) distributed by (order_id);

create table reviews (
    id uuid primary key,
    sku text not null,
    customer_id integer not null,
    stars integer not null,
    body text,
    written datetime not null,
    helpful unsigned
) distributed by (id);

create table events (
    id integer primary key,
    kind text not null,
    payload json,
    at datetime not null,
    customer_id integer
) using vinyl distributed by (id) option (timeout = 3.0);

create index orders_customer on orders (customer_id);
create unique index customers_email on customers using tree (email);
