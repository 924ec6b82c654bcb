//! The public catalogue over HTTP on both engines: search answers and their
//! errors, entity tags and 304s, the listing resource, the change feed and
//! Atom, DCAT-AP_IT, and every export format parsed back.

use crate::common;

use axum::http::StatusCode;
use chrono::{DateTime, NaiveDate, SecondsFormat};
use cloudpa_domain::access::OrganisationKind;
use cloudpa_domain::catalogue::record::RawRecord;
use cloudpa_domain::qualification::listing::DataLocation;
use cloudpa_store::catalogue::synthetic;
use cloudpa_store::qualification::listings::ListingDetails;
use cloudpa_store::qualification::providers::NewInfrastructure;
use cloudpa_store::{Actor, Store, engine_test};
use common::*;
use std::io::Cursor;

async fn seed(store: &Store, count: usize, at: i64) {
    store.load_reference_data(T0).await.unwrap();
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let records: Vec<_> =
        synthetic::catalogue(count, 5, as_of).into_iter().zip(1..).map(|(r, line)| (line, r)).collect();
    store.import_catalogue(&Actor::cli(), "synthetic", &records, at).await.unwrap();
}

/// An infrastructure no listed service runs on.
fn secret_dc() -> NewInfrastructure<'static> {
    NewInfrastructure { name: "DC segreto", location: DataLocation::IT, sites: "", level: None }
}

fn rfc3339(ms: i64) -> String {
    DateTime::from_timestamp_millis(ms).unwrap().to_rfc3339_opts(SecondsFormat::Millis, true)
}

engine_test!(search_answers_with_facets_and_names_bad_parameters, |store| {
    seed(&store, 150, T0).await;
    let app = app(&store, unlimited()).await;
    let all = get(&app, "/api/v1/listings?page_size=100").await;
    assert_eq!(all.status, StatusCode::OK);
    let all = all.json();
    let saas = all["facets"]["type"].as_array().unwrap().iter().find(|f| f["value"] == "SaaS").unwrap().clone();
    let filtered = get(&app, "/api/v1/listings?type=SaaS&page_size=5&page=2").await.json();
    assert_eq!(filtered["total"], saas["count"]);
    assert_eq!(filtered["page"], 2);
    assert_eq!(filtered["items"].as_array().unwrap().len(), 5);
    assert!(filtered["items"].as_array().unwrap().iter().all(|i| i["type"] == "SaaS"));
    let selected =
        filtered["facets"]["type"].as_array().unwrap().iter().find(|f| f["value"] == "SaaS").unwrap().clone();
    assert_eq!(selected["selected"], true);
    for (uri, field) in [
        ("/api/v1/listings?level=QC7", "level"),
        ("/api/v1/listings?as_of=2026-13-01", "as_of"),
        ("/api/v1/listings?page_size=1000", "page_size"),
        ("/api/v1/listings?colour=blue", "colour"),
    ] {
        let reply = get(&app, uri).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{uri}");
        assert_eq!(reply.header("content-type"), "application/problem+json");
        assert_eq!(reply.json()["errors"][0]["field"], field, "{uri}");
    }
});

