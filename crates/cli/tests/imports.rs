//! Imports and demo data through the `cloudpa` binary: every row imported
//! or rejected with its line, re-imports idempotent.

mod common;

use common::*;

#[test]
fn import_calls_accounts_for_every_row() {
    let dir = TempDir::new();
    let file = dir.path().join("avvisi.csv");
    let header = "titolo,misura,data_inizio_bando,data_fine_bando,stato,totale_importo_stanziato,\
                  totale_importo_misura,soggetti_destinatari\n";
    let taken = "\"Avviso di prova - Comuni\",\"1.2 Abilitazione e facilitazione migrazione al Cloud\",2026-01-10,\
                 2026-03-10,APERTO,1000000.5,987000000.0,Comuni\n\
                 \"Avviso senza data\",\"1.4.1 Esperienza del cittadino\",,2026-03-10,APERTO,10,10,Comuni\n\
                 \"Avviso con importo errato\",\"1.4.1 Esperienza del cittadino\",2026-01-10,2026-03-10,APERTO,\"1,5\",10,Scuole\n\
                 \"Secondo avviso\",\"1.3.1 PDND\",2026-02-01,2026-02-28,APERTO,20,30,\"Comuni;Scuole\"\n";
    let unidentified = "\"Secondo  avviso\",\"1.3.1 PDND\",2026-02-01,2026-02-28,APERTO,20,30,Comuni\n\
                        ,\"1.3.1 PDND\",2026-02-01,2026-02-28,APERTO,20,30,Comuni\n";
    std::fs::write(&file, format!("{header}{taken}{unidentified}")).unwrap();
    let output = run(&["import", "calls", &file.display().to_string(), "--data-dir", &dir.arg()]);
    assert_eq!(output.status.code(), Some(1), "rows that name no call are found problems");
    let stdout = text(&output.stdout);
    assert!(stdout.contains("4 imported, 2 rejected; 2 data-quality findings"), "{stdout}");
    let stderr = text(&output.stderr);
    assert!(stderr.contains("avvisi.csv:6: rejected: titolo: the call of line 5 has the same title"), "{stderr}");
    assert!(stderr.contains("avvisi.csv:7: rejected: field `titolo`"), "{stderr}");
    assert!(!stderr.contains("avvisi.csv:3") && !stderr.contains("avvisi.csv:4"), "{stderr}");

    std::fs::write(&file, format!("{header}{taken}")).unwrap();
    let again = run(&["import", "calls", &file.display().to_string(), "--data-dir", &dir.arg()]);
    assert_eq!(again.status.code(), Some(0), "every row taken, findings or not: {}", text(&again.stderr));
    assert!(text(&again.stdout).contains("4 imported, 0 rejected; 2 data-quality findings"), "re-import is idempotent");
    let verify = run(&["audit", "verify", "--data-dir", &dir.arg()]);
    let expected = format!("{} entries", cloudpa_store::reference::DATASETS.len() + 2);
    assert!(text(&verify.stdout).contains(&expected), "{}", text(&verify.stdout));

    let missing = run(&["import", "calls", "/nonexistent.csv", "--data-dir", &dir.arg()]);
    assert_config_error(&missing, "cannot read /nonexistent.csv");
}

#[test]
fn import_listings_accounts_for_every_row_and_is_idempotent() {
    let dir = TempDir::new();
    let file = dir.path().join("catalogo.csv");
    let sample =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/samples/catalogo_esempio.csv"))
            .unwrap();
    let bad = [
        "12345670018,Altro S.r.l.,,DC,IT,Posta,SaaS,QC1,Collaborazione,,IT,,,,qualified:2024-01-01",
        "12345670017,Nuvola Esempio S.r.l.,,DC,IT,Paghe,SaaS,QC1,Personale,,IT,,,SLI42=1h,qualified:2024-01-01",
        "12345670017,Nuvola Esempio S.r.l.,,DC,IT,Tributi,SaaS,QC1,Tributi,,IT,,,,suspended:2024-01-01",
        "12345670017,Nuvola Esempio S.r.l.,,DC,IT,\"Anagrafe,SaaS,QC1,Servizi demografici,,IT,,,,qualified:2024-01-01",
    ];
    std::fs::write(&file, format!("{sample}{}\n", bad.join("\n"))).unwrap();
    let data = dir.path().join("data");
    let args = ["import", "listings", file.to_str().unwrap(), "--data-dir", data.to_str().unwrap()];
    let first = run(&args);
    let stderr = text(&first.stderr);
    assert_eq!(first.status.code(), Some(1), "rejections are found problems: {stderr}");
    assert!(
        text(&first.stdout).contains("4 imported, 0 already in the catalogue, 2 rejected; 2 data-quality findings"),
        "{}",
        text(&first.stdout)
    );
    for (line, reason) in [(6, "history: must start with a qualification"), (7, "not valid CSV")] {
        let expected = format!("catalogo.csv:{line}: rejected: {reason}");
        assert!(stderr.lines().any(|l| l.contains(&expected)), "`{expected}` not in:\n{stderr}");
    }
    // Lines 4 (a VAT number's check digit) and 5 (a level of no AgID indicator) are taken.
    assert!(!stderr.contains("catalogo.csv:4:") && !stderr.contains("catalogo.csv:5:"), "{stderr}");
    let again = run(&args);
    assert!(
        text(&again.stdout).contains("0 imported, 4 already in the catalogue, 2 rejected; 2 data-quality findings"),
        "{}",
        text(&again.stdout)
    );
}

