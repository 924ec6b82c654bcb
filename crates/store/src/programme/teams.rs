//! Territorial teams: the regions of each area (reference data), the members
//! the programme office assigns, and the applications of an area's enti.

use super::applications::{CallApplication, application_from_row};
use crate::audit::AuditEntry;
use crate::qualification::corrupt;
use crate::{Actor, Millis, Store, StoreError};
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::application::CallApplicationState;
use cloudpa_domain::programme::teams::TeamRole;
use serde::Serialize;
use serde_json::json;
use sqlx::{AssertSqlSafe, Row};
use std::collections::BTreeMap;

/// A member of a territorial team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TeamMember {
    pub user_id: String,
    pub display_name: String,
    pub email: String,
    pub area: String,
    pub role: TeamRole,
}

/// An application of an ente of an area, with where the ente is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AreaApplication {
    pub ipa_code: Option<String>,
    pub municipality: String,
    pub province: String,
    pub region: String,
    pub application: CallApplication,
}

const MEMBER_COLUMNS: &str = "t.user_id, u.display_name, u.email, t.area, t.role \
    FROM team_members t JOIN users u ON u.id = t.user_id";

fn member_from_row(r: &sqlx::any::AnyRow) -> Result<TeamMember, StoreError> {
    let during = |e| StoreError::during("read a team member", e);
    let role: String = r.try_get("role").map_err(during)?;
    Ok(TeamMember {
        user_id: r.try_get("user_id").map_err(during)?,
        display_name: r.try_get("display_name").map_err(during)?,
        email: r.try_get("email").map_err(during)?,
        area: r.try_get("area").map_err(during)?,
        role: TeamRole::parse(&role).ok_or_else(|| corrupt("team role", &role))?,
    })
}

impl Store {
    /// Each area with its regions, by name.
    pub async fn territorial_areas(&self) -> Result<BTreeMap<String, Vec<String>>, StoreError> {
        let query = sqlx::query("SELECT area, region FROM territorial_areas ORDER BY area, region");
        let pairs: Vec<(String, String)> = self
            .read_all(query, "read the territorial areas", |r| {
                Ok::<_, sqlx::Error>((r.try_get("area")?, r.try_get("region")?))
            })
            .await?;
        let mut areas: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (area, region) in pairs {
            areas.entry(area).or_default().push(region);
        }
        Ok(areas)
    }

    pub async fn team_member(&self, user_id: &str) -> Result<Option<TeamMember>, StoreError> {
        let sql = format!("SELECT {MEMBER_COLUMNS} WHERE t.user_id = $1");
        self.read_one(sqlx::query(AssertSqlSafe(sql)).bind(user_id), "read a team member", member_from_row).await
    }

    /// Every member, by area, role and name.
    pub async fn team_members(&self) -> Result<Vec<TeamMember>, StoreError> {
        let sql = format!("SELECT {MEMBER_COLUMNS} ORDER BY t.area, t.role, u.display_name");
        self.read_all(sqlx::query(AssertSqlSafe(sql)), "list the team members", member_from_row).await
    }

    /// Puts a user in an area's team with a role (replacing any earlier
    /// assignment).
    pub async fn assign_team_member(
        &self,
        actor: &Actor,
        user_id: &str,
        area: &str,
        role: TeamRole,
        assigned_by: &str,
        at: Millis,
    ) -> Result<(), StoreError> {
        let statement = sqlx::query(
            "INSERT INTO team_members (user_id, area, role, assigned_by, assigned_at_ms) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (user_id) DO UPDATE SET area = excluded.area, role = excluded.role, \
             assigned_by = excluded.assigned_by, assigned_at_ms = excluded.assigned_at_ms",
        )
        .bind(user_id)
        .bind(area)
        .bind(role.code())
        .bind(assigned_by)
        .bind(at);
        let entry = AuditEntry {
            actor,
            action: "team.assign",
            subject: format!("user:{user_id}"),
            details: json!({ "area": area, "role": role.code() }),
        };
        self.write_one(statement, |e| StoreError::during("assign a team member", e), entry, at).await
    }

    pub async fn remove_team_member(&self, actor: &Actor, user_id: &str, at: Millis) -> Result<(), StoreError> {
        let statement = sqlx::query("DELETE FROM team_members WHERE user_id = $1").bind(user_id);
        let failed = |e| StoreError::during("remove a team member", e);
        let unchanged = || StoreError::NotFound(Message::new("store-team-member").arg("id", user_id));
        let entry = AuditEntry { actor, action: "team.remove", subject: format!("user:{user_id}"), details: json!({}) };
        self.write_one_changing(statement, failed, unchanged, entry, at).await
    }

    /// The applications in `states` of the enti of `regions`.
    pub async fn applications_in_regions(
        &self,
        regions: &[String],
        states: &[CallApplicationState],
    ) -> Result<Vec<AreaApplication>, StoreError> {
        if regions.is_empty() || states.is_empty() {
            return Ok(Vec::new());
        }
        let regions_in: Vec<String> = (0..regions.len()).map(|i| format!("${}", i + 1)).collect();
        let states_in: Vec<String> = states.iter().map(|s| format!("'{}'", s.code())).collect();
        let sql = format!(
            "SELECT {}, o.ipa_code, m.name AS municipality, m.province, m.region {} \
             JOIN enti e ON e.organisation_id = a.organisation_id JOIN municipalities m ON m.istat_code = e.istat_code \
             WHERE m.region IN ({}) AND a.state IN ({}) ORDER BY o.name, a.id",
            super::applications::FIELDS,
            super::applications::FROM,
            regions_in.join(", "),
            states_in.join(", ")
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for region in regions {
            query = query.bind(region);
        }
        let operation = "list the applications of an area";
        let during = |e| StoreError::during(operation, e);
        self.read_all(query, operation, |r| -> Result<_, StoreError> {
            Ok(AreaApplication {
                application: application_from_row(r)?,
                ipa_code: r.try_get("ipa_code").map_err(during)?,
                municipality: r.try_get("municipality").map_err(during)?,
                province: r.try_get("province").map_err(during)?,
                region: r.try_get("region").map_err(during)?,
            })
        })
        .await
    }
}
