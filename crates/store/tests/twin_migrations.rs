//! The twin migrations (`migrations/sqlite`, `migrations/postgres`) are
//! written twice because the dialects differ; this checks that they build the
//! same schema: every table and view, with the same columns in the same order,
//! and the same indexes by name. (That both have the same versions is checked
//! in `connect.rs`.) Without `TEST_DATABASE_URL` it is skipped, and in CI
//! that is an error (`cloudpa_store::testing`).

use cloudpa_store::testing::{postgres, sqlite};
use sqlx::Row;
use std::collections::BTreeMap;

/// Relation name → its columns in order, and the index names.
type Schema = (BTreeMap<String, Vec<String>>, Vec<String>);

async fn names(pool: &sqlx::AnyPool, sql: &str) -> Vec<(String, String)> {
    sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
        .fetch_all(pool)
        .await
        .expect("read the schema")
        .iter()
        .map(|r| (r.get::<String, _>(0), r.get::<String, _>(1)))
        .collect()
}

fn columns_by_relation(rows: Vec<(String, String)>) -> BTreeMap<String, Vec<String>> {
    let mut relations: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (relation, column) in rows {
        relations.entry(relation).or_default().push(column);
    }
    relations
}

async fn sqlite_schema(pool: &sqlx::AnyPool) -> Schema {
    let columns = names(
        pool,
        "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p \
         WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%' \
         ORDER BY m.name, p.cid",
    )
    .await;
    let indexes =
        names(pool, "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
            .await;
    (columns_by_relation(columns), indexes.into_iter().map(|(name, _)| name).collect())
}

async fn postgres_schema(pool: &sqlx::AnyPool) -> Schema {
    let columns = names(
        pool,
        "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT) FROM information_schema.columns \
         WHERE table_schema = 'public' AND table_name NOT LIKE '_sqlx%' ORDER BY table_name, ordinal_position",
    )
    .await;
    let indexes = names(
        pool,
        "SELECT CAST(indexname AS TEXT), CAST(tablename AS TEXT) FROM pg_indexes \
         WHERE schemaname = 'public' AND indexname NOT LIKE '%_pkey' AND indexname NOT LIKE '%_key' \
         AND tablename NOT LIKE '_sqlx%' ORDER BY indexname",
    )
    .await;
    (columns_by_relation(columns), indexes.into_iter().map(|(name, _)| name).collect())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_engines_build_the_same_schema() {
    let Some(pg) = postgres().await else {
        eprintln!("TEST_DATABASE_URL is not set: the twin migrations are not compared");
        return;
    };
    let lite = sqlite().await;
    let (lite_relations, lite_indexes) = sqlite_schema(lite.pool()).await;
    let (pg_relations, pg_indexes) = postgres_schema(pg.pool()).await;
    assert!(lite_relations.len() > 20, "the schema was read: {:?}", lite_relations.keys());
    eprintln!("{} relations, {} indexes on each engine", lite_relations.len(), lite_indexes.len());
    for (relation, columns) in &lite_relations {
        assert_eq!(Some(columns), pg_relations.get(relation), "columns of `{relation}`");
    }
    let only_pg: Vec<_> = pg_relations.keys().filter(|r| !lite_relations.contains_key(*r)).collect();
    assert!(only_pg.is_empty(), "only on PostgreSQL: {only_pg:?}");
    assert_eq!(lite_indexes, pg_indexes, "indexes");
}
