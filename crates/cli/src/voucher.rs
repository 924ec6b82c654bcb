//! `voucher`: the Avviso 1.2 Comuni quote, from the tariff embedded in the
//! binary (the same file the database is loaded from).

use crate::failure::Failure;
use clap::Args;
use cloudpa_domain::programme::voucher;
use cloudpa_i18n::Lang;
use cloudpa_workflows::programme::voucher_quote::VoucherQuoteBody;

#[derive(Debug, Args)]
pub struct VoucherArgs {
    /// Resident population of the municipality.
    #[arg(long)]
    population: u64,
    /// Services migrated with type A (rehost to qualified IaaS).
    #[arg(long)]
    rehost: u32,
    /// Services migrated with type B (upgrade to qualified PaaS or SaaS).
    #[arg(long)]
    upgrade: u32,
}

pub fn run(args: &VoucherArgs) -> Result<(), Failure> {
    let tariff = cloudpa_store::reference::embedded_comuni_tariff()?;
    let quote = voucher::quote(&tariff, args.population, args.rehost, args.upgrade)
        .map_err(|e| Failure::Config(Lang::En.text(&e.message())))?;
    let json = serde_json::to_string(&VoucherQuoteBody::from(quote)).map_err(|e| Failure::Found(e.to_string()))?;
    println!("{json}");
    Ok(())
}
