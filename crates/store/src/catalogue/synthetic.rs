//! A synthetic catalogue for demonstrations and benchmarks: providers with
//! valid VAT numbers, their infrastructures, services of every type and level
//! with Italian names and descriptions, and histories with suspensions,
//! revocations and expiries. The same `seed` always gives the same catalogue.
//! Every name is invented; nothing here describes a real provider.

use crate::rng::Rng;
use chrono::{Days, NaiveDate};
use cloudpa_domain::catalogue::record::CatalogueRecord;
use cloudpa_domain::qualification::history::ListingStatus;
use cloudpa_domain::qualification::levels::Level;
use cloudpa_domain::qualification::lifecycle::expires_on;
use cloudpa_domain::qualification::listing::DataLocation;
use cloudpa_domain::qualification::requirements::ServiceKind;
use cloudpa_domain::qualification::vat::check_digit;
use std::collections::BTreeMap;

const FIRST: &[&str] = &[
    "Nuvola",
    "Appennino",
    "Tirreno",
    "Dolomiti",
    "Laguna",
    "Vesuvio",
    "Etna",
    "Sila",
    "Gran Sasso",
    "Brenta",
    "Adriatica",
    "Ligure",
    "Padana",
    "Murgia",
    "Maremma",
    "Langhe",
    "Carso",
    "Salento",
    "Cilento",
    "Lario",
];
const SECOND: &[&str] = &[
    "Cloud",
    "Digitale",
    "Informatica",
    "Dati",
    "Sistemi",
    "Servizi IT",
    "Reti",
    "Tecnologie",
    "Software",
    "Data Center",
];
const FORM: &[&str] = &["S.p.A.", "S.r.l.", "Soc. Coop.", "S.r.l. SB"];
const CITIES: &[&str] = &["Milano", "Roma", "Torino", "Bologna", "Napoli", "Bari", "Firenze", "Padova", "Cagliari"];

/// Service families per type: category, name stems and what they do.
const IAAS: &[(&str, &str, &str)] = &[
    ("Calcolo", "Macchine virtuali", "macchine virtuali con risorse dedicate e scalabili"),
    ("Archiviazione", "Storage a oggetti", "archiviazione a oggetti compatibile S3 con replica geografica"),
    ("Continuità operativa", "Backup e disaster recovery", "backup giornalieri e ripristino in un secondo sito"),
    ("Rete", "Rete privata virtuale", "reti private, bilanciatori di carico e firewall gestiti"),
];
const PAAS: &[(&str, &str, &str)] = &[
    ("Basi di dati", "Database gestito", "database PostgreSQL e MySQL gestiti con alta affidabilità"),
    ("Piattaforme applicative", "Kubernetes gestito", "cluster Kubernetes gestiti per applicazioni containerizzate"),
    ("Integrazione", "Integrazione e API", "gestione di API, code di messaggi e integrazione con PDND"),
];
const SAAS: &[(&str, &str, &str)] = &[
    ("Collaborazione", "Posta elettronica", "posta elettronica e PEC per gli uffici"),
    ("Gestione documentale", "Protocollo informatico", "protocollo, fascicolazione e gestione documentale"),
    ("Gestione documentale", "Conservazione digitale", "conservazione a norma dei documenti informatici"),
    ("Servizi demografici", "Anagrafe e stato civile", "anagrafe integrata con ANPR, stato civile ed elettorale"),
    ("Tributi", "Gestione tributi", "IMU, TARI, riscossione e pagamenti pagoPA"),
    ("Contabilità", "Contabilità e bilancio", "contabilità armonizzata, bilancio ed economato"),
    ("Personale", "Paghe e presenze", "stipendi, presenze e gestione del personale"),
    ("Sito istituzionale", "Sito comunale", "sito istituzionale conforme al modello Designers Italia"),
    ("Servizi al cittadino", "Sportello telematico", "istanze online per cittadini e imprese con SPID e CIE"),
    ("Edilizia", "SUAP e SUE", "sportello unico per le attività produttive e l'edilizia"),
    ("Scuola", "Servizi scolastici", "mensa, trasporto scolastico e iscrizioni online"),
    ("Polizia locale", "Verbali e sanzioni", "gestione di verbali, sanzioni e notifiche"),
];
const QUALIFIERS: &[&str] = &["", " Plus", " PA", " Enti Locali", " Comuni", " Next", " Pro", " Smart"];
const EXTRAS: &[&str] = &[
    "Include la migrazione assistita dei dati dai sistemi esistenti.",
    "Supporto alla migrazione dei servizi dei Comuni verso il cloud qualificato.",
    "Assistenza in lingua italiana e formazione del personale.",
    "Interoperabilità con le piattaforme nazionali (pagoPA, App IO, ANPR).",
    "Accessibilità conforme alle linee guida AgID.",
    "Cifratura dei dati a riposo e in transito.",
];
const PRICING: &[&str] = &["canone mensile per utente", "a consumo", "canone annuale per ente", "a consumo con soglie"];
const CHANNELS: &[&str] = &["MEPA", "Accordo quadro Consip", "MEPA e trattativa diretta"];

fn vat(rng: &mut Rng, n: usize) -> String {
    let mut digits: Vec<u32> =
        format!("{:07}", (n * 7919 + rng.below(1000)) % 10_000_000).bytes().map(|b| u32::from(b - b'0')).collect();
    let office = 1 + rng.below(100) as u32;
    digits.extend([office / 100, office / 10 % 10, office % 10]);
    digits.push(check_digit(&digits));
    digits.iter().map(|d| char::from(b'0' + *d as u8)).collect()
}

