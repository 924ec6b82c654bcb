//! An ente's inventory: its on-premise sites and its services, each with its
//! data class, origin, the site that hosts it and what became of it.

use crate::audit::AuditEntry;
use crate::qualification::corrupt;
use crate::read::optional_date;
use crate::{Actor, Millis, Store, StoreError};
use chrono::NaiveDate;
use cloudpa_domain::message::Message;
use cloudpa_domain::paging::Paging;
use cloudpa_domain::programme::inventory::{ServiceStatus, SiteKind, SiteStatus};
use cloudpa_domain::programme::scenarios::Origin;
use cloudpa_domain::qualification::levels::DataClass;
use serde::Serialize;
use serde_json::json;
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Site {
    pub id: String,
    pub organisation_id: String,
    pub name: String,
    pub kind: SiteKind,
    pub status: SiteStatus,
    pub decommissioned_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnteService {
    pub id: String,
    pub organisation_id: String,
    pub name: String,
    pub data_class: Option<DataClass>,
    pub origin: Option<Origin>,
    pub site_id: Option<String>,
    pub status: ServiceStatus,
}

/// The fields of a service the ente sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceFields {
    pub name: String,
    pub data_class: Option<DataClass>,
    pub origin: Option<Origin>,
    pub site_id: Option<String>,
    pub status: ServiceStatus,
}

const SITE_COLUMNS: &str = "id, organisation_id, name, kind, status, decommissioned_on FROM ente_sites";
const SERVICE_COLUMNS: &str = "id, organisation_id, name, data_class, origin, site_id, status FROM ente_services";

fn site_from_row(r: &AnyRow) -> Result<Site, StoreError> {
    let during = |e| StoreError::during("read a site", e);
    let kind: String = r.try_get("kind").map_err(during)?;
    let status: String = r.try_get("status").map_err(during)?;
    Ok(Site {
        id: r.try_get("id").map_err(during)?,
        organisation_id: r.try_get("organisation_id").map_err(during)?,
        name: r.try_get("name").map_err(during)?,
        kind: SiteKind::parse(&kind).ok_or_else(|| corrupt("site kind", &kind))?,
        status: SiteStatus::parse(&status).ok_or_else(|| corrupt("site status", &status))?,
        decommissioned_on: optional_date(r, "decommissioned_on", during)?,
    })
}

fn service_from_row(r: &AnyRow) -> Result<EnteService, StoreError> {
    let during = |e| StoreError::during("read an ente's service", e);
    let class: Option<String> = r.try_get("data_class").map_err(during)?;
    let origin: Option<String> = r.try_get("origin").map_err(during)?;
    let status: String = r.try_get("status").map_err(during)?;
    Ok(EnteService {
        id: r.try_get("id").map_err(during)?,
        organisation_id: r.try_get("organisation_id").map_err(during)?,
        name: r.try_get("name").map_err(during)?,
        data_class: class
            .map(|c| DataClass::ALL.into_iter().find(|d| d.code() == c).ok_or_else(|| corrupt("data class", &c)))
            .transpose()?,
        origin: origin.map(|o| o.parse().map_err(|_| corrupt("origin", &o))).transpose()?,
        site_id: r.try_get("site_id").map_err(during)?,
        status: ServiceStatus::parse(&status).ok_or_else(|| corrupt("service status", &status))?,
    })
}

