//! Territorial teams: the programme office's administrators assign members
//! to an area with a role; a member works through the projects of the
//! area's enti, overdue deadlines first.

use super::deadlines::{DeadlineStatus, SettingsCache, deadlines_of, next_open};
use crate::Context;
use crate::Error;
use crate::Now;
use crate::qualification::require;
use cloudpa_domain::access::{OrganisationKind, Permission};
use cloudpa_domain::message::Message;
use cloudpa_domain::programme::application::CallApplicationState;
use cloudpa_domain::programme::teams::{TeamRole, worklist_order};
use cloudpa_store::accounts::SessionUser;
use cloudpa_store::programme::teams::{AreaApplication, TeamMember};

/// The states a team follows: submitted until paid.
const FOLLOWED: [CallApplicationState; 5] = [
    CallApplicationState::Submitted,
    CallApplicationState::Financed,
    CallApplicationState::Contracted,
    CallApplicationState::Completed,
    CallApplicationState::Attested,
];

/// Puts a user of the programme office in an area's team with a role.
pub async fn assign(
    ctx: &Context,
    user: &SessionUser,
    now: Now,
    member_id: &str,
    area: &str,
    role: &str,
) -> Result<TeamMember, Error> {
    require(user, Permission::ManageTeams)?;
    let mut errors = Vec::new();
    let member = ctx.store.user(member_id).await?;
    let colleague = match &member {
        Some(m) => ctx
            .store
            .organisation(&m.organisation_id)
            .await?
            .is_some_and(|o| o.kind == OrganisationKind::ProgrammeOffice),
        None => false,
    };
    if !colleague {
        errors.push(("user_id", Message::new("prog-team-not-office")));
    }
    let areas = ctx.store.territorial_areas().await?;
    if !areas.contains_key(area.trim()) {
        let names: Vec<&str> = areas.keys().map(String::as_str).collect();
        errors.push(("area", Message::new("prog-one-of").arg("values", names.join(", "))));
    }
    let role = TeamRole::parse(role.trim());
    if role.is_none() {
        let codes: Vec<&str> = TeamRole::ALL.iter().map(|r| r.code()).collect();
        errors.push(("role", Message::new("prog-one-of").arg("values", codes.join(", "))));
    }
    let (Some(role), true) = (role, errors.is_empty()) else { return Err(Error::invalid(errors)) };
    let actor = user.actor();
    ctx.store.assign_team_member(&actor, member_id, area.trim(), role, &user.user.id, now.ms).await?;
    ctx.store.team_member(member_id).await?.ok_or_else(Error::internal)
}

pub async fn remove(ctx: &Context, user: &SessionUser, now: Now, member_id: &str) -> Result<(), Error> {
    require(user, Permission::ManageTeams)?;
    Ok(ctx.store.remove_team_member(&user.actor(), member_id, now.ms).await?)
}

/// One line of a worklist: a project and its next open deadline.
pub struct WorkItem {
    pub project: AreaApplication,
    pub next: Option<DeadlineStatus>,
    pub overdue: bool,
    /// Days to the next deadline (negative once overdue).
    pub days: Option<i64>,
}

/// The member's area and the projects of its enti, overdue first.
pub async fn worklist(ctx: &Context, user: &SessionUser, now: Now) -> Result<(TeamMember, Vec<WorkItem>), Error> {
    require(user, Permission::ViewWorklist)?;
    let member = ctx
        .store
        .team_member(&user.user.id)
        .await?
        .ok_or_else(|| Error::not_found(Message::new("prog-team-not-member")))?;
    let regions = ctx.store.territorial_areas().await?.remove(&member.area).unwrap_or_default();
    let projects = ctx.store.applications_in_regions(&regions, &FOLLOWED).await?;
    let today = now.today;
    let mut settings = SettingsCache::default();
    let mut items = Vec::with_capacity(projects.len());
    for project in projects {
        let terms = settings.get(&ctx.store, &project.application.call_id).await?;
        let next = next_open(&deadlines_of(&project.application, terms)).cloned();
        let overdue = next.as_ref().is_some_and(|d| d.overdue(today));
        let days = next.as_ref().map(|d| (d.deadline.due_on - today).num_days());
        items.push(WorkItem { project, next, overdue, days });
    }
    items.sort_by(|a, b| worklist_order(order_key(a), order_key(b)));
    Ok((member, items))
}

fn order_key(item: &WorkItem) -> (Option<chrono::NaiveDate>, &str) {
    (item.next.as_ref().map(|d| d.deadline.due_on), item.project.application.ente_name.as_str())
}
