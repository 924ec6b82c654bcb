//! What the programme office sets up per call, each change a new version
//! with the newest in force: the service list (for the Avviso 1.2 Comuni
//! calls, until an official list is loaded, the provisional list shipped in
//! `data/`, labelled "elenco provvisorio") and the settings (windows,
//! deadlines per class).

use crate::audit::AuditEntry;
use crate::batch::{Value, insert};
use crate::write::last_number;
use crate::{Actor, Millis, Store, StoreError};
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::call::COMUNI_1_2_TARIFF;
use cloudpa_domain::programme::services::{ListError, ListedService, check_list};
use cloudpa_domain::programme::settings::CallSettings;
use serde::Serialize;
use serde_json::json;
use sqlx::Row;

/// The provisional list of the Avviso 1.2 Comuni calls.
pub const PROVISIONAL_COMUNI_LIST: &[u8] = include_bytes!("../../../../data/servizi_avviso_1_2_comuni_provvisorio.csv");

/// A call's list as in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceList {
    pub call_id: String,
    /// 0 for the shipped provisional list.
    pub version: i64,
    pub provisional: bool,
    pub source: String,
    pub services: Vec<ListedService>,
}

/// Reads a list file (CSV with the header `codice,servizio`).
pub fn read_service_list(bytes: &[u8]) -> Result<Vec<ListedService>, ListError> {
    let mut reader = csv::Reader::from_reader(bytes);
    let header_ok = reader.headers().is_ok_and(|h| h.iter().map(str::trim).eq(["codice", "servizio"]));
    if !header_ok {
        return Err(ListError { line: 1, rule: Message::new("prog-list-header") });
    }
    let (mut rows, mut lines) = (Vec::new(), crate::csv_rows::Lines::new(bytes));
    for (i, record) in reader.records().enumerate() {
        let mut line_of = |position: Option<&csv::Position>| position.map_or(i + 2, |p| lines.start(p) as usize);
        let record = record.map_err(|e| ListError { line: line_of(e.position()), rule: csv_rule(&e) })?;
        rows.push((line_of(record.position()), record[0].to_owned(), record[1].to_owned()));
    }
    check_list(&rows)
}

/// What a CSV reader's refusal of a row says, as a rule: a row with a
/// number of fields other than the header's, or text that is not UTF-8.
fn csv_rule(error: &csv::Error) -> Message {
    match error.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            Message::new("prog-list-fields").arg("expected", *expected_len).arg("found", *len)
        }
        csv::ErrorKind::Utf8 { .. } => Message::new("prog-list-utf8"),
        _ => Message::new("prog-list-csv"),
    }
}

impl Store {
    /// The list in force for `call_id`: the newest loaded, or the shipped
    /// provisional one for a call with the Comuni 1.2 tariff; `None` otherwise.
    pub async fn call_service_list(&self, call_id: &str) -> Result<Option<ServiceList>, StoreError> {
        let operation = "read a call's service list";
        let newest = sqlx::query(
            "SELECT version, source FROM call_service_lists WHERE call_id = $1 ORDER BY version DESC LIMIT 1",
        )
        .bind(call_id);
        let newest: Option<(i64, String)> = self
            .read_one(newest, operation, |r| Ok::<_, sqlx::Error>((r.try_get("version")?, r.try_get("source")?)))
            .await?;
        if let Some((version, source)) = newest {
            let query = sqlx::query(
                "SELECT code, name FROM call_services WHERE call_id = $1 AND version = $2 ORDER BY position",
            )
            .bind(call_id)
            .bind(version);
            let services = self
                .read_all(query, operation, |r| -> Result<_, sqlx::Error> {
                    Ok(ListedService { code: r.try_get("code")?, name: r.try_get("name")? })
                })
                .await?;
            return Ok(Some(ServiceList { call_id: call_id.into(), version, provisional: false, source, services }));
        }
        let comuni = self.find_call(call_id).await?.is_some_and(|c| c.voucher_tariff() == Some(COMUNI_1_2_TARIFF));
        if !comuni {
            return Ok(None);
        }
        let services = read_service_list(PROVISIONAL_COMUNI_LIST)
            .map_err(|e| crate::qualification::corrupt("provisional service list", &e.to_string()))?;
        Ok(Some(ServiceList {
            call_id: call_id.into(),
            version: 0,
            provisional: true,
            source: "data/servizi_avviso_1_2_comuni_provvisorio.csv".into(),
            services,
        }))
    }

