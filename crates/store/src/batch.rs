//! Multi-row inserts and upserts, and updates by key, of rows of [`Value`]s,
//! on both engines: placeholders are `$n` for PostgreSQL (sqlx's
//! `QueryBuilder` writes `?` for `Any`, which PostgreSQL refuses) and `?`
//! for SQLite.

use crate::read::Query;
use sqlx::{AnyConnection, AssertSqlSafe};
use std::fmt::Write;

/// A value to bind.
#[derive(Debug, Clone)]
pub(crate) enum Value {
    Text(String),
    OptText(Option<String>),
    Int(i64),
    OptInt(Option<i64>),
}

/// Bound parameters per statement, far below both engines' limits. On
/// SQLite a multi-row statement's placeholders are `?`, not `$n`: SQLite
/// keeps named parameters in a list that `sqlite3_bind_parameter_name` walks
/// from its start, and sqlx asks for the name of each parameter it binds, so
/// binding `$n`s costs time quadratic in their number (`perf`: 30 % of the
/// open-data import at 480 per statement, 56 % at 4,800; with `?`, the
/// national import went from 0.46 s to 0.24 s).
const PARAMETERS_PER_STATEMENT: usize = 4_800;

/// What [`upsert`] does with a row whose key is in the table already.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Existing {
    /// Its non-key columns take the new row's values.
    Replace,
    /// It stays as it is.
    Keep,
}

/// Inserts `rows` into `table`; a row whose `key` already exists is
/// replaced or kept as `existing` says. Table and column names are the
/// caller's constants.
pub(crate) async fn upsert(
    conn: &mut AnyConnection,
    table: &'static str,
    columns: &'static [&'static str],
    key: &'static [&'static str],
    existing: Existing,
    rows: Vec<Vec<Value>>,
) -> Result<(), sqlx::Error> {
    let updates: Vec<String> =
        columns.iter().filter(|c| !key.contains(c)).map(|c| format!("{c} = excluded.{c}")).collect();
    let conflict = match existing {
        Existing::Replace if !updates.is_empty() => format!("DO UPDATE SET {}", updates.join(", ")),
        _ => "DO NOTHING".to_owned(),
    };
    write(conn, table, columns, &format!(" ON CONFLICT ({}) {conflict}", key.join(", ")), rows).await
}

/// Inserts `rows` into `table`; a row that exists already is an error.
pub(crate) async fn insert(
    conn: &mut AnyConnection,
    table: &'static str,
    columns: &'static [&'static str],
    rows: Vec<Vec<Value>>,
) -> Result<(), sqlx::Error> {
    write(conn, table, columns, "", rows).await
}

/// Updates the rows of `table` whose `key` columns hold the key values of
/// `row` (a row of `columns`, as [`insert`] takes it), setting its other
/// columns; returns how many rows changed.
pub(crate) async fn update(
    conn: &mut AnyConnection,
    table: &'static str,
    columns: &'static [&'static str],
    key: &[&'static str],
    row: Vec<Value>,
) -> Result<u64, sqlx::Error> {
    debug_assert_eq!(row.len(), columns.len());
    let (keys, values): (Vec<_>, Vec<_>) = columns.iter().zip(row).partition(|(c, _)| key.contains(c));
    let placeholders = |pairs: &[(&&str, Value)], first: usize, separator: &str| {
        let items: Vec<String> = pairs.iter().enumerate().map(|(i, (c, _))| format!("{c} = ${}", first + i)).collect();
        items.join(separator)
    };
    let sql = format!(
        "UPDATE {table} SET {} WHERE {}",
        placeholders(&values, 1, ", "),
        placeholders(&keys, values.len() + 1, " AND ")
    );
    let query = values.into_iter().chain(keys).fold(sqlx::query(AssertSqlSafe(sql)), |q, (_, v)| bind(q, v));
    Ok(query.execute(conn).await?.rows_affected())
}

/// `query` with `value` bound to its next parameter.
fn bind(query: Query<'_>, value: Value) -> Query<'_> {
    match value {
        Value::Text(v) => query.bind(v),
        Value::OptText(v) => query.bind(v),
        Value::Int(v) => query.bind(v),
        Value::OptInt(v) => query.bind(v),
    }
}

async fn write(
    conn: &mut AnyConnection,
    table: &'static str,
    columns: &'static [&'static str],
    suffix: &str,
    rows: Vec<Vec<Value>>,
) -> Result<(), sqlx::Error> {
    let sqlite = conn.backend_name() == "SQLite";
    let per_statement = (PARAMETERS_PER_STATEMENT / columns.len().max(1)).max(1);
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<Value>> = rows.by_ref().take(per_statement).collect();
        let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
        let mut n = 0;
        for (i, row) in chunk.iter().enumerate() {
            debug_assert_eq!(row.len(), columns.len());
            sql.push_str(if i == 0 { "(" } else { ", (" });
            for j in 0..row.len() {
                n += 1;
                let separator = if j == 0 { "" } else { ", " };
                let _ = if sqlite { write!(sql, "{separator}?") } else { write!(sql, "{separator}${n}") };
            }
            sql.push(')');
        }
        sql.push_str(suffix);
        let query = chunk.into_iter().flatten().fold(sqlx::query(AssertSqlSafe(sql)), bind);
        query.execute(&mut *conn).await?;
    }
    Ok(())
}