fn provider(rng: &mut Rng, n: usize) -> (String, String) {
    let name = format!("{} {} {}", FIRST[n % FIRST.len()], SECOND[(n / FIRST.len()) % SECOND.len()], rng.pick(FORM));
    let name = if n >= FIRST.len() * SECOND.len() { format!("{name} ({})", n) } else { name };
    (vat(rng, n), name)
}

/// `count` services from about one provider in 25, qualified since 2021.
pub fn catalogue(count: usize, seed: u64, as_of: NaiveDate) -> Vec<CatalogueRecord> {
    let mut rng = Rng(seed);
    let providers: Vec<(String, String)> = (0..count.div_ceil(25).max(3)).map(|n| provider(&mut rng, n)).collect();
    let start = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap_or(as_of);
    let span = (as_of - start).num_days().max(1) as usize;
    (0..count)
        .map(|n| {
            let (vat_number, provider_name) = rng.pick(&providers).clone();
            let kind = match rng.below(10) {
                0..=1 => ServiceKind::IaaS,
                2..=3 => ServiceKind::PaaS,
                _ => ServiceKind::SaaS,
            };
            let families = match kind {
                ServiceKind::IaaS => IAAS,
                ServiceKind::PaaS => PAAS,
                ServiceKind::SaaS => SAAS,
            };
            let (category, stem, does) = *rng.pick(families);
            let level = match rng.below(20) {
                0..=8 => Level::QC1,
                9..=15 => Level::QC2,
                16..=18 => Level::QC3,
                _ => Level::QC4,
            };
            let city = rng.pick(CITIES);
            let extra = rng.below(EXTRAS.len());
            let other = (extra + 1 + rng.below(EXTRAS.len() - 1)) % EXTRAS.len();
            let first = start + Days::new(rng.below(span) as u64);
            CatalogueRecord {
                provider_pec: format!("cloud{}@pec.example.it", vat_number),
                infrastructure: format!("Data center {city}"),
                infrastructure_location: DataLocation::IT,
                name: format!("{stem}{} {}", rng.pick(QUALIFIERS), n + 1),
                kind,
                level,
                category: category.into(),
                description: format!(
                    "Servizio di {does} per le pubbliche amministrazioni. {} {}",
                    EXTRAS[extra], EXTRAS[other]
                ),
                data_location: if rng.chance(85) { DataLocation::IT } else { DataLocation::EU },
                pricing_model: rng.pick(PRICING).to_string(),
                procurement_channel: rng.pick(CHANNELS).to_string(),
                service_levels: BTreeMap::from([
                    ("SLI1".to_owned(), format!("{}%", rng.pick(&["99.5", "99.9", "99.95"]))),
                    ("SLI2".to_owned(), format!("{}h", rng.pick(&[2, 4, 8]))),
                ]),
                history: history(&mut rng, first, as_of),
                provider_vat: vat_number,
                provider_name,
                findings: Vec::new(),
            }
        })
        .collect()
}

/// About one history in six has a suspension, one in twenty a revocation;
/// a qualification older than 36 months expires unless renewed.
fn history(rng: &mut Rng, first: NaiveDate, as_of: NaiveDate) -> Vec<(ListingStatus, NaiveDate)> {
    let mut steps = vec![(ListingStatus::Qualified, first)];
    let days_after = |from: NaiveDate, rng: &mut Rng, most: usize| from + Days::new(1 + rng.below(most) as u64);
    if rng.chance(16) {
        let suspended = days_after(first, rng, 600);
        if suspended <= as_of {
            steps.push((ListingStatus::Suspended, suspended));
            let back = days_after(suspended, rng, 120);
            if back <= as_of && rng.chance(70) {
                steps.push((ListingStatus::Qualified, back));
            }
        }
    }
    if rng.chance(5) {
        let revoked = days_after(steps[steps.len() - 1].1, rng, 400);
        if revoked <= as_of {
            steps.push((ListingStatus::Revoked, revoked));
            return steps;
        }
    }
    let expiry = expires_on(first);
    if expiry <= as_of {
        if rng.chance(60) {
            let renewed = expiry - Days::new(rng.below(60) as u64);
            if steps.last().is_some_and(|(_, on)| *on <= renewed) {
                steps.push((ListingStatus::Qualified, renewed));
            }
        } else if steps.last().is_some_and(|(_, on)| *on <= expiry) {
            steps.push((ListingStatus::Expired, expiry));
        }
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use cloudpa_domain::qualification::history::History;
    use cloudpa_domain::qualification::vat::check_vat_number;

    #[test]
    fn the_same_seed_gives_the_same_catalogue_and_every_row_is_valid() {
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let a = catalogue(500, 7, as_of);
        assert_eq!(a, catalogue(500, 7, as_of));
        assert_ne!(a, catalogue(500, 8, as_of));
        for record in &a {
            assert!(check_vat_number(&record.provider_vat).is_ok(), "{}", record.provider_vat);
            let mut history = History::default();
            for (status, on) in &record.history {
                assert!(*on <= as_of);
                history.open(*status, *on, None).unwrap();
            }
        }
        let suspended = a.iter().filter(|r| r.history.iter().any(|(s, _)| *s == ListingStatus::Suspended)).count();
        assert!(suspended > 20, "{suspended} suspensions in 500");
        for kind in ServiceKind::ALL {
            assert!(a.iter().any(|r| r.kind == kind));
        }
    }
}