engine_test!(listing_resources_carry_entity_tags, |store| {
    seed(&store, 20, T0).await;
    let app = app(&store, unlimited()).await;
    let search = get(&app, "/api/v1/listings?status=qualified").await;
    let tag = search.header("etag").to_owned();
    assert!(tag.starts_with('"') && tag.len() == 34, "{tag}");
    let again = get_with_header(&app, "/api/v1/listings?status=qualified", "if-none-match", &tag).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    assert_eq!(again.header("etag"), tag);
    let other = get_with_header(&app, "/api/v1/listings?status=suspended", "if-none-match", &tag).await;
    assert_eq!(other.status, StatusCode::OK);

    let id = search.json()["items"][0]["id"].as_str().unwrap().to_owned();
    let listing = get(&app, &format!("/api/v1/listings/{id}")).await;
    assert_eq!(listing.status, StatusCode::OK);
    let body = listing.json();
    assert_eq!(body["id"], id.as_str());
    let history = body["history"].as_array().unwrap();
    assert_eq!(history[0]["status"], "qualified");
    assert!(history.iter().all(|h| h.get("from").is_some() && h.get("to").is_some() && h.get("decision").is_some()));
    let tag = listing.header("etag").to_owned();
    let cached = get_with_header(&app, &format!("/api/v1/listings/{id}"), "if-none-match", &tag).await;
    assert_eq!(cached.status, StatusCode::NOT_MODIFIED);

    let provider = &body["provider"]["id"];
    let details = ListingDetails { name: "Bozza".into(), ..store.current_listing(&id).await.unwrap().unwrap().details };
    let draft = store.create_listing(&Actor::cli(), provider.as_str().unwrap(), &details, T0).await.unwrap();
    assert_eq!(get(&app, &format!("/api/v1/listings/{}", draft.listing_id)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(get(&app, &format!("/qualificazioni/{}", draft.listing_id)).await.status, StatusCode::NOT_FOUND);
});

engine_test!(the_change_feed_returns_what_changed_since_a_time, |store| {
    seed(&store, 30, T0).await;
    let later = RawRecord {
        provider_vat: "12345670017".into(),
        provider_name: "Nuvola Srl".into(),
        infrastructure: "DC Roma".into(),
        infrastructure_location: "IT".into(),
        name: "Registro dirigibili".into(),
        kind: "SaaS".into(),
        level: "QC1".into(),
        category: "Tributi".into(),
        data_location: "IT".into(),
        history: "qualified:2026-01-10;suspended:2026-03-01".into(),
        ..RawRecord::default()
    };
    let record = later.validate(NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()).unwrap();
    store.import_catalogue(&Actor::cli(), "later", &[(2, record)], T0 + 60_000).await.unwrap();
    let app = app(&store, unlimited()).await;
    let everything = get(&app, "/api/v1/listings/changes").await.json();
    let since = get(&app, &format!("/api/v1/listings/changes?since={}", rfc3339(T0 + 1))).await.json();
    let items = since["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{since}");
    assert!(everything["items"].as_array().unwrap().len() > 30);
    assert_eq!(items[0]["status"], "qualified");
    assert_eq!(items[1]["status"], "suspended");
    assert_eq!(items[1]["on"], "2026-03-01");
    assert_eq!(items[0]["recorded_at"], rfc3339(T0 + 60_000));
    assert_eq!(since["next_since"], rfc3339(T0 + 60_000));
    let bad = get(&app, "/api/v1/listings/changes?since=yesterday").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad.json()["errors"][0]["field"], "since");

    let atom = get(&app, "/api/v1/listings/changes.atom").await;
    assert!(atom.header("content-type").starts_with("application/atom+xml"));
    assert!(atom.body.contains("<title>Registro dirigibili: sospeso dal 01/03/2026</title>"), "{}", atom.body);
    assert_eq!(atom.body.matches("<entry>").count(), 100.min(everything["items"].as_array().unwrap().len()));

    let dcat = get(&app, "/api/v1/listings/dcat.jsonld").await.json();
    assert_eq!(dcat["@type"][0], "dcatapit:Catalog");
    // The catalogue, the programme's applications and the data-quality
    // findings; every file each names answers.
    let datasets = dcat["dcat:dataset"].as_array().unwrap();
    assert_eq!(datasets.len(), 3);
    assert_eq!(datasets[0]["dcat:distribution"].as_array().unwrap().len(), 4);
    for d in datasets.iter().flat_map(|d| d["dcat:distribution"].as_array().unwrap()) {
        let url = d["dcat:downloadURL"]["@id"].as_str().unwrap();
        let path = url.trim_start_matches("http://127.0.0.1:8080");
        assert_eq!(get(&app, path).await.status, StatusCode::OK, "{url}");
    }
});

engine_test!(every_export_parses_back_to_the_search_result, |store| {
    seed(&store, 120, T0).await;
    let app = app(&store, unlimited()).await;
    let query = "type=SaaS&type=PaaS&status=qualified&as_of=2026-06-30";
    let result = get(&app, &format!("/api/v1/listings?{query}&page_size=100")).await.json();
    let total = result["total"].as_u64().unwrap() as usize;
    assert!(total > 20, "a meaningful sample: {total}");
    let ids: std::collections::BTreeSet<String> = {
        let json = get(&app, &format!("/api/v1/listings/export.json?{query}")).await.json();
        assert_eq!(json["as_of"], "2026-06-30");
        assert_eq!(json["total"], total);
        json["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(ids.len(), total);

    let csv = get(&app, &format!("/api/v1/listings/export.csv?{query}")).await;
    assert_eq!(csv.header("content-type"), "text/csv; charset=utf-8");
    assert_eq!(csv.header("x-status-date"), "2026-06-30");
    assert!(csv.body.contains("\r\n"), "RFC 4180 line ends");
    let mut reader = csv::Reader::from_reader(csv.body.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), total);
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    assert!(rows.iter().all(|r| ids.contains(&r[column("id")]) && &r[column("status_date")] == "2026-06-30"));
    assert!(rows.iter().all(|r| &r[column("status")] == "qualified"));

    let xlsx = get(&app, &format!("/api/v1/listings/export.xlsx?{query}")).await;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(xlsx.bytes)).unwrap();
    use calamine::Reader;
    let sheet = book.worksheet_range("Catalogo").unwrap();
    assert_eq!(sheet.height(), total + 1, "a header and a row per listing");
    let first_ids: std::collections::BTreeSet<String> = sheet.rows().skip(1).map(|r| r[0].to_string()).collect();
    assert_eq!(first_ids, ids);

    let pdf = get(&app, &format!("/api/v1/listings/export.pdf?{query}")).await;
    assert_eq!(pdf.header("content-type"), "application/pdf");
    let document = lopdf::Document::load_mem(&pdf.bytes).unwrap();
    let catalog = document.catalog().unwrap();
    let outlines = document.get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap()).unwrap();
    let mut entries = 0;
    let mut next = outlines.get(b"First").ok().map(|o| o.as_reference().unwrap());
    while let Some(id) = next {
        entries += 1;
        next = document.get_dictionary(id).unwrap().get(b"Next").ok().map(|o| o.as_reference().unwrap());
    }
    assert_eq!(entries, total, "one bookmarked entry per listing");
    assert!(pdf.body.contains("pdfaid:part"), "PDF/A");

    let bad = get(&app, "/api/v1/listings/export.csv?type=DaaS").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
});

