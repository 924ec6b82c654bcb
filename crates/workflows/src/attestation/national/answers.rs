//! The answers of one national form, drawn by walking the items of its
//! definition that apply (in order: a condition names only earlier items),
//! with the mistakes planned for it planted where an item can hold them.

use super::Mistake;
use super::directory::{Rng, foreign_address, private_address, public_address};
use crate::Error;
use chrono::{Days, NaiveDate};
use cloudpa_domain::attestation::addresses::Prefix;
use cloudpa_domain::attestation::form::{Answer, Answers, FormDefinition, FormFacts, Item, ItemKind};
use std::collections::{BTreeMap, BTreeSet};

/// What the answers of one service are drawn from.
pub(super) struct Draw<'a> {
    pub(super) ente_name: &'a str,
    pub(super) ipa_code: &'a str,
    /// Another project's ente, for a report that names the wrong one.
    pub(super) other_ente: &'a str,
    pub(super) provider: &'a str,
    pub(super) service_name: &'a str,
    pub(super) migrated_on: Option<NaiveDate>,
    /// The period the report covers, both ends included.
    pub(super) report: (NaiveDate, NaiveDate),
    /// The last day the form speaks of: the completion, or today.
    pub(super) end: NaiveDate,
    pub(super) today: NaiveDate,
    pub(super) submitted: bool,
    /// The ranges of the pinned listing's infrastructure, and of all.
    pub(super) ranges: &'a [Prefix],
    pub(super) all_ranges: &'a [Prefix],
    /// The identifiers earlier services of the project declare.
    pub(super) earlier_ids: &'a [String],
}

/// The answers, and the mistakes of `plan` that found an item to go in.
pub(super) fn answers(
    rng: &mut Rng,
    definition: &FormDefinition,
    facts: &FormFacts,
    d: &Draw<'_>,
    plan: &BTreeSet<Mistake>,
) -> Result<(Answers, BTreeSet<Mistake>), Error> {
    let mut answers = Answers::new();
    let mut planted = BTreeSet::new();
    // A draft of a service not migrated yet is filled in order, up to a
    // section; the others answer every item that applies.
    let last = match (d.submitted, d.migrated_on) {
        (false, None) => rng.below(definition.sections.len()),
        _ => definition.sections.len(),
    };
    for section in definition.sections.iter().take(last) {
        for item in &section.items {
            if !definition.applicable(facts, &answers).any(|i| std::ptr::eq(i, item)) {
                continue;
            }
            let mut w = Writer { rng: &mut *rng, d, plan, planted: &mut planted, answers: &answers };
            if let Some(answer) = w.answer(item)? {
                answers.insert(item.id.clone(), answer);
            }
        }
    }
    Ok((answers, planted))
}

struct Writer<'a, 'b> {
    rng: &'a mut Rng,
    d: &'a Draw<'b>,
    plan: &'a BTreeSet<Mistake>,
    planted: &'a mut BTreeSet<Mistake>,
    answers: &'a Answers,
}

fn text(s: impl Into<String>) -> Option<Answer> {
    Some(Answer::Text(s.into()))
}

fn day(d: NaiveDate) -> Option<Answer> {
    text(d.to_string())
}

impl Writer<'_, '_> {
    fn plants(&mut self, mistake: Mistake) -> bool {
        self.plan.contains(&mistake) && self.planted.insert(mistake)
    }

    /// The answer to `item`, by what it asks, else by its kind.
    fn answer(&mut self, item: &Item) -> Result<Option<Answer>, Error> {
        let (d, rng) = (self.d, &mut *self.rng);
        let yes = d.submitted || rng.per_mille(700);
        Ok(match item.id.as_str() {
            "report_issuer" => text(if rng.per_mille(800) {
                d.provider.to_owned()
            } else {
                format!("Revisori Cloud S.r.l. per {}", d.provider)
            }),
            "report_from" => day(d.report.0),
            "report_to" => day(d.report.1),
            "cpu_vcpu" => Some(Answer::Number(2 << rng.below(6))),
            "ram_gb" => Some(Answer::Number(4 << rng.below(7))),
            "storage_gb" => Some(Answer::Number(50 * (1 + rng.below(80) as i64))),
            "connectivity" => text(format!("{} Mbit/s, {} collegamenti", 100 << rng.below(5), 1 + rng.below(2))),
            "report_ente" => {
                if self.plants(Mistake::OtherEnte) {
                    text(format!("Cliente: {}", d.other_ente))
                } else if self.rng.per_mille(500) {
                    text(format!("Cliente: {}", d.ente_name))
                } else {
                    text(format!("Cliente: codice IPA {}", d.ipa_code))
                }
            }
            "public_ips" => self.addresses(4)?,
            "access_ips" => match self.answers.get("public_ips") {
                Some(all) => Some(Answer::List(all.entries().into_iter().take(2).map(str::to_owned).collect())),
                None => self.addresses(2)?,
            },
            "system_ids" => {
                let mut ids: Vec<String> =
                    (0..1 + rng.below(3)).map(|_| format!("vm-{:012x}", rng.next() >> 16)).collect();
                if !d.earlier_ids.is_empty() && self.plants(Mistake::DuplicateIdentifier) {
                    ids.push(self.rng.pick(d.earlier_ids).clone());
                }
                Some(Answer::List(ids))
            }
            "accessibility" => text(if rng.per_mille(550) { "public" } else { "private" }),
            "public_url" => {
                let host = format!("{}.{}.it", slug(d.service_name), d.ipa_code.replace('_', "-"));
                text(if self.plants(Mistake::HttpUrl) { format!("http://{host}/") } else { format!("https://{host}/") })
            }
            "private_addresses" => Some(Answer::List(vec![
                format!("10.{}.{}.{}", rng.below(256), rng.below(256), 1 + rng.below(254)),
                format!("https://intranet.{}.local/{}", d.ipa_code.replace('_', "-"), slug(d.service_name)),
            ])),
            "in_production" => Some(Answer::Bool(d.migrated_on.is_some() && rng.per_mille(970))),
            "expected_activation" => day(d.today + Days::new(15 + rng.below(120) as u64)),
            "origin_description" => {
                text(format!("Sala server dell'ente, {} su server fisico dedicato", d.service_name))
            }
            "origin_decommissioned" => Some(Answer::Bool(d.migrated_on.is_some() && yes)),
            "decommissioned_on" => match (self.answers.get("origin_decommissioned"), d.migrated_on) {
                (Some(Answer::Bool(true)), Some(migrated)) => {
                    if d.submitted && self.plants(Mistake::OriginNotDecommissioned) {
                        day(d.today + Days::new(10 + self.rng.below(80) as u64))
                    } else {
                        day(migrated.max(d.end - Days::new(self.rng.below(20) as u64)).min(d.end))
                    }
                }
                _ => None,
            },
            "verification_available_from" => day(d.end + Days::new(rng.below(30) as u64)),
            "verification_contact" => text(format!("Ufficio sistemi informativi, {}", d.ente_name)),
            _ => self.by_kind(item, yes)?,
        })
    }

