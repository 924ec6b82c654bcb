//! Connecting to the database named by a URL, and migrating it.

use crate::engine::Engine;
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, Executor};
use std::time::Duration;
use thiserror::Error;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// The handle to the database: a connection pool and the engine behind it.
#[derive(Clone, Debug)]
pub struct Store {
    pub(crate) pool: AnyPool,
    engine: Engine,
    pub(crate) password_params: argon2::Params,
    /// A hash of no one's password with `password_params`, made once: an
    /// unknown e-mail is checked against it, so that it costs what a wrong
    /// password costs.
    pub(crate) dummy_hash: std::sync::Arc<tokio::sync::OnceCell<String>>,
}

/// Why the database named by a URL cannot be used. Each message is one line
/// that names the problem, for the operator who typed the URL.
#[derive(Debug, Error)]
pub enum ConnectError {
    #[error("unsupported database URL `{0}`: use sqlite://PATH or postgres://USER@HOST/DB")]
    UnknownScheme(String),
    #[error("cannot open the {engine} database at {target}: {reason}")]
    Unreachable { engine: Engine, target: String, reason: String },
    #[error("cannot migrate the {engine} database: {reason}")]
    Migration { engine: Engine, reason: String },
}

impl Store {
    /// Opens a pool on `url` (`sqlite://…` or `postgres://…`). A SQLite file is
    /// created when missing and runs in WAL mode with foreign keys enforced.
    pub async fn connect(url: &str) -> Result<Store, ConnectError> {
        let engine = Engine::from_url(url).ok_or_else(|| ConnectError::UnknownScheme(redact(url)))?;
        install_default_drivers();
        let url = match engine {
            Engine::Sqlite if !url.contains("mode=") => {
                format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
            }
            _ => url.to_owned(),
        };
        let options = AnyPoolOptions::new()
            .max_connections(engine.pool_size())
            .acquire_timeout(Duration::from_secs(5))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if engine == Engine::Sqlite {
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; \
                             PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            });
        let pool = options.connect(&url).await.map_err(|e| ConnectError::Unreachable {
            engine,
            target: redact(&url),
            reason: one_line(&e),
        })?;
        Ok(Store { pool, engine, password_params: argon2::Params::default(), dummy_hash: Default::default() })
    }

    /// Applies every migration of this engine that has not run yet.
    pub async fn migrate(&self) -> Result<(), ConnectError> {
        let migrator = match self.engine {
            Engine::Sqlite => &SQLITE_MIGRATIONS,
            Engine::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator
            .run(&self.pool)
            .await
            .map_err(|e| ConnectError::Migration { engine: self.engine, reason: one_line(&e) })
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// Whether the database answers a trivial query now.
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    /// Connections open and idle in the pool, for the metrics endpoint.
    pub fn pool_stats(&self) -> (u32, usize) {
        (self.pool.size(), self.pool.num_idle())
    }

    /// Waits for every connection to be returned, then closes them all (and,
    /// on SQLite, lets the last one checkpoint the WAL).
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Uses cheaper Argon2 parameters: for tests only, where the default
    /// (19 MiB, 2 passes) would dominate the run time.
    pub fn with_password_params(mut self, params: argon2::Params) -> Self {
        self.password_params = params;
        self.dummy_hash = Default::default();
        self
    }
}

fn one_line(err: &dyn std::fmt::Display) -> String {
    err.to_string().lines().map(str::trim).collect::<Vec<_>>().join(" ")
}

/// The URL without its password, for messages and logs.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The migrations of both engines, as (version, description) pairs: a test
    /// checks they are the same list.
    fn migration_versions() -> [Vec<(i64, String)>; 2] {
        let list = |m: &Migrator| m.iter().map(|m| (m.version, m.description.to_string())).collect();
        [list(&SQLITE_MIGRATIONS), list(&POSTGRES_MIGRATIONS)]
    }

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(redact("postgres://app:s3cret@db:5432/cloudpa"), "postgres://app:***@db:5432/cloudpa");
        assert_eq!(redact("postgres://app@db/cloudpa"), "postgres://app@db/cloudpa");
        assert_eq!(redact("sqlite://data/cloudpa.db"), "sqlite://data/cloudpa.db");
    }

    #[test]
    fn both_engines_have_the_same_migrations() {
        let [sqlite, postgres] = migration_versions();
        assert!(!sqlite.is_empty());
        assert_eq!(sqlite, postgres);
    }

    #[tokio::test]
    async fn unknown_schemes_are_named() {
        let err = Store::connect("mysql://localhost/x").await.unwrap_err();
        assert_eq!(
            err.to_string(),
            "unsupported database URL `mysql://localhost/x`: use sqlite://PATH or postgres://USER@HOST/DB"
        );
    }
}