engine_test!(catalogue_pages_render_and_hide_what_is_not_public, |store| {
    seed(&store, 40, T0).await;
    let app = app(&store, unlimited()).await;
    let search = get(&app, "/catalogo?type=IaaS&lang=en").await;
    assert_eq!(search.status, StatusCode::OK);
    assert!(search.body.contains("id=\"facet-type\""));
    let invalid = get(&app, "/catalogo?level=QC9").await;
    assert_eq!(invalid.status, StatusCode::OK);
    assert!(invalid.body.contains("id=\"search-error\""));
    let item = get(&app, "/api/v1/listings?page_size=1").await.json()["items"][0].clone();
    let provider = get(&app, &format!("/fornitori/{}", item["provider"]["id"].as_str().unwrap())).await;
    assert_eq!(provider.status, StatusCode::OK);
    assert!(provider.body.contains(item["name"].as_str().unwrap()));
    let infrastructure = get(&app, &format!("/infrastrutture/{}", item["runs_on"]["id"].as_str().unwrap())).await;
    assert_eq!(infrastructure.status, StatusCode::OK);
    let provider_id = item["provider"]["id"].as_str().unwrap();
    let unused = store.create_infrastructure(&Actor::cli(), provider_id, secret_dc(), T0).await.unwrap();
    assert_eq!(get(&app, &format!("/infrastrutture/{}", unused.id)).await.status, StatusCode::NOT_FOUND);
    assert!(!get(&app, &format!("/fornitori/{provider_id}")).await.body.contains("DC segreto"), "not in the catalogue");
    let listing = get(&app, &format!("/qualificazioni/{}", item["id"].as_str().unwrap())).await;
    assert!(listing.body.contains("<svg"), "the QR code of the permalink");
    let changes = get(&app, "/catalogo/novita?dal=2021-01-01&al=2026-11-01").await;
    assert_eq!(changes.status, StatusCode::OK);
    assert!(changes.body.contains("id=\"changes\""));
    assert_eq!(get(&app, "/catalogo/novita?dal=2026-02-01&al=2026-01-01").await.status, StatusCode::BAD_REQUEST);
    let comune = store
        .create_organisation(&Actor::cli(), OrganisationKind::PublicBody, "Comune di Esempio", Some("c_x000"), T0)
        .await
        .unwrap();
    assert_eq!(get(&app, &format!("/fornitori/{}", comune.id)).await.status, StatusCode::NOT_FOUND, "not a provider");
});