#[test]
fn demo_generates_a_synthetic_catalogue() {
    let dir = TempDir::new();
    let output = run(&["demo", "--listings", "250", "--data-dir", &dir.arg()]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).contains("synthetic catalogue: 250 of 250 services imported"),
        "{}",
        text(&output.stdout)
    );
}

#[test]
fn demo_writes_the_national_picture_once() {
    let dir = TempDir::new();
    let output = run(&["demo", "--scale", "national", "--data-dir", &dir.arg()]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).contains("national picture: 12934 enti, 12934 applications"),
        "{}",
        text(&output.stdout)
    );
    let again = run(&["demo", "--scale", "national", "--data-dir", &dir.arg()]);
    assert!(again.status.success(), "a second run completes what is missing, here nothing");
    assert_eq!(text(&again.stdout), "national picture: already written\nnational forms: already written\n");
    let demo = TempDir::new();
    assert!(run(&["demo", "--data-dir", &demo.arg()]).status.success());
    let refused = run(&["demo", "--scale", "national", "--data-dir", &demo.arg()]);
    assert!(!refused.status.success(), "no picture over enti of another origin");
    assert_eq!(text(&refused.stderr).trim().lines().count(), 1, "one line: {}", text(&refused.stderr));
    assert!(text(&refused.stderr).contains("fresh database"), "{}", text(&refused.stderr));
    let unknown = run(&["demo", "--scale", "world", "--data-dir", &dir.arg()]);
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn import_applications_reads_the_real_sample_and_reimports_nothing() {
    let dir = TempDir::new();
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/samples/candidature_finanziate_12_campione.csv");
    let args = ["import", "applications", file, "--data-dir", &dir.arg()];
    let first = run(&args);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(
        text(&first.stdout).contains("400 imported, 0 updated, 0 unchanged, 0 rejected; 399 enti created"),
        "{}",
        text(&first.stdout)
    );
    let again = run(&args);
    assert!(
        text(&again.stdout).contains("0 imported, 0 updated, 400 unchanged, 0 rejected; 0 enti created"),
        "{}",
        text(&again.stdout)
    );

    // A field that breaks its rule is kept with a finding: the command succeeds.
    let sample = std::fs::read_to_string(file).unwrap();
    let mut lines: Vec<String> = sample.lines().take(3).map(str::to_owned).collect();
    lines[2] = lines[2].replacen(",013075,", ",000000,", 1);
    let imperfect = dir.path().join("imperfect.csv");
    std::fs::write(&imperfect, lines.join("\n")).unwrap();
    let output = run(&["import", "applications", imperfect.to_str().unwrap(), "--data-dir", &dir.arg()]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).contains("0 rejected; 0 enti created; 1 data-quality findings"),
        "{}",
        text(&output.stdout)
    );

    // A row of an unknown ente with a code no municipality had cannot be placed.
    lines.push(lines[2].replacen("C_C933", "C_X999", 1));
    let broken = dir.path().join("broken.csv");
    std::fs::write(&broken, lines.join("\n")).unwrap();
    let output = run(&["import", "applications", broken.to_str().unwrap(), "--data-dir", &dir.arg()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr)
            .contains("broken.csv:4: rejected: cod_comune: `000000` is no municipality's ISTAT code since 2011"),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn import_services_replaces_the_provisional_list_of_a_call() {
    let dir = TempDir::new();
    let file = dir.path().join("servizi.csv");
    std::fs::write(&file, "codice,servizio\nT1,TRIBUTI MINORI\nT2,CANONI\n").unwrap();
    let call = "1-2-abilitazione-al-cloud-comuni-luglio-2025";
    let ok = run(&["import", "services", call, file.to_str().unwrap(), "--data-dir", &dir.arg()]);
    assert!(ok.status.success(), "{}", text(&ok.stderr));
    assert!(text(&ok.stdout).contains(&format!("2 services loaded for `{call}` as version 1")), "{}", text(&ok.stdout));
    let unknown = run(&["import", "services", "no-such-call", file.to_str().unwrap(), "--data-dir", &dir.arg()]);
    assert_config_error(&unknown, "no call `no-such-call`");
    std::fs::write(&file, "codice,servizio\nT1,CANONI\nT1,TARI\n").unwrap();
    let bad = run(&["import", "services", call, file.to_str().unwrap(), "--data-dir", &dir.arg()]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(text(&bad.stderr).contains("servizi.csv:3: rejected: codice `T1` appears twice"), "{}", text(&bad.stderr));
}
