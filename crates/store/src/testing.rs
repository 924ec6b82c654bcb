//! Test harness: every store test runs on SQLite (a temporary file) and, when
//! `TEST_DATABASE_URL` names a PostgreSQL server, again on a fresh database of
//! that server. In CI (`CI` set) a missing `TEST_DATABASE_URL` is an error,
//! so the PostgreSQL half can never be skipped silently there.

use crate::Store;
use std::path::PathBuf;

/// A migrated store that removes its SQLite file, or drops its PostgreSQL
/// database, when dropped: a CI run makes hundreds of them, and a disk that
/// keeps them all fills up.
pub struct TestStore {
    pub store: Store,
    dir: Option<PathBuf>,
    database: Option<PostgresDatabase>,
}

/// A test database on the server of `TEST_DATABASE_URL`.
struct PostgresDatabase {
    server: String,
    name: String,
}

impl std::ops::Deref for TestStore {
    type Target = Store;
    fn deref(&self) -> &Store {
        &self.store
    }
}

impl Drop for TestStore {
    fn drop(&mut self) {
        if let Some(dir) = &self.dir {
            let _ = std::fs::remove_dir_all(dir);
        }
        if let Some(database) = self.database.take() {
            drop_postgres_database(database);
        }
    }
}

/// Drops a test database on a thread of its own (`Drop` cannot await, and
/// may run inside the test's runtime). `WITH (FORCE)` ends the connections
/// the test's pool still holds. A failure leaves the database behind, as a
/// failed test's data is worth looking at anyway.
fn drop_postgres_database(database: PostgresDatabase) {
    let dropped = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
        runtime.block_on(async {
            let admin = Store::connect(&database.server).await.ok()?;
            let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", database.name);
            let done = sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&admin.pool).await.ok();
            admin.close().await;
            done
        })
    });
    let _ = dropped.join();
}

/// Argon2 parameters cheap enough for tests (8 KiB, one pass).
fn test_params() -> argon2::Params {
    argon2::Params::new(8, 1, 1, None).expect("valid test parameters")
}

pub async fn sqlite() -> TestStore {
    let dir = std::env::temp_dir().join(format!("cloudpa-test-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let url = format!("sqlite://{}", dir.join("test.db").display());
    let store = Store::connect(&url).await.expect("open SQLite").with_password_params(test_params());
    store.migrate().await.expect("migrate SQLite");
    TestStore { store, dir: Some(dir), database: None }
}

/// The server URL for PostgreSQL tests, or `None` outside CI when unset.
pub fn postgres_server_url() -> Option<String> {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var_os("CI").is_some() => {
            panic!("CI must set TEST_DATABASE_URL to a PostgreSQL server")
        }
        _ => None,
    }
}

/// A fresh, migrated database on the PostgreSQL server of `TEST_DATABASE_URL`.
pub async fn postgres() -> Option<TestStore> {
    let server = postgres_server_url()?;
    let name = create_postgres_database(&server).await;
    let url = database_url(&server, &name);
    let store = Store::connect(&url).await.expect("open PostgreSQL").with_password_params(test_params());
    let database = Some(PostgresDatabase { server, name });
    let test_store = TestStore { store, dir: None, database };
    test_store.store.migrate().await.expect("migrate PostgreSQL");
    Some(test_store)
}

/// An empty PostgreSQL database for a test that hands its URL to another
/// process; dropped with it.
pub struct ScratchDatabase {
    pub url: String,
    database: Option<PostgresDatabase>,
}

impl std::ops::Deref for ScratchDatabase {
    type Target = str;
    fn deref(&self) -> &str {
        &self.url
    }
}

impl Drop for ScratchDatabase {
    fn drop(&mut self) {
        if let Some(database) = self.database.take() {
            drop_postgres_database(database);
        }
    }
}

/// Creates an empty database `t_<uuid>`, dropped when the returned value is.
pub async fn fresh_postgres_database() -> Option<ScratchDatabase> {
    let server = postgres_server_url()?;
    let name = create_postgres_database(&server).await;
    let url = database_url(&server, &name);
    Some(ScratchDatabase { url, database: Some(PostgresDatabase { server, name }) })
}

async fn create_postgres_database(server: &str) -> String {
    let admin = Store::connect(server).await.expect("reach TEST_DATABASE_URL");
    let name = format!("t_{}", uuid::Uuid::now_v7().simple());
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&admin.pool)
        .await
        .expect("create test database");
    admin.close().await;
    name
}

/// `server` with its database name replaced by `name`, keeping its query.
fn database_url(server: &str, name: &str) -> String {
    let (base, query) = match server.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (server, String::new()),
    };
    let base = base.rsplit_once('/').map_or(base, |(prefix, _)| prefix);
    format!("{base}/{name}{query}")
}

/// Declares a test that runs once per engine, as `NAME::sqlite` and
/// `NAME::postgres`, with `$store` bound to a fresh migrated [`TestStore`].
#[macro_export]
macro_rules! engine_test {
    ($name:ident, |$store:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let $store = $crate::testing::sqlite().await;
                $body
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some($store) = $crate::testing::postgres().await else {
                    eprintln!("TEST_DATABASE_URL is not set: PostgreSQL half skipped");
                    return;
                };
                $body
            }
        }
    };
}

impl Store {
    /// The pool, for tests that tamper with rows directly.
    pub fn pool(&self) -> &sqlx::AnyPool {
        &self.pool
    }

    /// A single integer from `sql`, for assertions.
    pub async fn fetch_i64(&self, sql: &str) -> i64 {
        use sqlx::Row;
        sqlx::query(sqlx::AssertSqlSafe(sql.to_owned())).fetch_one(&self.pool).await.expect("query").get(0)
    }
}