impl Store {
    /// Records a site, active; returns it.
    pub async fn create_site(
        &self,
        actor: &Actor,
        organisation_id: &str,
        name: &str,
        kind: SiteKind,
        at: Millis,
    ) -> Result<Site, StoreError> {
        let site = Site {
            id: uuid::Uuid::now_v7().to_string(),
            organisation_id: organisation_id.to_owned(),
            name: name.to_owned(),
            kind,
            status: SiteStatus::Active,
            decommissioned_on: None,
        };
        let statement = sqlx::query(
            "INSERT INTO ente_sites (id, organisation_id, name, kind, status, created_at_ms, updated_at_ms) \
             VALUES ($1, $2, $3, $4, $5, $6, $6)",
        )
        .bind(&site.id)
        .bind(organisation_id)
        .bind(name)
        .bind(kind.code())
        .bind(site.status.code())
        .bind(at);
        let failed =
            |e| crate::accounts::conflict(e, "create a site", Message::new("store-site-named").arg("name", name));
        let entry = AuditEntry {
            actor,
            action: "ente.site.create",
            subject: format!("site:{}", site.id),
            details: json!({ "organisation": organisation_id, "name": name, "kind": kind.code() }),
        };
        self.write_one(statement, failed, entry, at).await?;
        Ok(site)
    }

    /// Moves a site to `status` (checked by the caller against the services
    /// it hosts, [`Store::hosted_statuses`]); applies only while the site is
    /// still in the status the caller read.
    pub async fn set_site_status(
        &self,
        actor: &Actor,
        site: &Site,
        status: SiteStatus,
        decommissioned_on: Option<NaiveDate>,
        at: Millis,
    ) -> Result<(), StoreError> {
        let statement = sqlx::query(
            "UPDATE ente_sites SET status = $1, decommissioned_on = $2, updated_at_ms = $3 WHERE id = $4 AND status = $5",
        )
        .bind(status.code())
        .bind(decommissioned_on.map(|d| d.to_string()))
        .bind(at)
        .bind(&site.id)
        .bind(site.status.code());
        let failed = |e| StoreError::during("change a site's status", e);
        let unchanged = || StoreError::Conflict(Message::new("store-newer-site-change").arg("id", site.id.as_str()));
        let entry = AuditEntry {
            actor,
            action: "ente.site.status",
            subject: format!("site:{}", site.id),
            details: json!({ "from": site.status.code(), "to": status.code(), "decommissioned_on": decommissioned_on }),
        };
        self.write_one_changing(statement, failed, unchanged, entry, at).await
    }

    pub async fn sites(&self, organisation_id: &str) -> Result<Vec<Site>, StoreError> {
        let sql = format!("SELECT {SITE_COLUMNS} WHERE organisation_id = $1 ORDER BY name, id");
        self.read_all(sqlx::query(AssertSqlSafe(sql)).bind(organisation_id), "list an ente's sites", site_from_row)
            .await
    }

    pub async fn site(&self, id: &str) -> Result<Option<Site>, StoreError> {
        let sql = format!("SELECT {SITE_COLUMNS} WHERE id = $1");
        self.read_one(sqlx::query(AssertSqlSafe(sql)).bind(id), "read a site", site_from_row).await
    }

    /// What became of each service a site hosts.
    pub async fn hosted_statuses(&self, site_id: &str) -> Result<Vec<ServiceStatus>, StoreError> {
        let operation = "read the statuses of a site's services";
        let query = sqlx::query("SELECT status FROM ente_services WHERE site_id = $1").bind(site_id);
        self.read_all(query, operation, |r| {
            let s: String = r.try_get("status").map_err(|e| StoreError::during(operation, e))?;
            ServiceStatus::parse(&s).ok_or_else(|| corrupt("service status", &s))
        })
        .await
    }

    /// Records a service of the inventory; returns it.
    pub async fn create_ente_service(
        &self,
        actor: &Actor,
        organisation_id: &str,
        fields: &ServiceFields,
        at: Millis,
    ) -> Result<EnteService, StoreError> {
        let id = uuid::Uuid::now_v7().to_string();
        let statement = sqlx::query(
            "INSERT INTO ente_services (id, organisation_id, name, data_class, origin, site_id, status, \
             created_at_ms, updated_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
        )
        .bind(&id)
        .bind(organisation_id)
        .bind(&fields.name)
        .bind(fields.data_class.map(DataClass::code))
        .bind(fields.origin.map(Origin::code))
        .bind(fields.site_id.as_deref())
        .bind(fields.status.code())
        .bind(at);
        let entry = AuditEntry {
            actor,
            action: "ente.service.create",
            subject: format!("ente_service:{id}"),
            details: service_details(organisation_id, fields),
        };
        self.write_one(statement, |e| named_twice(e, "create an ente's service", fields), entry, at).await?;
        Ok(EnteService {
            id,
            organisation_id: organisation_id.to_owned(),
            name: fields.name.clone(),
            data_class: fields.data_class,
            origin: fields.origin,
            site_id: fields.site_id.clone(),
            status: fields.status,
        })
    }

