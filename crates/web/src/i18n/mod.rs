//! The interface speaks Italian first, with English available (`?lang=en`,
//! remembered in a cookie). Every text has both languages, checked by a test
//! that reads the templates.

use crate::cookies;
use axum::http::{HeaderMap, Uri};
use axum_extra::extract::CookieJar;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    It,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::It => "it",
            Lang::En => "en",
        }
    }

    fn parse(code: &str) -> Option<Lang> {
        match code {
            "it" => Some(Lang::It),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language of a request to `uri`: `?lang=` wins, then the
    /// cookie, then Italian.
    pub fn of(uri: &Uri, headers: &HeaderMap) -> Lang {
        query_lang(uri.query())
            .and_then(Lang::parse)
            .or_else(|| CookieJar::from_headers(headers).get(cookies::LANG).and_then(|c| Lang::parse(c.value())))
            .unwrap_or(Lang::It)
    }

    /// The text of `key` in this language (the key itself if unknown, which
    /// the template test rules out).
    pub fn t(&self, key: &str) -> &'static str {
        texts().find(|(k, _, _)| *k == key).map_or("", |(_, it, en)| if *self == Lang::It { it } else { en })
    }

    /// The name in this language of a code of the domain: `named("role",
    /// "viewer")` is the text of `role.viewer`; every code of the kinds
    /// [`NAMED`] lists has one (a test checks).
    pub fn named(&self, kind: &str, code: &str) -> &'static str {
        let text = texts().find(|(k, _, _)| k.strip_prefix(kind).and_then(|rest| rest.strip_prefix('.')) == Some(code));
        text.map_or("", |(_, it, en)| if *self == Lang::It { it } else { en })
    }
}

/// The language a query asks for with `lang=`, if it does.
pub(crate) fn query_lang(query: Option<&str>) -> Option<&str> {
    query?.split('&').find_map(|pair| pair.strip_prefix("lang="))
}

mod accounts;
mod desk_attestation;
mod ente_attestation;
mod programme;

pub(crate) use programme::{deadline_key, formal_check_key, state_key};

/// Every text: the general ones, then the migration programme's.
fn texts() -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str)> {
    TEXTS
        .iter()
        .chain(accounts::TEXTS)
        .chain(programme::TEXTS)
        .chain(ente_attestation::TEXTS)
        .chain(desk_attestation::TEXTS)
}

/// Every code of one kind of the domain that pages show by name
/// ([`Lang::named`]).
#[cfg(test)]
type Codes = fn() -> Vec<&'static str>;

/// The kinds of codes shown by name, with a function listing every code.
#[cfg(test)]
const NAMED: &[(&str, Codes)] = &[
    ("role", || cloudpa_domain::access::Role::ALL.iter().map(|r| r.code()).collect()),
    ("org_kind", || cloudpa_domain::access::OrganisationKind::ALL.iter().map(|k| k.code()).collect()),
    ("data_class", || cloudpa_domain::qualification::levels::DataClass::ALL.iter().map(|c| c.code()).collect()),
];

