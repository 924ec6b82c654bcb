//! `demo`: demo organisations and accounts, a synthetic catalogue, or the
//! programme at national scale, written through the same rules as users'.

use crate::config::{DataArgs, FileConfig};
use crate::failure::Failure;
use crate::serve::open;
use clap::Args;
use cloudpa_domain::message::Message;
use cloudpa_store::blobs::BlobStore;
use cloudpa_store::catalogue::import::RowOutcome;
use cloudpa_store::{Actor, Store};
use cloudpa_workflows::Now;

#[derive(Debug, Args)]
pub struct DemoArgs {
    #[command(flatten)]
    data: DataArgs,
    /// Add a synthetic catalogue of this many services (providers, infrastructures,
    /// histories with suspensions), for demonstrations and benchmarks.
    #[arg(long)]
    listings: Option<usize>,
    /// Seed of the synthetic catalogue: the same seed gives the same catalogue.
    #[arg(long, default_value_t = 2026)]
    seed: u64,
    /// `national`: the whole programme at national scale — the 7,895 Comuni
    /// of today with a 2011 census population and 5,039 schools, 12,934 applications, inventories and about
    /// 150,000 service choices, a contract per project contracted or later and
    /// a compliance form per service of those (synthetic; into a database
    /// without enti).
    #[arg(long, value_parser = ["national"])]
    scale: Option<String>,
}

pub async fn demo(args: DemoArgs, file: &FileConfig) -> Result<(), Failure> {
    let config = args.data.resolve(file)?;
    let store = open(&config).await?;
    match (args.listings, args.scale) {
        (Some(count), _) => {
            synthetic_catalogue(&store, count, args.seed).await?;
        }
        (None, Some(_)) => national(&store, args.seed).await?,
        (None, None) => {
            let blobs = config.blobs().await?;
            if seed(&store, &blobs).await? == 0 {
                println!("the database already has organisations: demo data not added");
            }
        }
    }
    store.close().await;
    Ok(())
}

/// `demo --scale national`: the picture, then its forms, each in one
/// transaction. Run again after an interruption (a kill, a power cut), it
/// writes what is missing: the picture if it is not there, the forms if
/// they are not; a finished run is left as it is.
async fn national(store: &Store, seed: u64) -> Result<(), Failure> {
    let now = Now::read();
    if store.national_picture_written().await? {
        println!("national picture: already written");
    } else {
        let started = std::time::Instant::now();
        let s = store.seed_national(&Actor::cli(), seed, now.today, now.ms).await?;
        println!(
            "national picture: {} enti, {} applications, {} service choices, {} inventory services, {} sites in {} ms (seed {})",
            s.enti,
            s.applications,
            s.choices,
            s.inventory,
            s.sites,
            started.elapsed().as_millis(),
            seed
        );
    }
    if store.attestation_record_counts().await? != (0, 0) {
        println!("national forms: already written");
        return Ok(());
    }
    national_forms(store, seed, now).await
}

/// The asseverazione of the national picture: suppliers, ranges, a contract
/// per project contracted or later, a compliance form per service; prints
/// what it wrote and the mistakes planted.
async fn national_forms(store: &Store, seed: u64, now: Now) -> Result<(), Failure> {
    let started = std::time::Instant::now();
    let f = cloudpa_workflows::attestation::national::seed_forms(store, &Actor::cli(), seed, now)
        .await
        .map_err(|e| Failure::Found(crate::failure::one_line(&e.to_string())))?;
    if f.listings_imported > 0 {
        println!("synthetic catalogue: {} services (the picture had none)", f.listings_imported);
    }
    println!(
        "national forms: {} suppliers, {} ranges on {} infrastructures, {} contracts, {} compliance forms \
         ({} submitted, {} drafts) on {} projects in {} ms; {} forms fail at least one pre-check",
        f.suppliers,
        f.ranges,
        f.infrastructures,
        f.contracts,
        f.forms,
        f.submitted,
        f.forms - f.submitted,
        f.projects,
        started.elapsed().as_millis(),
        f.forms_failing
    );
    let share = |n: usize, of: usize| if of == 0 { 0.0 } else { n as f64 * 100.0 / of as f64 };
    for (mistake, (planted, could)) in &f.planted {
        println!("  mistake {:<26} {planted:>6} of {could:>6} ({:.1}%)", mistake.code(), share(*planted, *could));
    }
    for (check, failed) in &f.failed {
        println!("  check {check:<28} fails on {failed:>6} forms ({:.1}%)", share(*failed, f.forms));
    }
    Ok(())
}