    /// Replaces a service's fields.
    pub async fn update_ente_service(
        &self,
        actor: &Actor,
        service: &EnteService,
        fields: &ServiceFields,
        at: Millis,
    ) -> Result<(), StoreError> {
        let statement = sqlx::query(
            "UPDATE ente_services SET name = $1, data_class = $2, origin = $3, site_id = $4, status = $5, \
             updated_at_ms = $6 WHERE id = $7",
        )
        .bind(&fields.name)
        .bind(fields.data_class.map(DataClass::code))
        .bind(fields.origin.map(Origin::code))
        .bind(fields.site_id.as_deref())
        .bind(fields.status.code())
        .bind(at)
        .bind(&service.id);
        let entry = AuditEntry {
            actor,
            action: "ente.service.update",
            subject: format!("ente_service:{}", service.id),
            details: service_details(&service.organisation_id, fields),
        };
        self.write_one(statement, |e| named_twice(e, "update an ente's service", fields), entry, at).await
    }

    pub async fn ente_services(&self, organisation_id: &str) -> Result<Vec<EnteService>, StoreError> {
        let sql = format!("SELECT {SERVICE_COLUMNS} WHERE organisation_id = $1 ORDER BY name, id");
        let query = sqlx::query(AssertSqlSafe(sql)).bind(organisation_id);
        self.read_all(query, "list an ente's services", service_from_row).await
    }

    /// A page of an ente's services, in the order of [`Store::ente_services`],
    /// and how many it has in all.
    pub async fn ente_services_page(
        &self,
        organisation_id: &str,
        paging: Paging,
    ) -> Result<(Vec<EnteService>, usize), StoreError> {
        let sql = format!("SELECT {SERVICE_COLUMNS} WHERE organisation_id = $1 ORDER BY name, id LIMIT $2 OFFSET $3");
        let offset = i64::try_from(paging.offset()).unwrap_or(i64::MAX);
        let query = sqlx::query(AssertSqlSafe(sql)).bind(organisation_id).bind(paging.size as i64).bind(offset);
        let page = self.read_all(query, "list a page of an ente's services", service_from_row);
        let count =
            sqlx::query("SELECT COUNT(*) AS n FROM ente_services WHERE organisation_id = $1").bind(organisation_id);
        let count = self.read_one(count, "count an ente's services", |r| {
            r.try_get::<i64, _>("n").map_err(|e| StoreError::during("count an ente's services", e))
        });
        let (page, total) = tokio::try_join!(page, count)?;
        Ok((page, total.map_or(0, |n| usize::try_from(n).unwrap_or(0))))
    }

    pub async fn ente_service(&self, id: &str) -> Result<Option<EnteService>, StoreError> {
        let sql = format!("SELECT {SERVICE_COLUMNS} WHERE id = $1");
        self.read_one(sqlx::query(AssertSqlSafe(sql)).bind(id), "read an ente's service", service_from_row).await
    }
}

/// `Conflict` when the ente has another service named as `fields` name it.
fn named_twice(err: sqlx::Error, operation: &'static str, fields: &ServiceFields) -> StoreError {
    crate::accounts::conflict(err, operation, Message::new("store-service-named").arg("name", fields.name.as_str()))
}

fn service_details(organisation_id: &str, f: &ServiceFields) -> serde_json::Value {
    json!({ "organisation": organisation_id, "name": f.name, "data_class": f.data_class.map(DataClass::code),
            "origin": f.origin.map(Origin::code), "site": f.site_id, "status": f.status.code() })
}