/// (key, Italian, English)
static TEXTS: &[(&str, &str, &str)] = &[
    ("site.name", "cloudpa — Cloud della PA", "cloudpa — Cloud for the Italian PA"),
    ("site.owner", "Piattaforma aperta del Cloud della PA", "Open platform of the Italian PA cloud"),
    (
        "site.tagline",
        "Qualificazione, catalogo e migrazione dei servizi cloud della PA",
        "Qualification, catalogue and migration of the PA's cloud services",
    ),
    ("skip.content", "Vai al contenuto principale", "Skip to main content"),
    ("nav.home", "Home", "Home"),
    ("nav.catalogue", "Catalogo", "Catalogue"),
    ("nav.programme", "Programma di migrazione", "Migration programme"),
    ("nav.login", "Accedi", "Sign in"),
    ("nav.logout", "Esci", "Sign out"),
    ("nav.account", "Il mio profilo", "My account"),
    ("nav.users", "Utenti dell'organizzazione", "Organisation users"),
    ("nav.attestor", "Asseverazioni", "Attestations"),
    ("nav.breadcrumb", "Percorso di navigazione", "Breadcrumb"),
    ("nav.main", "Navigazione principale", "Main navigation"),
    ("nav.language", "Lingua", "Language"),
    ("footer.accessibility", "Dichiarazione di accessibilità", "Accessibility statement"),
    ("footer.privacy", "Informativa privacy", "Privacy notice"),
    ("footer.legal", "Note legali", "Legal notes"),
    ("footer.api", "API e dati aperti", "API and open data"),
    (
        "footer.attribution",
        "Dati PNRR PADigitale2026 Copyright (c) Dipartimento per la trasformazione digitale (CC BY 4.0); ISTAT (CC BY 3.0 IT).",
        "PNRR PADigitale2026 data Copyright (c) Dipartimento per la trasformazione digitale (CC BY 4.0); ISTAT (CC BY 3.0 IT).",
    ),
    (
        "home.lead",
        "Un unico sistema aperto per la qualificazione dei servizi cloud, il catalogo pubblico e la migrazione dei servizi degli enti.",
        "One open system for the qualification of cloud services, the public catalogue and the migration of public bodies' services.",
    ),
    ("home.catalogue.title", "Catalogo dei servizi qualificati", "Catalogue of qualified services"),
    (
        "home.catalogue.text",
        "I livelli di qualificazione QC1–QC4 e le classi di dati che ciascuno può ospitare.",
        "Qualification levels QC1–QC4 and the data classes each may host.",
    ),
    ("home.programme.title", "Programma di migrazione (Misura 1.2)", "Migration programme (Measure 1.2)"),
    (
        "home.programme.text",
        "Gli avvisi PA digitale 2026 e il calcolo del contributo forfettario per i Comuni.",
        "The PA digitale 2026 calls and the lump-sum voucher for municipalities.",
    ),
    ("home.login.title", "Area riservata", "Reserved area"),
    (
        "home.login.text",
        "Per agenzia, fornitori, enti, asseveratori e ufficio di programma.",
        "For the agency, providers, public bodies, attestors and the programme office.",
    ),
    ("home.open", "Apri", "Open"),
    ("programme.title", "Programma di migrazione al cloud", "Cloud migration programme"),
    ("programme.calls", "Avvisi PA digitale 2026", "PA digitale 2026 calls"),
    ("programme.call", "Avviso", "Call"),
    ("programme.measure", "Misura", "Measure"),
    ("programme.targets", "Destinatari", "Recipients"),
    ("programme.window", "Apertura – chiusura", "Opens – closes"),
    ("programme.budget", "Dotazione", "Budget"),
    ("programme.voucher", "Calcolo del contributo (Avviso 1.2 Comuni)", "Voucher calculator (Call 1.2 Comuni)"),
    (
        "programme.voucher.help",
        "Il contributo è il canone del primo anno della classe più l'importo per ciascun servizio A (trasferimento) e B (aggiornamento).",
        "The voucher is the class's first-year fee plus the amount for each service A (rehost) and B (upgrade).",
    ),
    ("programme.population", "Popolazione", "Population"),
    ("programme.rehost", "Servizi A – Trasferimento", "Services A – Rehost"),
    ("programme.upgrade", "Servizi B – Aggiornamento", "Services B – Upgrade"),
    ("programme.compute", "Calcola", "Compute"),
    ("programme.class", "Classe", "Class"),
    ("programme.fee", "Canone primo anno", "First-year fee"),
    ("programme.amount", "Contributo totale", "Total voucher"),
    ("catalogue.title", "Catalogo: livelli di qualificazione", "Catalogue: qualification levels"),
    (
        "catalogue.lead",
        "Ogni servizio cloud qualificato ha un livello QC1–QC4 che determina le classi di dati che può ospitare (Regolamento ACN 21007/24).",
        "Each qualified cloud service has a level QC1–QC4 that determines the data classes it may host (ACN Regulation 21007/24).",
    ),
    ("catalogue.level", "Livello", "Level"),
    ("catalogue.classes", "Classi di dati ammesse", "Admitted data classes"),
    (
        "catalogue.sli",
        "Indicatori di qualità del servizio (Circolare AgID 2/2018)",
        "Service-level indicators (AgID Circular 2/2018)",
    ),
    ("search.title", "Catalogo dei servizi cloud qualificati", "Catalogue of qualified cloud services"),
    (
        "search.lead",
        "Cerca tra i servizi IaaS, PaaS e SaaS qualificati per la PA; scegli una data per vedere il catalogo com'era quel giorno.",
        "Search the IaaS, PaaS and SaaS services qualified for public administrations; pick a date to see the catalogue as it was on that day.",
    ),
    ("search.text", "Cerca", "Search"),
    ("search.as_of", "Stato alla data", "Status on"),
    ("search.submit", "Cerca", "Search"),
    ("search.invalid", "Ricerca non valida:", "Invalid search:"),
    ("search.filters", "Filtri", "Filters"),
    ("search.apply", "Applica i filtri", "Apply filters"),
    ("search.reset", "Azzera", "Reset"),
    ("search.results", "servizi", "services"),
    ("search.download", "Scarica questi risultati:", "Download these results:"),
    ("search.none", "Nessun servizio corrisponde alla ricerca.", "No service matches the search."),
    ("search.pages", "Pagine dei risultati", "Result pages"),
    ("search.previous", "Precedente", "Previous"),
    ("search.next", "Successiva", "Next"),
    ("q.since", "dal", "since"),
    ("changes.title", "Novità del catalogo", "What changed"),
    (
        "changes.lead",
        "Qualificazioni, sospensioni, revoche e scadenze con effetto nel periodo scelto.",
        "Qualifications, suspensions, revocations and expiries taking effect in the chosen period.",
    ),
    ("changes.from", "Dal", "From"),
    ("changes.to", "Al", "To"),
    ("changes.show", "Mostra", "Show"),
    ("changes.none", "Nessuna variazione nel periodo.", "No change in the period."),
    ("changes.bad_date", "deve essere una data AAAA-MM-GG", "must be a date YYYY-MM-DD"),
    (
        "changes.bad_range",
        "l'inizio del periodo non può seguire la fine",
        "the start of the period cannot follow its end",
    ),
    ("changes.date", "Data", "Date"),
    ("provider.public.lead", "Fornitore di servizi cloud", "Cloud service provider"),
    ("provider.vat", "Partita IVA", "VAT number"),
    ("provider.services", "Servizi nel catalogo", "Services in the catalogue"),
    ("provider.infrastructures", "Infrastrutture", "Infrastructures"),
    ("infrastructure.lead", "Infrastruttura digitale", "Digital infrastructure"),
    ("infrastructure.sites", "Siti", "Sites"),
    ("infrastructure.services", "Servizi che la usano", "Services running on it"),
    ("q.valid_until", "Valida fino al", "Valid until"),
    ("q.sli.public", "Livelli di servizio dichiarati", "Declared service levels"),
    ("q.permalink", "Indirizzo permanente", "Permalink"),
    ("q.qr", "Codice QR dell'indirizzo permanente", "QR code of the permalink"),
    ("q.documents", "Documenti pubblici", "Public documents"),
    ("q.version", "Versione", "Version"),
    ("nav.levels", "Livelli e indicatori", "Levels and indicators"),
    ("programme.services", "Servizi finanziabili", "Services that can be financed"),
    ("programme.services.provisional", "elenco provvisorio", "provisional list"),
    (
        "programme.services.provisional_help",
        "L'elenco ufficiale dei 95 servizi dell'avviso non è ancora stato caricato: questo è un elenco provvisorio.",
        "The call's official list of 95 services has not been loaded yet: this is a provisional list.",
    ),
    ("programme.services.count", "servizi", "services"),
    ("dashboard.title", "Cruscotto della Misura 1.2", "Measure 1.2 dashboard"),
    (
        "dashboard.lead",
        "Candidature della Misura 1.2 (Comuni, scuole e altri enti): quelle finanziate dei dati aperti importati e quelle presentate su cloudpa.",
        "Applications to Measure 1.2 (municipalities, schools and other bodies): the financed ones of the imported open data and those submitted on cloudpa.",
    ),
    ("dashboard.applications", "Candidature", "Applications"),
    ("dashboard.enti", "Enti", "Public bodies"),
    ("dashboard.decreed", "Importo decretato", "Amount decreed"),
    ("dashboard.paid", "Importo erogato", "Amount paid"),
    ("dashboard.paid_projects", "erogate", "paid"),
    ("dashboard.withdrawn", "rinunce", "withdrawn"),
    ("dashboard.withdrawn_one", "rinuncia", "withdrawn"),
    (
        "dashboard.south",
        "Quota del Mezzogiorno sull'importo decretato",
        "Share of the amount decreed going to the South",
    ),
    ("dashboard.south_met", "riserva del 40% rispettata", "40% reserve met"),
    ("dashboard.south_short", "sotto la riserva del 40%", "below the 40% reserve"),
    ("dashboard.region", "Regione", "Region"),
    ("dashboard.province", "Provincia", "Province"),
    ("dashboard.ente", "Ente", "Public body"),
    ("ente.call", "Avviso", "Call"),
    ("ente.status", "Stato", "Status"),
    ("ente.amount", "Importo", "Amount"),
    ("ente.financed_on", "Data del decreto", "Decree date"),
    ("ente.status.assigned", "Assegnato", "Assigned"),
    ("ente.status.withdrawn", "Rinuncia", "Withdrawn"),
    ("ente.status.paid", "Erogato", "Paid"),
    (
        "dashboard.chart_caption",
        "Gli stessi dati sono nella tabella qui sotto e in",
        "The same data is in the table below and in",
    ),
    ("dashboard.none", "Nessuna candidatura importata.", "No application imported."),
    (
        "dashboard.source",
        "Fonte: Dati PNRR PADigitale2026 Copyright (c) Dipartimento per la trasformazione digitale (CC BY 4.0); importo decretato = candidature non rinunciate.",
        "Source: Dati PNRR PADigitale2026 Copyright (c) Dipartimento per la trasformazione digitale (CC BY 4.0); amount decreed = applications not withdrawn.",
    ),
    ("error.title", "Errore", "Error"),
    (
        "error.403",
        "Non hai i permessi per questa azione, oppure il modulo è scaduto: ricarica la pagina e riprova.",
        "You are not allowed to do this, or the form has expired: reload the page and try again.",
    ),
    ("error.400", "La richiesta contiene dati non validi.", "The request has invalid data."),
    ("error.404", "La pagina richiesta non esiste.", "The page you asked for does not exist."),
    ("error.other", "La richiesta non può essere completata.", "The request cannot be completed."),
    ("error.back", "Torna alla home", "Back to home"),
    ("form.errors", "Correggi i campi indicati.", "Please correct the fields shown."),
    ("mailbox.title", "Posta", "Mailbox"),
    (
        "mailbox.lead",
        "Le notifiche inviate al tuo indirizzo (nessun server SMTP è configurato: restano qui).",
        "Notifications sent to your address (no SMTP server is configured: they are kept here).",
    ),
    ("mailbox.empty", "Nessun messaggio.", "No messages."),
    ("q.public.title", "Scheda di qualificazione", "Qualification record"),
    ("q.status", "Stato", "Status"),
    ("q.status.none", "Non qualificato", "Not qualified"),
    ("q.status.qualified", "Qualificato", "Qualified"),
    ("q.status.suspended", "Sospeso", "Suspended"),
    ("q.status.revoked", "Revocato", "Revoked"),
    ("q.status.expired", "Scaduto", "Expired"),
    ("q.history", "Storico dello stato", "Status history"),
    ("q.from", "Dal", "From"),
    ("q.to", "Al", "To"),
    ("q.decision", "Decisione", "Decision"),
    ("q.certificate", "Certificato (PDF)", "Certificate (PDF)"),
    ("q.provider", "Fornitore", "Provider"),
    ("q.service", "Servizio", "Service"),
    ("q.kind", "Tipo", "Type"),
    ("q.level", "Livello", "Level"),
    ("q.location", "Localizzazione dei dati", "Data location"),
    ("q.classes", "Classi di dati ammesse", "Admitted data classes"),
    ("q.runs_on", "Infrastruttura", "Infrastructure"),
    ("q.category", "Categoria", "Category"),
    ("q.description", "Descrizione", "Description"),
    ("q.pricing", "Modello di prezzo", "Pricing model"),
    ("q.channel", "Canale di acquisto", "Procurement channel"),
    (
        "q.sli",
        "Livelli di servizio (JSON, es. {\"SLI1\": \"99,9%\"})",
        "Service levels (JSON, e.g. {\"SLI1\": \"99.9%\"})",
    ),
    ("portal.title", "Area fornitore", "Provider area"),
    ("portal.profile", "Profilo del fornitore", "Provider profile"),
    ("portal.vat", "Partita IVA", "VAT number"),
    ("portal.pec", "PEC", "Certified e-mail (PEC)"),
    ("portal.address", "Indirizzo", "Address"),
    ("portal.save", "Salva", "Save"),
    ("portal.infrastructures", "Infrastrutture", "Infrastructures"),
    ("portal.infrastructure.add", "Aggiungi un'infrastruttura", "Add an infrastructure"),
    ("portal.sites", "Sedi", "Sites"),
    ("portal.listings", "Servizi", "Services"),
    ("portal.listing.add", "Registra un servizio", "Register a service"),
    ("portal.applications", "Domande di qualificazione", "Qualification applications"),
    ("portal.apply", "Presenta domanda", "Apply"),
    ("portal.open", "Apri", "Open"),
    ("app.title", "Domanda di qualificazione", "Qualification application"),
    ("app.state", "Stato della domanda", "Application state"),
    ("app.set", "Insieme di requisiti", "Requirement set"),
    ("app.requirement", "Requisito", "Requirement"),
    ("app.answer", "Risposta", "Answer"),
    ("app.evidence", "Evidenza richiesta", "Evidence required"),
    ("app.mandatory", "obbligatorio", "mandatory"),
    ("app.save", "Salva risposta", "Save answer"),
    ("app.yes", "Sì", "Yes"),
    ("app.no", "No", "No"),
    ("app.expires", "Scadenza del certificato", "Certificate expiry"),
    ("app.file", "File (PDF, PNG o JPEG, max 10 MiB)", "File (PDF, PNG or JPEG, max 10 MiB)"),
    ("app.countries", "Paesi (es. IT, DE)", "Countries (e.g. IT, DE)"),
    ("app.submit", "Presenta la domanda", "Submit the application"),
    ("app.reviews", "Verifiche del revisore", "Reviewer's checks"),
    ("app.deadline", "Termine per l'integrazione", "Integration deadline"),
    ("app.not_answered", "Non ancora risposto", "Not answered yet"),
    ("app.download", "Scarica", "Download"),
    ("agency.queue", "Coda delle domande", "Application queue"),
    ("agency.age", "Giorni in coda", "Days waiting"),
    ("agency.assigned", "Assegnata", "Assigned"),
    ("agency.take", "Prendi in carico", "Take on"),
    ("agency.review", "Istruttoria", "Review"),
    ("agency.verdict", "Esito della verifica", "Check outcome"),
    ("agency.note", "Nota", "Note"),
    ("agency.met", "Soddisfatto", "Met"),
    ("agency.not_met", "Non soddisfatto", "Not met"),
    ("agency.unclear", "Da chiarire", "Unclear"),
    ("agency.request", "Richiedi integrazione", "Request integration"),
    ("agency.decide", "Decisione", "Decision"),
    ("agency.qualify", "Qualifica", "Qualify"),
    ("agency.reject", "Respingi", "Reject"),
    ("agency.motivation", "Motivazione", "Motivation"),
    ("agency.suspend", "Sospendi", "Suspend"),
    ("agency.planned_end", "Fine prevista", "Planned end"),
    ("agency.reinstate", "Riattiva", "Reinstate"),
    ("agency.revoke", "Revoca", "Revoke"),
    ("agency.all", "Tutte", "All"),
    ("nav.provider", "Area fornitore", "Provider area"),
    ("nav.agency", "Istruttoria", "Review"),
    ("form.failed", "La richiesta non è stata accolta:", "The request was not accepted:"),
    ("legal.accessibility.title", "Dichiarazione di accessibilità", "Accessibility statement"),
    ("legal.privacy.title", "Informativa privacy", "Privacy notice"),
    ("legal.notes.title", "Note legali", "Legal notes"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_unique_and_translated() {
        let all: Vec<_> = texts().collect();
        for (i, (key, it, en)) in all.iter().enumerate() {
            assert!(!it.is_empty() && !en.is_empty(), "{key}");
            assert!(all[i + 1..].iter().all(|(k, _, _)| k != key), "duplicate {key}");
        }
    }

    #[test]
    fn every_code_shown_by_its_name_has_one_in_both_languages() {
        for (kind, codes) in NAMED {
            for code in codes() {
                for lang in [Lang::It, Lang::En] {
                    assert!(!lang.named(kind, code).is_empty(), "{kind}.{code} in {}", lang.code());
                }
            }
        }
        assert_eq!(Lang::It.named("role", "admin"), "Amministratore");
        assert_eq!(Lang::En.named("org_kind", "public_body"), "Public body");
    }

    #[test]
    fn every_key_used_by_a_template_exists() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            for piece in text.split(".t(\"").skip(1) {
                let key = piece.split('"').next().unwrap();
                assert!(texts().any(|(k, _, _)| *k == key), "{}: unknown key {key}", path.display());
            }
        }
    }
}
