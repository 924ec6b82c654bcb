//! Multi-row inserts and upserts, and updates by key, of rows of [`Value`]s,
//! on both engines: bound parameters `$n` on PostgreSQL (sqlx's
//! `QueryBuilder` writes `?` for `Any`, which PostgreSQL refuses), one JSON
//! parameter per chunk of rows on SQLite.

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

/// Bound parameters per statement on PostgreSQL, far below its limit of
/// 65,535.
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
    if conn.backend_name() == "SQLite" {
        return write_json(conn, table, columns, suffix, rows).await;
    }
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
                let _ = write!(sql, "{}${n}", if j == 0 { "" } else { ", " });
            }
            sql.push(')');
        }
        sql.push_str(suffix);
        let query = chunk.into_iter().flatten().fold(sqlx::query(AssertSqlSafe(sql)), bind);
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// SQLite's path: each chunk of rows is one parameter, a JSON array of
/// arrays, that `jsonb_each` unpacks in SQLite's C (`value ->> 0` is a JSON
/// integer as an INTEGER, a string as TEXT, `null` as NULL: what binding
/// the values one by one gives). Binding 12 values per row one by one cost
/// about 0.5 µs each in sqlx's `Any` layer, mostly allocations, and was the
/// larger part of the open-data import (`perf`: malloc and free 25 %).
/// The chunks are written out, and the rows dropped, on a blocking thread
/// while SQLite's own thread inserts the chunk before. `WHERE true`
/// resolves the parsing ambiguity of `INSERT … SELECT … ON CONFLICT`
/// (sqlite.org/lang_upsert.html, "Parsing Ambiguity").
async fn write_json(
    conn: &mut AnyConnection,
    table: &'static str,
    columns: &'static [&'static str],
    suffix: &str,
    rows: Vec<Vec<Value>>,
) -> Result<(), sqlx::Error> {
    let fields: Vec<String> = (0..columns.len()).map(|i| format!("value ->> {i}")).collect();
    let sql = format!(
        "INSERT INTO {table} ({}) SELECT {} FROM jsonb_each(?) WHERE true{suffix}",
        columns.join(", "),
        fields.join(", ")
    );
    let (chunks, mut written) = tokio::sync::mpsc::channel(1);
    let writer = tokio::task::spawn_blocking(move || {
        for chunk in rows.chunks(ROWS_PER_JSON_STATEMENT) {
            if chunks.blocking_send(json_rows(chunk)).is_err() {
                break;
            }
        }
    });
    let mut outcome = Ok(());
    while let Some(json) = written.recv().await {
        outcome = sqlx::query(AssertSqlSafe(sql.as_str())).bind(json).execute(&mut *conn).await.map(drop);
        if outcome.is_err() {
            break;
        }
    }
    drop(written);
    writer.await.map_err(|e| sqlx::Error::Io(std::io::Error::other(e)))?;
    outcome
}

/// Rows per statement on SQLite: small enough that writing the next chunk
/// overlaps inserting this one, large enough that statements stay few.
const ROWS_PER_JSON_STATEMENT: usize = 1_000;

/// `rows` as a JSON array of arrays.
fn json_rows(rows: &[Vec<Value>]) -> String {
    use std::io::Write as _;
    let mut out: Vec<u8> = Vec::with_capacity(rows.len() * 160);
    out.push(b'[');
    for (i, row) in rows.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"[" } else { b",[" });
        for (j, value) in row.iter().enumerate() {
            if j > 0 {
                out.push(b',');
            }
            // Writing into a Vec cannot fail, nor can serialising a &str.
            let _ = match value {
                Value::Text(v) | Value::OptText(Some(v)) => serde_json::to_writer(&mut out, v.as_str()).map_err(drop),
                Value::Int(v) | Value::OptInt(Some(v)) => write!(out, "{v}").map_err(drop),
                Value::OptText(None) | Value::OptInt(None) => out.write_all(b"null").map_err(drop),
            };
        }
        out.push(b']');
    }
    out.push(b']');
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlx::Row;

    const COLUMNS: &[&str] = &["k", "t", "n"];

    fn row(k: i64, t: Option<&str>, n: Option<i64>) -> Vec<Value> {
        vec![Value::Int(k), Value::OptText(t.map(str::to_owned)), Value::OptInt(n)]
    }

    async fn stored(conn: &mut AnyConnection) -> Vec<(i64, Option<String>, Option<i64>)> {
        let rows = sqlx::query("SELECT k, t, n FROM batch_probe ORDER BY k").fetch_all(conn).await.expect("read");
        rows.iter().map(|r| (r.get("k"), r.get("t"), r.get("n"))).collect()
    }

    // Every kind of value comes back as it went in, on both engines: quotes,
    // backslashes, JSON's own syntax, non-ASCII text, NULLs and the extreme
    // integers; and more rows than one SQLite statement takes.
    crate::engine_test!(values_survive_the_round_trip, |t| {
        let mut conn = t.store.pool.acquire().await.expect("connection");
        sqlx::query("CREATE TABLE batch_probe (k BIGINT PRIMARY KEY, t TEXT, n BIGINT)")
            .execute(&mut *conn)
            .await
            .expect("create");
        let awkward = ["it's \"quoted\"", "back\\slash \\u0041", "[1, {\"a\": null}]", "Forlì–Cesena ✓", "", "0042"];
        let mut rows: Vec<Vec<Value>> =
            awkward.iter().enumerate().map(|(i, t)| row(i as i64, Some(t), Some(i as i64))).collect();
        rows.push(row(100, None, None));
        rows.push(row(101, Some("min"), Some(i64::MIN)));
        rows.push(row(102, Some("max"), Some(i64::MAX)));
        rows.extend((1_000..1_000 + 2 * ROWS_PER_JSON_STATEMENT as i64 + 7).map(|k| row(k, Some("bulk"), Some(k))));
        let expected: Vec<(i64, Option<String>, Option<i64>)> = rows
            .iter()
            .map(|r| match r.as_slice() {
                [Value::Int(k), Value::OptText(t), Value::OptInt(n)] => (*k, t.clone(), *n),
                _ => unreachable!("rows are built above"),
            })
            .collect();
        insert(&mut conn, "batch_probe", COLUMNS, rows).await.expect("insert");
        assert_eq!(stored(&mut conn).await, expected);

        let again = vec![row(0, Some("replaced"), None), row(5_000, Some("new"), Some(1))];
        upsert(&mut conn, "batch_probe", COLUMNS, &["k"], Existing::Keep, again.clone()).await.expect("keep");
        let after = stored(&mut conn).await;
        assert_eq!(after[0], (0, Some(awkward[0].to_owned()), Some(0)));
        assert_eq!(after.last(), Some(&(5_000, Some("new".to_owned()), Some(1))));
        upsert(&mut conn, "batch_probe", COLUMNS, &["k"], Existing::Replace, again).await.expect("replace");
        assert_eq!(stored(&mut conn).await[0], (0, Some("replaced".to_owned()), None));

        let duplicate = vec![row(1, Some("twice"), None)];
        assert!(insert(&mut conn, "batch_probe", COLUMNS, duplicate).await.is_err(), "a duplicate key is an error");
    });
}