engine_test!(each_listing_says_the_regime_it_was_qualified_under_and_the_catalogue_filters_by_it, |store| {
    store.load_reference_data(T0).await.unwrap();
    let record = |name: &str, history: &str| {
        let raw = RawRecord {
            provider_vat: "12345670017".into(),
            provider_name: "Nuvola Srl".into(),
            infrastructure: "DC Roma".into(),
            infrastructure_location: "IT".into(),
            name: name.into(),
            kind: "SaaS".into(),
            level: "QC1".into(),
            category: "Tributi".into(),
            data_location: "IT".into(),
            history: history.into(),
            ..RawRecord::default()
        };
        raw.validate(NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()).unwrap()
    };
    let records = [
        (2, record("Tributi AgID", "qualified:2021-05-10;suspended:2025-01-10;qualified:2025-02-10")),
        (3, record("Tributi ACN", "qualified:2025-03-01")),
    ];
    store.import_catalogue(&Actor::cli(), "storico.csv", &records, T0).await.unwrap();
    let app = app(&store, unlimited()).await;
    let names = |body: &serde_json::Value| -> Vec<String> {
        body["items"].as_array().unwrap().iter().map(|i| i["name"].as_str().unwrap().to_owned()).collect()
    };
    let agid = get(&app, "/api/v1/listings?regime=AgID-2018&as_of=2026-06-01").await.json();
    assert_eq!(names(&agid), ["Tributi AgID"], "reinstated in 2025, granted in 2021: {agid}");
    assert_eq!(agid["items"][0]["regime"], "AgID-2018");
    let counts: Vec<(String, i64)> = agid["facets"]["regime"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["value"].as_str().unwrap().to_owned(), c["count"].as_i64().unwrap()))
        .collect();
    assert!(counts.contains(&("AgID-2018".into(), 1)) && counts.contains(&("ACN-2024".into(), 1)), "{counts:?}");
    let refused = get(&app, "/api/v1/listings?regime=AgID").await;
    assert_eq!(
        (refused.status, refused.json()["errors"][0]["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("regime"))
    );

    let id = agid["items"][0]["id"].as_str().unwrap().to_owned();
    let status = get(&app, &format!("/api/v1/listings/{id}/status?on=2025-01-20")).await.json();
    assert_eq!(
        (status["status"].as_str(), status["interval"]["regime"].as_str()),
        (Some("suspended"), Some("AgID-2018"))
    );
    let regimes: Vec<&str> =
        status["history"].as_array().unwrap().iter().map(|i| i["regime"].as_str().unwrap()).collect();
    assert_eq!(regimes, ["AgID-2018"; 3]);
    let listing = get(&app, &format!("/api/v1/listings/{id}")).await.json();
    assert_eq!(listing["history"][2]["regime"], "AgID-2018", "{listing}");

    let page = get(&app, &format!("/qualificazioni/{id}")).await.body;
    assert!(page.contains(r#"<td data-regime="AgID-2018">AgID 2018 (Circolari 2 e 3/2018)</td>"#), "{page}");
    let search = get(&app, "/catalogo?regime=ACN-2024").await.body;
    assert!(search.contains("Regime di qualificazione") && search.contains("Tributi ACN"), "{search}");
    assert!(!search.contains(">Tributi AgID<"), "filtered out");
    let english = get(&app, "/catalogo?regime=ACN-2024&lang=en").await.body;
    assert!(english.contains("Qualification regime") && english.contains("ACN, Regolamento 2024"), "{english}");
});
