//! Placing an imported record in today's territory: the municipalities and
//! their changes as the reference data holds them, and what a code of any
//! year since 2011 becomes, with the data-quality finding that says so.

use crate::Engine;
use cloudpa_domain::programme::quality::Finding;
use cloudpa_domain::programme::territory::{Listed, Territory};
use cloudpa_i18n::Lang;
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;

/// The territory, with each listed code's name, province and region for the
/// findings' notes.
pub(crate) struct Map {
    territory: Territory,
    names: HashMap<String, String>,
}

/// Reads the municipalities (in one row: the import reads them on every
/// run) and their changes.
pub(crate) async fn load(conn: &mut AnyConnection, engine: Engine) -> Result<Map, sqlx::Error> {
    let fields = "istat_code || '|' || COALESCE(ended_on, '') || '|' || COALESCE(current_code, '') || '|' || \
                  istat_code || ' ' || name || ' (' || province_code || ', ' || region || ')'";
    let query = engine.joined_column_query("municipalities", fields);
    let joined: Option<String> =
        sqlx::query(sqlx::AssertSqlSafe(query)).fetch_one(&mut *conn).await?.try_get("joined")?;
    let (mut listed, mut names) = (Vec::with_capacity(8_000), HashMap::with_capacity(8_000));
    for line in joined.as_deref().unwrap_or_default().lines() {
        let mut parts = line.splitn(4, '|');
        let (Some(code), Some(ended), Some(current), Some(name)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let some = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        names.insert(code.to_owned(), name.to_owned());
        listed.push((code.to_owned(), Listed { ended_on: some(ended), current: some(current) }));
    }
    let changes = sqlx::query(
        "SELECT istat_code, effective_on, new_istat_code FROM municipality_changes WHERE kind IN ('CC', 'ES')",
    )
    .fetch_all(&mut *conn)
    .await?;
    let changes = changes
        .iter()
        .map(|r| -> Result<_, sqlx::Error> {
            let next: String = r.try_get("new_istat_code")?;
            Ok((r.try_get("istat_code")?, r.try_get("effective_on")?, (!next.is_empty()).then_some(next)))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Map { territory: Territory::new(listed, changes), names })
}

impl Map {
    /// Where the record of an ente published with `code` goes
    /// ([`Territory::place`]), or why it cannot be placed, in English for
    /// the import's rejections.
    pub(crate) fn place(&self, code: &str, known: Option<&str>) -> Result<(String, Option<Finding>), String> {
        let name = |code: &str| self.names.get(code).cloned().unwrap_or_else(|| code.to_owned());
        self.territory.place(code, known, name).map_err(|reason| Lang::En.text(&reason))
    }
}
