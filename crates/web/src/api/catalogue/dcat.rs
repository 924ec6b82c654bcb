//! The DCAT-AP_IT (JSON-LD) description of the catalogue as an open
//! dataset, with a distribution per export format.

use crate::AppState;
use crate::api::catalogue::exports::Format;
use crate::problem::Problem;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// The catalogue of cloudpa's open data (`dcatapit:Catalog`).
#[derive(Serialize, ToSchema)]
pub(crate) struct DcatCatalog {
    #[serde(rename = "@context")]
    context: DcatContext,
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "dct:title")]
    title: &'static str,
    #[serde(rename = "dct:description")]
    description: &'static str,
    #[serde(rename = "dct:language")]
    language: DcatNode,
    #[serde(rename = "dcat:dataset")]
    dataset: DcatDataset,
}

/// The JSON-LD prefixes: each names its vocabulary's IRI.
#[derive(Serialize, ToSchema)]
pub(crate) struct DcatContext {
    dcat: &'static str,
    dcatapit: &'static str,
    dct: &'static str,
    foaf: &'static str,
    vcard: &'static str,
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

/// The catalogue of qualified services (`dcatapit:Dataset`).
#[derive(Serialize, ToSchema)]
pub(crate) struct DcatDataset {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "dct:identifier")]
    identifier: &'static str,
    #[serde(rename = "dct:title")]
    title: &'static str,
    #[serde(rename = "dct:description")]
    description: &'static str,
    /// The moment of the latest change of the catalogue (RFC 3339); null
    /// when it never changed.
    #[serde(rename = "dct:modified")]
    modified: Option<String>,
    #[serde(rename = "dct:accrualPeriodicity")]
    accrual_periodicity: DcatNode,
    #[serde(rename = "dcat:theme")]
    theme: DcatNode,
    #[serde(rename = "dcat:keyword")]
    keywords: Vec<&'static str>,
    #[serde(rename = "dct:publisher")]
    publisher: DcatAgent,
    #[serde(rename = "dcat:contactPoint")]
    contact_point: DcatContact,
    #[serde(rename = "dcat:distribution")]
    distributions: Vec<DcatDistribution>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct DcatAgent {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "foaf:name")]
    name: &'static str,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct DcatContact {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "vcard:fn")]
    name: &'static str,
    #[serde(rename = "vcard:hasURL")]
    url: DcatNode,
}

/// One export format of the dataset (`dcatapit:Distribution`).
#[derive(Serialize, ToSchema)]
pub(crate) struct DcatDistribution {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
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
    license: DcatNode,
}

fn distribution(base: &str, format: Format, dcat_format: &str) -> DcatDistribution {
    let url = format!("{base}/api/v1/listings/export.{}", format.extension());
    DcatDistribution {
        id: url.clone(),
        kind: "dcatapit:Distribution",
        title: format!("Catalogo dei servizi cloud qualificati ({})", format.extension().to_uppercase()),
        access_url: node(format!("{base}/catalogo")),
        download_url: node(url),
        media_type: format.content_type().split(';').next().unwrap_or_default(),
        format: node(format!("http://publications.europa.eu/resource/authority/file-type/{dcat_format}")),
        license: node("https://creativecommons.org/licenses/by/4.0/"),
    }
}

/// The description of the catalogue published at `base`, last changed at
/// `modified`.
pub(crate) fn catalog(base: &str, modified: Option<String>) -> DcatCatalog {
    DcatCatalog {
        context: DcatContext {
            dcat: "http://www.w3.org/ns/dcat#",
            dcatapit: "http://dati.gov.it/onto/dcatapit#",
            dct: "http://purl.org/dc/terms/",
            foaf: "http://xmlns.com/foaf/0.1/",
            vcard: "http://www.w3.org/2006/vcard/ns#",
        },
        id: format!("{base}/api/v1/listings/dcat.jsonld"),
        kind: "dcatapit:Catalog",
        title: "Catalogo cloudpa",
        description: "Dati aperti della piattaforma Cloud della PA.",
        language: node("http://publications.europa.eu/resource/authority/language/ITA"),
        dataset: DcatDataset {
            id: format!("{base}/catalogo"),
            kind: "dcatapit:Dataset",
            identifier: "cloudpa:catalogo-servizi-cloud-qualificati",
            title: "Catalogo dei servizi cloud qualificati per la PA",
            description: "Servizi IaaS, PaaS e SaaS qualificati per la pubblica amministrazione, con livello \
                          (QC1–QC4), classi di dati ammesse, localizzazione dei dati e storia dello stato di \
                          qualificazione (qualificato, sospeso, revocato, scaduto).",
            modified,
            accrual_periodicity: node("http://publications.europa.eu/resource/authority/frequency/CONT"),
            theme: node("http://publications.europa.eu/resource/authority/data-theme/GOVE"),
            keywords: vec!["cloud", "PA", "qualificazione", "catalogo", "ACN"],
            publisher: DcatAgent { kind: "foaf:Agent", name: "cloudpa" },
            contact_point: DcatContact { kind: "vcard:Organization", name: "cloudpa", url: node(base) },
            distributions: vec![
                distribution(base, Format::Csv, "CSV"),
                distribution(base, Format::Xlsx, "XLSX"),
                distribution(base, Format::Json, "JSON"),
                distribution(base, Format::Pdf, "PDF"),
            ],
        },
    }
}

/// DCAT-AP_IT (JSON-LD) description of the catalogue as an open dataset,
/// with a distribution per export format.
#[utoipa::path(get, path = "/api/v1/listings/dcat.jsonld", tag = "catalogue",
    responses((status = 200, body = DcatCatalog, content_type = "application/ld+json")))]
pub(crate) async fn dcat(State(state): State<AppState>) -> Result<Response, Problem> {
    let base = state.config.public_url.trim_end_matches('/');
    let modified =
        state.store.latest_catalogue_changes(1).await?.first().map(|c| super::feed::rfc3339(c.recorded_at_ms));
    let body = serde_json::to_string(&catalog(base, modified)).map_err(|_| Problem::internal())?;
    Ok(([(header::CONTENT_TYPE, "application/ld+json")], body).into_response())
}
