//! The texts of the migration programme's pages: the ente's area, the
//! application, the programme office and the territorial teams.

use cloudpa_domain::programme::application::ApplicationState;

/// The text key of an application's state.
pub(crate) fn state_key(state: ApplicationState) -> &'static str {
    match state {
        ApplicationState::Draft => "state.draft",
        ApplicationState::Submitted => "state.submitted",
        ApplicationState::NotAdmitted => "state.not_admitted",
        ApplicationState::Financed => "state.financed",
        ApplicationState::Contracted => "state.contracted",
        ApplicationState::Completed => "state.completed",
        ApplicationState::Attested => "state.attested",
        ApplicationState::Paid => "state.paid",
        ApplicationState::Withdrawn => "state.withdrawn",
        ApplicationState::Revoked => "state.revoked",
    }
}

/// (key, Italian, English)
pub(super) static TEXTS: &[(&str, &str, &str)] = &[
    ("state.draft", "Bozza", "Draft"),
    ("state.submitted", "Presentata", "Submitted"),
    ("state.not_admitted", "Non ammessa", "Not admitted"),
    ("state.financed", "Finanziata", "Financed"),
    ("state.contracted", "Contratto attivato", "Contract activated"),
    ("state.completed", "Completata", "Completed"),
    ("state.attested", "Asseverata", "Attested"),
    ("state.paid", "Erogata", "Paid"),
    ("state.withdrawn", "Rinuncia", "Withdrawn"),
    ("state.revoked", "Revocata", "Revoked"),
    ("migration.iaas", "A – Trasferimento su IaaS qualificato", "A – Rehost to qualified IaaS"),
    ("migration.paas", "B – Aggiornamento su PaaS qualificato", "B – Upgrade to qualified PaaS"),
    ("migration.saas", "B – Aggiornamento su SaaS qualificato", "B – Upgrade to qualified SaaS"),
    (
        "migration.improved_paas",
        "A dichiarato, migliorato a B su PaaS (migrazione migliorativa)",
        "Declared A, improved to B on PaaS (improved migration)",
    ),
    (
        "migration.improved_saas",
        "A dichiarato, migliorato a B su SaaS (migrazione migliorativa)",
        "Declared A, improved to B on SaaS (improved migration)",
    ),
    ("site.site", "Sede", "Site"),
    ("site.kind", "Tipo", "Kind"),
    ("site.status", "Stato", "Status"),
    ("site.server_room", "Sala server", "Server room"),
    ("site.data_centre", "Data centre", "Data centre"),
    ("site.active", "Attiva", "Active"),
    ("site.decommissioning", "In dismissione", "Being decommissioned"),
    ("site.decommissioned", "Dismessa", "Decommissioned"),
    ("ente.services_migrated", "Servizi migrati", "Services migrated"),
    ("ente.project_services", "Servizi del progetto", "The project's services"),
    ("ente.sites", "Sale server e data centre", "Server rooms and data centres"),
    ("application.service", "Servizio", "Service"),
    ("application.migration", "Migrazione", "Migration"),
    ("application.migrated_on", "Migrato il", "Migrated on"),
    ("application.not_migrated", "da migrare", "to be migrated"),
    ("dashboard.attested", "Asseverazioni positive", "Positive attestations"),
    ("dashboard.enti_attested", "enti migrati", "bodies migrated"),
    ("dashboard.services_migrated", "Servizi migrati", "Services migrated"),
    ("dashboard.services_declared", "servizi candidati su cloudpa", "services applied for on cloudpa"),
    ("dashboard.sites_closed", "Sale server e data centre dismessi", "Server rooms and data centres closed"),
    ("dashboard.sites_declared", "censiti", "recorded"),
    ("dashboard.of", "su", "of"),
    ("dashboard.target", "Target PNRR", "PNRR target"),
    ("dashboard.due", "scadenza", "due"),
    ("dashboard.unconfirmed", "valore non confermato su fonte primaria", "value not confirmed by a primary source"),
    ("dashboard.by_state", "Progetti per stato", "Projects by state"),
    ("dashboard.projects", "Progetti", "Projects"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_has_a_text() {
        for state in ApplicationState::ALL {
            assert!(TEXTS.iter().any(|(k, _, _)| *k == state_key(state)), "{state}");
        }
    }
}
