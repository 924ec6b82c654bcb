//! Provider profiles (VAT number, PEC, address) and their infrastructures.

use super::corrupt;
use crate::audit::AuditEntry;
use crate::{Actor, Millis, Store, StoreError};
use cloudpa_domain::access::OrganisationKind;
use cloudpa_domain::message::Message;
use cloudpa_domain::qualification::infrastructure::InfrastructureLevel;
use cloudpa_domain::qualification::listing::DataLocation;
use cloudpa_domain::qualification::track::{OperatorNature, Track, track_for};
use serde::Serialize;
use serde_json::json;
use sqlx::Row;
use sqlx::any::AnyRow;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProviderProfile {
    pub organisation_id: String,
    /// Checked by `cloudpa_domain::qualification::vat` before it gets here.
    pub vat_number: String,
    pub pec: String,
    pub address: String,
    /// What the provider is, for art. 15 c. 1 (private unless declared).
    pub operator_nature: OperatorNature,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Infrastructure {
    pub id: String,
    pub provider_id: String,
    pub name: String,
    pub location: DataLocation,
    pub sites: String,
    /// `None` when not declared (an infrastructure known from an imported
    /// catalogue): no ceiling of its own on its services.
    pub level: Option<InfrastructureLevel>,
}

/// An infrastructure to register.
#[derive(Debug, Clone, Copy)]
pub struct NewInfrastructure<'a> {
    pub name: &'a str,
    pub location: DataLocation,
    pub sites: &'a str,
    pub level: Option<InfrastructureLevel>,
}

impl Store {
    /// Creates or replaces a provider's profile.
    pub async fn save_provider_profile(
        &self,
        actor: &Actor,
        p: &ProviderProfile,
        at: Millis,
    ) -> Result<(), StoreError> {
        let statement = sqlx::query(
            "INSERT INTO provider_profiles (organisation_id, vat_number, pec, address, updated_at_ms, \
             operator_nature) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (organisation_id) DO UPDATE SET \
             vat_number = excluded.vat_number, pec = excluded.pec, address = excluded.address, \
             operator_nature = excluded.operator_nature, \
             updated_at_ms = excluded.updated_at_ms",
        )
        .bind(&p.organisation_id)
        .bind(&p.vat_number)
        .bind(&p.pec)
        .bind(&p.address)
        .bind(at)
        .bind(p.operator_nature.code());
        let failed = |e| {
            let what = Message::new("store-provider-vat").arg("vat", p.vat_number.as_str());
            crate::accounts::conflict(e, "save a provider's profile", what)
        };
        let entry = AuditEntry {
            actor,
            action: "provider.profile",
            subject: format!("organisation:{}", p.organisation_id),
            details: json!({ "vat_number": p.vat_number, "pec": p.pec, "address": p.address,
                "operator_nature": p.operator_nature.code() }),
        };
        self.write_one(statement, failed, entry, at).await
    }

    pub async fn provider_profile(&self, organisation_id: &str) -> Result<Option<ProviderProfile>, StoreError> {
        let query = sqlx::query(
            "SELECT organisation_id, vat_number, pec, address, operator_nature FROM provider_profiles \
             WHERE organisation_id = $1",
        )
        .bind(organisation_id);
        self.read_one(query, "read a provider's profile", |r| -> Result<_, StoreError> {
            let during = |e| StoreError::during("read a provider's profile", e);
            let nature: String = r.try_get("operator_nature").map_err(during)?;
            Ok(ProviderProfile {
                organisation_id: r.try_get("organisation_id").map_err(during)?,
                vat_number: r.try_get("vat_number").map_err(during)?,
                pec: r.try_get("pec").map_err(during)?,
                address: r.try_get("address").map_err(during)?,
                operator_nature: OperatorNature::parse(&nature).ok_or_else(|| corrupt("operator nature", &nature))?,
            })
        })
        .await
    }

    /// The track `organisation_id`'s services take to the catalogue, from
    /// its kind and the nature its profile declares (`track::track_for`).
    pub async fn operator_track(&self, organisation_id: &str) -> Result<Track, StoreError> {
        let kind = self.organisation(organisation_id).await?.map(|o| o.kind).unwrap_or(OrganisationKind::Provider);
        let nature = self.provider_profile(organisation_id).await?.map(|p| p.operator_nature);
        Ok(track_for(kind, nature))
    }

    pub async fn create_infrastructure(
        &self,
        actor: &Actor,
        provider_id: &str,
        new: NewInfrastructure<'_>,
        at: Millis,
    ) -> Result<Infrastructure, StoreError> {
        let id = uuid::Uuid::now_v7().to_string();
        let level = new.level.map(InfrastructureLevel::code);
        let statement = sqlx::query(
            "INSERT INTO infrastructures (id, provider_id, name, location, sites, level, created_at_ms) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&id)
        .bind(provider_id)
        .bind(new.name)
        .bind(new.location.code())
        .bind(new.sites)
        .bind(level)
        .bind(at);
        let entry = AuditEntry {
            actor,
            action: "infrastructure.create",
            subject: format!("infrastructure:{id}"),
            details: json!({ "provider_id": provider_id, "name": new.name, "location": new.location.code(),
                             "sites": new.sites, "level": level }),
        };
        self.write_one(statement, |e| StoreError::during("create an infrastructure", e), entry, at).await?;
        Ok(Infrastructure {
            id,
            provider_id: provider_id.into(),
            name: new.name.into(),
            location: new.location,
            sites: new.sites.into(),
            level: new.level,
        })
    }

    pub async fn infrastructure(&self, id: &str) -> Result<Option<Infrastructure>, StoreError> {
        let query =
            sqlx::query("SELECT id, provider_id, name, location, sites, level FROM infrastructures WHERE id = $1");
        self.read_one(query.bind(id), "read an infrastructure", infrastructure_from_row).await
    }

    pub async fn list_infrastructures(&self, provider_id: &str) -> Result<Vec<Infrastructure>, StoreError> {
        let query = sqlx::query(
            "SELECT id, provider_id, name, location, sites, level FROM infrastructures WHERE provider_id = $1 \
             ORDER BY name",
        )
        .bind(provider_id);
        self.read_all(query, "list a provider's infrastructures", infrastructure_from_row).await
    }
}

fn infrastructure_from_row(r: &AnyRow) -> Result<Infrastructure, StoreError> {
    let during = |e| StoreError::during("read an infrastructure", e);
    let location: String = r.try_get("location").map_err(during)?;
    Ok(Infrastructure {
        id: r.try_get("id").map_err(during)?,
        provider_id: r.try_get("provider_id").map_err(during)?,
        name: r.try_get("name").map_err(during)?,
        location: DataLocation::parse(&location).ok_or_else(|| corrupt("location", &location))?,
        sites: r.try_get("sites").map_err(during)?,
        level: match r.try_get::<Option<String>, _>("level").map_err(during)? {
            Some(code) => {
                Some(InfrastructureLevel::parse(&code).ok_or_else(|| corrupt("infrastructure level", &code))?)
            }
            None => None,
        },
    })
}
