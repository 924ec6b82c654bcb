//! The first pages a visitor sees (issue 15): the home page's search, its
//! headline figures and its two forms, and "il mio Comune" from a name to
//! the Comune's page — on both engines.

use crate::common;

use axum::http::StatusCode;
use cloudpa_store::engine_test;
use common::*;

engine_test!(the_home_page_searches_counts_and_finds_a_comune, |store| {
    seed_sample(&store).await;
    let app = app(&store, unlimited()).await;
    let home = get(&app, "/").await;
    assert_eq!(home.status, StatusCode::OK);
    for part in [
        "action=\"/catalogo\"",
        "id=\"home-q\" name=\"q\"",
        "action=\"/enti\"",
        "id=\"home-comune\" name=\"nome\"",
        "action=\"/programma#voucher-title\"",
        "href=\"/programma/cruscotto\"",
    ] {
        assert!(home.body.contains(part), "home lacks {part}");
    }
    let stats = get(&app, "/api/v1/stats/applications?group_by=region").await.json();
    let totals = &stats["totals"];
    assert_eq!(totals["applications"], 400);
    assert!(home.body.contains("id=\"figure-applications\">400<"), "the headline is the stats' total");
    let enti = totals["enti"].as_i64().unwrap();
    assert!(home.body.contains(&format!("id=\"figure-enti\">{enti}<")));
    let english = get(&app, "/?lang=en").await;
    assert!(english.body.contains("The programme in figures"));
});

engine_test!(il_mio_comune_goes_from_a_name_to_its_page, |store| {
    seed_sample(&store).await;
    let app = app(&store, unlimited()).await;
    // The exact name, whatever its case, accents and punctuation: straight to its page.
    for name in ["Acquaviva%20Collecroce", "ACQUAVIVA-collecroce", "%20acquaviva%20collecroce%20"] {
        let found = get(&app, &format!("/enti?nome={name}")).await;
        assert_eq!(found.status, StatusCode::SEE_OTHER, "{name}");
        assert_eq!(found.header("location"), "/enti/c_a050", "{name}");
    }
    let page = get(&app, "/enti/c_a050").await;
    assert!(page.body.contains("Acquaviva Collecroce"));
    // Part of a name: the Comuni it matches, the one that applied linked to
    // its page, the others to the simulator with their population.
    let listed = get(&app, "/enti?nome=acquaviva").await;
    assert_eq!(listed.status, StatusCode::OK);
    assert!(listed.body.contains("<a href=\"/enti/c_a050\">Acquaviva Collecroce</a>"), "{}", listed.body);
    for other in ["Acquaviva Picena", "Acquaviva delle Fonti", "Acquaviva Platani", "Isernia"] {
        assert!(listed.body.contains(other), "{other}");
    }
    assert!(listed.body.contains("href=\"/programma?population=21038#voucher-title\""), "Acquaviva delle Fonti");
    // An accented name typed without its accent.
    let forli = get(&app, "/enti?nome=forli").await;
    assert!(forli.body.contains("Forlì"), "{}", forli.body);
    let none = get(&app, "/enti?nome=Atlantide").await;
    assert_eq!(none.status, StatusCode::OK);
    assert!(none.body.contains("Nessun Comune corrisponde a «Atlantide»"));
    assert!(get(&app, "/enti?nome=Atlantide&lang=en").await.body.contains("No municipality matches"));
    assert_eq!(get(&app, "/enti").await.status, StatusCode::OK);
    let long = get(&app, &format!("/enti?nome={}", "a".repeat(101))).await;
    assert_eq!(long.status, StatusCode::BAD_REQUEST);
    assert!(long.body.contains("nome"), "{}", long.body);
    // Many matches are cut, saying how many more there are.
    let san = get(&app, "/enti?nome=san").await;
    assert!(san.body.contains("id=\"more\""));
});

engine_test!(a_population_alone_fills_the_voucher_form_in, |store| {
    store.load_reference_data(T0).await.unwrap();
    let app = app(&store, unlimited()).await;
    let page = get(&app, "/programma?population=21038").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("name=\"population\" value=\"21038\""), "{}", page.body);
    assert!(!page.body.contains("id=\"voucher-result\""), "no quote before the services are given");
    assert!(!page.body.contains("alert-danger"), "and no error either");
});

engine_test!(the_national_dashboard_has_a_map_of_the_regions_with_its_legend, |store| {
    seed_sample(&store).await;
    let app = app(&store, unlimited()).await;
    let page = get(&app, "/programma/cruscotto").await;
    let svg = page.body.split("id=\"map\"").nth(1).and_then(|rest| rest.split("</svg>").next()).expect("a map");
    assert_eq!(svg.matches("<path ").count(), 20, "one outline per region");
    let regions = get(&app, "/api/v1/stats/applications?group_by=region").await.json();
    for group in regions["groups"].as_array().unwrap() {
        let name = group["key"].as_str().unwrap().replace('\'', "&#39;");
        let title = svg.split(&format!("<title>{name}: ")).nth(1).map(|t| t.split('<').next().unwrap_or_default());
        let decreed = group["amount_decreed_cents"].as_i64().unwrap();
        match title {
            Some(shown) if decreed > 0 => assert!(shown.ends_with(" €"), "{name}: {shown}"),
            Some(shown) => assert_eq!(shown, "nessun importo decretato", "{name}"),
            None => panic!("{name} is not on the map"),
        }
    }
    let legend = page.body.split("id=\"map-legend\"").nth(1).and_then(|rest| rest.split("</ul>").next()).unwrap();
    assert_eq!(legend.matches("<li").count(), 6, "nothing decreed, then five classes");
    assert!(legend.contains("fill=\"#ffffff\""));
    assert!(!get(&app, "/programma/cruscotto?regione=Liguria").await.body.contains("id=\"map\""), "Italy only");
});
