//! The DCAT-AP_IT (JSON-LD) description of every dataset cloudpa publishes —
//! the catalogue of qualified services, the programme's financed
//! applications (in the PA digitale 2026 format) and the data-quality
//! findings — each with its distributions, publisher and rights holder (by
//! IPA code), contact point, licence, theme and frequency: the properties
//! the Italian profile makes mandatory (AgID, *Linee guida per i cataloghi
//! dati*, DCAT-AP_IT). `scripts/dcat-shacl` checks it against the DCAT-AP
//! SHACL shapes and the profile's rules (`data/shacl/`).

use crate::AppState;
use crate::Publisher;
use crate::api::catalogue::exports::Format;
use crate::problem::Problem;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

const LICENCE: &str = "https://creativecommons.org/licenses/by/4.0/";
const EU: &str = "http://publications.europa.eu/resource/authority";

/// The catalogue of cloudpa's open data (`dcatapit:Catalog`).
#[derive(Serialize, ToSchema)]
pub(crate) struct DcatCatalog {
    #[serde(rename = "@context")]
    context: DcatContext,
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: [&'static str; 2],
    #[serde(rename = "dct:title")]
    title: &'static str,
    #[serde(rename = "dct:description")]
    description: &'static str,
    #[serde(rename = "dct:language")]
    language: DcatNode,
    #[serde(rename = "dct:modified")]
    modified: DcatDate,
    #[serde(rename = "foaf:homepage")]
    homepage: DcatNode,
    #[serde(rename = "dct:publisher")]
    publisher: DcatAgent,
    #[serde(rename = "dcat:dataset")]
    datasets: Vec<DcatDataset>,
}

/// The JSON-LD prefixes: each names its vocabulary's IRI.
#[derive(Serialize, ToSchema)]
pub(crate) struct DcatContext {
    dcat: &'static str,
    dcatapit: &'static str,
    dct: &'static str,
    foaf: &'static str,
    vcard: &'static str,
    xsd: &'static str,
}

/// A reference to a resource by its IRI.
#[derive(Serialize, ToSchema)]
pub(crate) struct DcatNode {
    #[serde(rename = "@id")]
    id: String,
}

fn node(id: impl Into<String>) -> DcatNode {
    DcatNode { id: id.into() }
}

/// A date and time (`xsd:dateTime`).
#[derive(Serialize, ToSchema)]
pub(crate) struct DcatDate {
    #[serde(rename = "@value")]
    value: String,
    #[serde(rename = "@type")]
    kind: &'static str,
}

fn date(rfc3339: String) -> DcatDate {
    DcatDate { value: rfc3339, kind: "xsd:dateTime" }
}

/// A dataset (`dcatapit:Dataset`).
#[derive(Serialize, ToSchema)]
pub(crate) struct DcatDataset {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: [&'static str; 2],
    #[serde(rename = "dct:identifier")]
    identifier: String,
    #[serde(rename = "dct:title")]
    title: &'static str,
    #[serde(rename = "dct:description")]
    description: &'static str,
    /// The moment of the dataset's latest change.
    #[serde(rename = "dct:modified")]
    modified: DcatDate,
    #[serde(rename = "dct:accrualPeriodicity")]
    accrual_periodicity: DcatNode,
    #[serde(rename = "dcat:theme")]
    theme: DcatNode,
    #[serde(rename = "dcat:keyword")]
    keywords: Vec<&'static str>,
    #[serde(rename = "dcat:landingPage")]
    landing_page: DcatNode,
    #[serde(rename = "dct:publisher")]
    publisher: DcatAgent,
    #[serde(rename = "dct:rightsHolder")]
    rights_holder: DcatAgent,
    #[serde(rename = "dcat:contactPoint")]
    contact_point: DcatContact,
    #[serde(rename = "dcat:distribution")]
    distributions: Vec<DcatDistribution>,
}

/// An organisation by its IPA code (`dcatapit:Agent`).
#[derive(Serialize, ToSchema)]
pub(crate) struct DcatAgent {
    #[serde(rename = "@type")]
    kind: [&'static str; 2],
    #[serde(rename = "foaf:name")]
    name: String,
    /// The IPA code.
    #[serde(rename = "dct:identifier")]
    identifier: String,
}

/// Where to write about a dataset (`dcatapit:Organization`).
#[derive(Serialize, ToSchema)]
pub(crate) struct DcatContact {
    #[serde(rename = "@type")]
    kind: [&'static str; 2],
    #[serde(rename = "vcard:fn")]
    name: String,
    #[serde(rename = "vcard:hasEmail")]
    email: DcatNode,
    #[serde(rename = "vcard:hasURL")]
    url: DcatNode,
}

/// A licence (`dcatapit:LicenseDocument`).
#[derive(Serialize, ToSchema)]
pub(crate) struct DcatLicence {
    #[serde(rename = "@id")]
    id: &'static str,
    #[serde(rename = "@type")]
    kind: [&'static str; 2],
    #[serde(rename = "foaf:name")]
    name: &'static str,
}

/// One file of a dataset (`dcatapit:Distribution`).
#[derive(Serialize, ToSchema)]
pub(crate) struct DcatDistribution {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: [&'static str; 2],
    #[serde(rename = "dct:title")]
    title: String,
    #[serde(rename = "dcat:accessURL")]
    access_url: DcatNode,
    #[serde(rename = "dcat:downloadURL")]
    download_url: DcatNode,
    #[serde(rename = "dcat:mediaType")]
    media_type: &'static str,
    #[serde(rename = "dct:format")]
    format: DcatNode,
    #[serde(rename = "dct:license")]
    license: DcatLicence,
}

/// A distribution of the file at `path`, found from the page `page`.
fn distribution(base: &str, page: &str, path: &str, title: String, media_type: &'static str) -> DcatDistribution {
    let url = format!("{base}{path}");
    let format = match media_type {
        "text/csv" => "CSV",
        "application/json" => "JSON",
        "application/pdf" => "PDF",
        _ => "XLSX",
    };
    DcatDistribution {
        id: url.clone(),
        kind: ["dcatapit:Distribution", "dcat:Distribution"],
        title,
        access_url: node(format!("{base}{page}")),
        download_url: node(url),
        media_type,
        format: node(format!("{EU}/file-type/{format}")),
        license: DcatLicence {
            id: LICENCE,
            kind: ["dcatapit:LicenseDocument", "dct:LicenseDocument"],
            name: "Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)",
        },
    }
}

/// When each dataset last changed (RFC 3339).
pub(crate) struct Changes {
    pub catalogue: String,
    pub applications: String,
    pub findings: String,
}

/// The description of the open data published at `base` by `publisher`.
pub(crate) fn catalog(base: &str, publisher: &Publisher, changes: Changes) -> DcatCatalog {
    let agent = || DcatAgent {
        kind: ["dcatapit:Agent", "foaf:Agent"],
        name: publisher.name.clone(),
        identifier: publisher.ipa_code.clone(),
    };
    let dataset = |path: &str, identifier: &str, title, description, modified: &String, keywords| DcatDataset {
        id: format!("{base}{path}"),
        kind: ["dcatapit:Dataset", "dcat:Dataset"],
        identifier: format!("{}:{identifier}", publisher.ipa_code),
        title,
        description,
        modified: date(modified.clone()),
        accrual_periodicity: node(format!("{EU}/frequency/CONT")),
        theme: node(format!("{EU}/data-theme/GOVE")),
        keywords,
        landing_page: node(format!("{base}{path}")),
        publisher: agent(),
        rights_holder: agent(),
        contact_point: DcatContact {
            kind: ["dcatapit:Organization", "vcard:Organization"],
            name: publisher.name.clone(),
            email: node(format!("mailto:{}", publisher.email)),
            url: node(base),
        },
        distributions: Vec::new(),
    };
    let mut catalogue = dataset(
        "/catalogo",
        "catalogo-servizi-cloud-qualificati",
        "Catalogo dei servizi cloud qualificati per la PA",
        "Servizi IaaS, PaaS e SaaS qualificati per la pubblica amministrazione, con livello (QC1–QC4), classi di \
         dati ammesse, localizzazione dei dati e storia dello stato di qualificazione (qualificato, sospeso, \
         revocato, scaduto).",
        &changes.catalogue,
        vec!["cloud", "PA", "qualificazione", "catalogo", "ACN"],
    );
    catalogue.distributions = [Format::Csv, Format::Xlsx, Format::Json, Format::Pdf(crate::i18n::Lang::It)]
        .into_iter()
        .map(|format| {
            let extension = format.extension();
            let media_type = format.content_type().split(';').next().unwrap_or_default();
            let title = format!("Catalogo dei servizi cloud qualificati ({})", extension.to_uppercase());
            distribution(base, "/catalogo", &format!("/api/v1/listings/export.{extension}"), title, media_type)
        })
        .collect();
    let mut applications = dataset(
        "/programma/cruscotto",
        "candidature-finanziate",
        "Candidature finanziate della Misura 1.2 (Abilitazione al cloud)",
        "Le candidature finanziate degli enti, una per ente e avviso, nel formato dei dati aperti PA digitale 2026, \
         con i Comuni collocati nel territorio di oggi; e le candidature presentate sulla piattaforma. Fonte: Dati \
         PNRR PADigitale2026 (c) Dipartimento per la trasformazione digitale (CC BY 4.0).",
        &changes.applications,
        vec!["PNRR", "Misura 1.2", "cloud", "candidature", "PA digitale 2026"],
    );
    applications.distributions = vec![
        distribution(
            base,
            "/programma/cruscotto",
            "/api/v1/programme/open-data/candidature_finanziate.csv",
            "Candidature finanziate, formato PA digitale 2026 (CSV)".into(),
            "text/csv",
        ),
        distribution(
            base,
            "/programma/cruscotto",
            "/api/v1/programme/applications.csv",
            "Candidature con stato del progetto (CSV)".into(),
            "text/csv",
        ),
        distribution(
            base,
            "/programma/cruscotto",
            "/api/v1/programme/open-data/numero_progetti_regione_1_2.csv",
            "Numero di progetti per regione, formato KPI PA digitale 2026 (CSV)".into(),
            "text/csv",
        ),
    ];
    let mut findings = dataset(
        "/qualita-dati",
        "qualita-dati",
        "Qualità dei dati ufficiali importati",
        "I campi dei dati ufficiali importati che non rispettano la loro regola, conservati come pubblicati: \
         dataset, file e riga, record, campo, regola, valore pubblicato e nota.",
        &changes.findings,
        vec!["qualità dei dati", "dati aperti", "PNRR"],
    );
    findings.distributions =
        vec![distribution(base, "/qualita-dati", "/qualita-dati.csv", "Segnalazioni (CSV)".into(), "text/csv")];
    let modified = [&changes.catalogue, &changes.applications, &changes.findings].into_iter().max().cloned();
    DcatCatalog {
        context: DcatContext {
            dcat: "http://www.w3.org/ns/dcat#",
            dcatapit: "http://dati.gov.it/onto/dcatapit#",
            dct: "http://purl.org/dc/terms/",
            foaf: "http://xmlns.com/foaf/0.1/",
            vcard: "http://www.w3.org/2006/vcard/ns#",
            xsd: "http://www.w3.org/2001/XMLSchema#",
        },
        id: format!("{base}/api/v1/listings/dcat.jsonld"),
        kind: ["dcatapit:Catalog", "dcat:Catalog"],
        title: "Dati aperti di cloudpa",
        description: "I dati aperti della piattaforma Cloud della PA: il catalogo dei servizi cloud qualificati, le \
                      candidature finanziate della Misura 1.2 e la qualità dei dati ufficiali importati.",
        language: node(format!("{EU}/language/ITA")),
        modified: date(modified.unwrap_or_default()),
        homepage: node(base),
        publisher: agent(),
        datasets: vec![catalogue, applications, findings],
    }
}

/// DCAT-AP_IT (JSON-LD) description of every dataset cloudpa publishes,
/// with a distribution per file.
#[utoipa::path(get, path = "/api/v1/listings/dcat.jsonld", tag = "catalogue",
    responses((status = 200, body = DcatCatalog, content_type = "application/ld+json")))]
pub(crate) async fn dcat(State(state): State<AppState>) -> Result<Response, Problem> {
    let base = state.config.public_url.trim_end_matches('/');
    let rfc3339 = super::feed::rfc3339;
    let latest = state.store.latest_catalogue_changes(1).await?.first().map(|c| c.recorded_at_ms);
    let open = state.store.open_data_changes().await?;
    // A dataset that has not changed since the platform started was made then.
    let started = open.reference.unwrap_or_default();
    let changes = Changes {
        catalogue: rfc3339(latest.unwrap_or(started)),
        applications: rfc3339(open.applications.unwrap_or(started)),
        findings: rfc3339(open.findings.unwrap_or(started)),
    };
    let body =
        serde_json::to_string(&catalog(base, &state.config.publisher, changes)).map_err(|_| Problem::internal())?;
    Ok(([(header::CONTENT_TYPE, "application/ld+json")], body).into_response())
}
