//! Demo organisations and accounts, for trying cloudpa on a fresh database.

use crate::accounts::NewUser;
use crate::{Actor, Millis, Store, StoreError};
use cloudpa_domain::access::{OrganisationKind, Role};

/// The password of every demo account (printed by `serve --demo` and `demo`).
pub const DEMO_PASSWORD: &str = "demo-cloudpa-2026";

/// (kind, organisation, IPA code, [(e-mail, name, role)])
type DemoOrg = (OrganisationKind, &'static str, Option<&'static str>, &'static [(&'static str, &'static str, Role)]);

const DEMO: &[DemoOrg] = &[
    (
        OrganisationKind::Agency,
        "Agenzia per la Cybersicurezza Nazionale (demo)",
        Some("acn"),
        &[
            ("admin@acn.demo.cloudpa.it", "Amministratore ACN", Role::Admin),
            ("revisore@acn.demo.cloudpa.it", "Revisore ACN", Role::Operator),
        ],
    ),
    (
        OrganisationKind::ProgrammeOffice,
        "Dipartimento per la Trasformazione Digitale (demo)",
        Some("dtd"),
        &[
            ("admin@dtd.demo.cloudpa.it", "Amministratore Misura 1.2", Role::Admin),
            ("misura12@dtd.demo.cloudpa.it", "Ufficio Misura 1.2", Role::Operator),
        ],
    ),
    (
        OrganisationKind::Provider,
        "Nuvola Appenninica S.p.A. (demo)",
        None,
        &[("admin@nuvola.demo.cloudpa.it", "Referente Nuvola Appenninica", Role::Admin)],
    ),
    (
        OrganisationKind::PublicBody,
        "Comune di Genova (demo)",
        Some("c_d969"),
        &[("rtd@genova.demo.cloudpa.it", "RTD Comune di Genova", Role::Admin)],
    ),
    (
        OrganisationKind::PublicBody,
        "Comune di Masone (demo)",
        Some("c_f020"),
        &[("rtd@masone.demo.cloudpa.it", "RTD Comune di Masone", Role::Admin)],
    ),
    (
        OrganisationKind::PublicBody,
        "Unione dei Comuni Valli Stura, Orba e Leira (demo)",
        Some("ucvsol_demo"),
        &[("ict@unionevalli.demo.cloudpa.it", "Ufficio ICT associato", Role::Operator)],
    ),
    (
        OrganisationKind::Attestor,
        "Asseverazioni Tecniche S.r.l. (demo)",
        None,
        &[("asseveratore@asseverazioni.demo.cloudpa.it", "Asseveratore", Role::Operator)],
    ),
];

impl Store {
    /// Seeds the demo organisations and accounts when the database has no
    /// organisation yet; returns the number of accounts created.
    pub async fn seed_demo(&self, at: Millis) -> Result<usize, StoreError> {
        if self.count_organisations().await? > 0 {
            return Ok(0);
        }
        let actor = Actor::system();
        let mut accounts = 0;
        for (kind, name, ipa, users) in DEMO {
            let org = self.create_organisation(&actor, *kind, name, *ipa, at).await?;
            for (email, display_name, role) in *users {
                let new =
                    NewUser { organisation_id: &org.id, email, display_name, password: DEMO_PASSWORD, role: *role };
                self.create_user(&actor, new, at).await?;
                accounts += 1;
            }
        }
        Ok(accounts)
    }
}

/// The demo accounts, for the start-up banner and the docs.
pub fn demo_accounts() -> impl Iterator<Item = (&'static str, Role, &'static str)> {
    DEMO.iter().flat_map(|(_, org, _, users)| users.iter().map(move |(email, _, role)| (*email, *role, *org)))
}