    /// Loads a new version of `call_id`'s list; it is in force at once.
    pub async fn load_call_services(
        &self,
        actor: &Actor,
        call_id: &str,
        services: &[ListedService],
        source: &str,
        at: Millis,
    ) -> Result<i64, StoreError> {
        if self.find_call(call_id).await?.is_none() {
            return Err(StoreError::NotFound(Message::new("store-call").arg("id", call_id)));
        }
        let during = |e| StoreError::during("load a call's service list", e);
        let mut tx = self.begin_write().await?;
        let last = last_number(tx.conn(), "call_service_lists", "version", "call_id", call_id).await.map_err(during)?;
        let version = last.unwrap_or(0) + 1;
        sqlx::query("INSERT INTO call_service_lists (call_id, version, source, loaded_at_ms) VALUES ($1, $2, $3, $4)")
            .bind(call_id)
            .bind(version)
            .bind(source)
            .bind(at)
            .execute(tx.conn())
            .await
            .map_err(during)?;
        let rows = services
            .iter()
            .enumerate()
            .map(|(i, s)| {
                vec![
                    Value::Text(call_id.into()),
                    Value::Int(version),
                    Value::Int(i as i64 + 1),
                    Value::Text(s.code.clone()),
                    Value::Text(s.name.clone()),
                ]
            })
            .collect();
        insert(tx.conn(), "call_services", &["call_id", "version", "position", "code", "name"], rows)
            .await
            .map_err(during)?;
        let entry = AuditEntry {
            actor,
            action: "call.services",
            subject: format!("call:{call_id}"),
            details: json!({ "version": version, "source": source, "services": services.len() }),
        };
        tx.commit(entry, at).await?;
        Ok(version)
    }
}

impl Store {
    /// The newest settings saved for `call_id`, with their version.
    pub async fn call_settings(&self, call_id: &str) -> Result<Option<(i64, CallSettings)>, StoreError> {
        let operation = "read a call's settings";
        let during = |e| StoreError::during(operation, e);
        let query =
            sqlx::query("SELECT version, settings FROM call_settings WHERE call_id = $1 ORDER BY version DESC LIMIT 1");
        self.read_one(query.bind(call_id), operation, |r| -> Result<_, StoreError> {
            let text: String = r.try_get("settings").map_err(during)?;
            let settings =
                serde_json::from_str(&text).map_err(|_| crate::qualification::corrupt("call settings", &text))?;
            Ok((r.try_get("version").map_err(during)?, settings))
        })
        .await
    }

    /// Saves a new version of `call_id`'s settings (checked by the caller).
    pub async fn save_call_settings(
        &self,
        actor: &Actor,
        user_id: &str,
        call_id: &str,
        settings: &CallSettings,
        at: Millis,
    ) -> Result<i64, StoreError> {
        let during = |e| StoreError::during("save a call's settings", e);
        let text = serde_json::to_string(settings).map_err(|e| during(sqlx::Error::Encode(e.into())))?;
        let mut tx = self.begin_write().await?;
        let last = last_number(tx.conn(), "call_settings", "version", "call_id", call_id).await.map_err(during)?;
        let version = last.unwrap_or(0) + 1;
        let row = vec![
            Value::Text(call_id.to_owned()),
            Value::Int(version),
            Value::Text(text),
            Value::Text(user_id.to_owned()),
            Value::Int(at),
        ];
        insert(
            tx.conn(),
            "call_settings",
            &["call_id", "version", "settings", "changed_by", "created_at_ms"],
            vec![row],
        )
        .await
        .map_err(during)?;
        let entry = AuditEntry {
            actor,
            action: "call.settings",
            subject: format!("call:{call_id}"),
            details: json!({ "version": version, "settings": settings }),
        };
        tx.commit(entry, at).await?;
        Ok(version)
    }
}