/// 400 real rows of the PA digitale 2026 open data, for the demo dashboards.
const OPEN_DATA_SAMPLE: &[u8] = include_bytes!("../../../data/samples/candidature_finanziate_12_campione.csv");

/// Services in the synthetic catalogue `serve --demo` adds.
const DEMO_LISTINGS: usize = 300;

/// Imports `count` synthetic services; prints what it did.
async fn synthetic_catalogue(store: &Store, count: usize, seed: u64) -> Result<(), Failure> {
    let started = std::time::Instant::now();
    let now = Now::read();
    let records: Vec<_> = cloudpa_store::catalogue::synthetic::catalogue(count, seed, now.today)
        .into_iter()
        .enumerate()
        .map(|(i, r)| (i as u64 + 1, r))
        .collect();
    let outcomes = store.import_catalogue(&Actor::cli(), "synthetic", &records, now.ms).await?;
    let imported = outcomes.iter().filter(|(_, o)| matches!(o, RowOutcome::Imported { .. })).count();
    println!(
        "synthetic catalogue: {imported} of {count} services imported in {} ms (seed {seed})",
        started.elapsed().as_millis()
    );
    Ok(())
}

/// Demo organisations and accounts, then the demo provider's listings: one
/// qualified IaaS and one SaaS waiting for review; the synthetic catalogue,
/// the open data sample, the programme, and the asseverazione of Masone's
/// project.
pub(crate) async fn seed(store: &Store, blobs: &BlobStore) -> Result<usize, Failure> {
    let now = Now::read();
    let created = store.seed_demo(now.ms).await?;
    if created > 0 {
        println!("demo accounts (password `{}`):", cloudpa_store::demo::DEMO_PASSWORD);
        for (email, role, org) in cloudpa_store::demo::demo_accounts() {
            println!("  {email:<45} {:<9} {org}", role.code());
        }
        let listings = cloudpa_workflows::qualification::demo::seed(store, blobs, now)
            .await
            .map_err(|e| Failure::found(Message::new("cli-demo-listings").arg("error", e.to_string())))?;
        println!("demo listings: {listings} (one qualified, one waiting in the agency's queue)");
        synthetic_catalogue(store, DEMO_LISTINGS, 2026).await?;
        let (rows, rejected) = cloudpa_store::programme::financed::read_open_data(OPEN_DATA_SAMPLE, |_| {});
        let summary = store
            .import_financed_applications(
                &Actor::cli(),
                "candidature_finanziate_12_campione.csv",
                &rows,
                rejected,
                now.ms,
            )
            .await?;
        println!("open data: {} financed applications (a real sample of PA digitale 2026)", summary.imported);
        let projects = cloudpa_workflows::programme::demo::seed(store, now)
            .await
            .map_err(|e| Failure::found(Message::new("cli-demo-programme").arg("error", e.to_string())))?;
        println!(
            "programme: an open call, {projects} financed project (Genova, CUP due in 5 days), a delegation, a team"
        );
        let attestation = cloudpa_workflows::attestation::demo::seed(store, blobs, now)
            .await
            .map_err(|e| Failure::found(Message::new("cli-demo-attestation").arg("error", e.to_string())))?;
        if let Some(a) = attestation {
            println!(
                "asseverazione: Masone's completed project on a closed call, its contract, {} compliance forms \
                 ({} draft, {} submitted failing pre-checks), the demo attestor at work (verdicts, a request for \
                 documents, a live verification)",
                a.forms, a.drafts, a.failing
            );
        }
    }
    Ok(created)
}