    /// One to `most` public addresses of the listing's ranges, and the
    /// planned address mistakes.
    fn addresses(&mut self, most: usize) -> Result<Option<Answer>, Error> {
        let count = 1 + self.rng.below(most);
        let mut list = Vec::with_capacity(count + 2);
        for _ in 0..count {
            if let Some(ip) = public_address(self.rng, self.d.ranges) {
                list.push(ip.to_string());
            }
        }
        if self.plan.contains(&Mistake::OutsideRanges)
            && !self.planted.contains(&Mistake::OutsideRanges)
            && let Some(ip) = foreign_address(self.rng, self.d.all_ranges, self.d.ranges)
        {
            self.planted.insert(Mistake::OutsideRanges);
            list.insert(0, ip.to_string());
        }
        if self.plants(Mistake::PrivateAddress) {
            list.insert(0, private_address(self.rng)?.to_string());
        }
        Ok((!list.is_empty()).then_some(Answer::List(list)))
    }
}

impl Writer<'_, '_> {
    /// An answer of the item's kind, for an item the generator does not
    /// know by name.
    fn by_kind(&mut self, item: &Item, yes: bool) -> Result<Option<Answer>, Error> {
        let (d, rng) = (self.d, &mut *self.rng);
        Ok(match item.kind {
            ItemKind::Text | ItemKind::LongText => text(prose(&item.id, d)),
            ItemKind::Date => day(d.end),
            ItemKind::Integer => Some(Answer::Number(1 + rng.below(100) as i64)),
            ItemKind::Boolean => Some(Answer::Bool(true)),
            ItemKind::Declaration => Some(Answer::Bool(yes)),
            ItemKind::Choice => text(rng.pick(&item.options).clone()),
            ItemKind::Url => text(format!("https://{}.{}.it/", slug(d.service_name), d.ipa_code.replace('_', "-"))),
            ItemKind::IpList => self.addresses(2)?,
            ItemKind::StringList => Some(Answer::List(vec![format!("{}-{}", item.id, 1 + rng.below(9))])),
            ItemKind::Document => text(rng.file_id()),
            ItemKind::Table => {
                let rows = (0..1 + rng.below(3)).map(|_| {
                    item.columns.iter().map(|c| (c.clone(), column(rng, c, d))).collect::<BTreeMap<String, String>>()
                });
                Some(Answer::Rows(rows.collect()))
            }
        })
    }
}

/// What a text item says, by its id.
fn prose(id: &str, d: &Draw<'_>) -> String {
    let service = d.service_name;
    match id {
        "consumption" => format!("Database gestito (2 istanze), storage 500 GB, traffico 1 TB/mese per {service}"),
        "paas_software" => format!("{service} (versione cloud)"),
        "paas_relevance" => "Principale: gestisce tutti i dati del servizio".to_owned(),
        "paas_updates" => "Aggiornamento alla piattaforma gestita, database gestito e backup automatici".to_owned(),
        "security" => "Cifratura a riposo e in transito, accesso con SPID e autenticazione a due fattori".to_owned(),
        "resilience" => "Due zone di disponibilità, backup giornalieri con conservazione di 30 giorni".to_owned(),
        "scalability" => "Risorse scalate automaticamente secondo il carico".to_owned(),
        "not_in_production_reasons" => "In attesa della formazione del personale e del collaudo".to_owned(),
        _ => format!("{service}: {id} come da documentazione allegata"),
    }
}

/// A cell of a table (the software migrated), by its column.
fn column(rng: &mut Rng, column: &str, d: &Draw<'_>) -> String {
    match column {
        "name" => d.service_name.to_owned(),
        "producer" => rng.pick(&["Maggioli", "Halley", "Dedagroup", "APKappa", "Insiel", "Sogei"]).to_string(),
        "description" => format!("Software di {}", d.service_name.to_lowercase()),
        "relevance" => rng.pick(&["principale", "accessoria"]).to_string(),
        other => format!("{other} di {}", d.service_name),
    }
}

/// Lower-case letters and digits, words joined by `-`.
fn slug(text: &str) -> String {
    let kept: String = text.to_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect();
    kept.split_whitespace().collect::<Vec<_>>().join("-")
}
