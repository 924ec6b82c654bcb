//! `serve` and `migrate`: opening the database and running the server.

use crate::config::{DataArgs, DataConfig, FileConfig};
use crate::failure::Failure;
use clap::Args;
use cloudpa_domain::attestation::addresses::{Prefix, PrefixError, parse_address};
use cloudpa_domain::message::Message;
use cloudpa_search::Catalogue;
use cloudpa_store::Store;
use cloudpa_web::{AppState, Publisher, Secret, WebConfig};
use cloudpa_workflows::Now;
use cloudpa_workflows::jobs::Worker;
use cloudpa_workflows::notifications::Mailer;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    data: DataArgs,
    /// Address to listen on.
    #[arg(long, env = "CLOUDPA_ADDR")]
    addr: Option<String>,
    /// Seed demo organisations and accounts when the database is empty.
    #[arg(long)]
    demo: bool,
    /// Address users reach the service at; `https://…` marks cookies `Secure`.
    #[arg(long, env = "CLOUDPA_PUBLIC_URL")]
    public_url: Option<String>,
    /// Requests per minute per client; 0 disables the limit (benchmarks).
    #[arg(long, env = "CLOUDPA_RATE_LIMIT")]
    rate_limit: Option<u32>,
    /// SMTP server for notifications (`smtps://user:password@host:465`); without it,
    /// notifications are written to DATA_DIR/mailbox and shown at /posta.
    #[arg(long, env = "CLOUDPA_SMTP_URL", hide_env_values = true)]
    smtp_url: Option<String>,
    /// Sender of notifications.
    #[arg(long, env = "CLOUDPA_MAIL_FROM")]
    mail_from: Option<String>,
    /// ClamAV daemon (`host:port`) that scans every upload; uploads are refused when it is down.
    #[arg(long, env = "CLOUDPA_CLAMD_ADDR")]
    clamd_addr: Option<String>,
    /// Bearer token that `GET /metrics` on the service's address requires;
    /// without it (and without --metrics-addr) metrics are not served.
    #[arg(long, env = "CLOUDPA_METRICS_TOKEN", hide_env_values = true)]
    metrics_token: Option<String>,
    /// Separate address (e.g. 127.0.0.1:9090) serving `GET /metrics` without a
    /// token, for a monitoring network that users cannot reach.
    #[arg(long, env = "CLOUDPA_METRICS_ADDR")]
    metrics_addr: Option<String>,
    /// TOML file with the settings of sign-in through SPID/CIE or a broker
    /// (docs/identity.md); without it, only local accounts sign in.
    #[arg(long, env = "CLOUDPA_IDENTITY_CONFIG")]
    identity_config: Option<std::path::PathBuf>,
    /// A load balancer or reverse proxy in front of the service (an address
    /// or a network, e.g. 10.0.0.0/8; repeat the flag or separate with
    /// commas): behind it the client is the address it forwards in
    /// X-Forwarded-For. Without one, X-Forwarded-For is ignored.
    #[arg(long = "trusted-proxy", env = "CLOUDPA_TRUSTED_PROXIES", value_delimiter = ',')]
    trusted_proxies: Vec<String>,
    /// Benchmarks only: `GET /bench/static` answers with this many bytes, the
    /// baseline search throughput is compared with.
    #[arg(long, hide = true)]
    bench_static_bytes: Option<usize>,
}

/// The networks of `--trusted-proxy`: each a prefix, or one address.
fn trusted_proxies(texts: &[String]) -> Result<Vec<Prefix>, Failure> {
    let one = |text: &str| -> Result<Prefix, Message> {
        match text.parse::<Prefix>() {
            Err(PrefixError::NoSlash(_)) => {
                let ip = parse_address(text).map_err(|e| e.message())?;
                let len = if ip.is_ipv4() { 32 } else { 128 };
                format!("{ip}/{len}").parse().map_err(|e: PrefixError| e.message())
            }
            parsed => parsed.map_err(|e| e.message()),
        }
    };
    let refused = |e: Message| Failure::config(Message::new("cli-trusted-proxy").arg("error", e));
    texts.iter().map(|text| one(text).map_err(refused)).collect()
}

/// Connects, migrates and loads the reference data.
pub async fn open(config: &DataConfig) -> Result<Store, Failure> {
    let store = Store::connect(&config.database_url).await?;
    store.migrate().await?;
    for report in store.load_reference_data(Now::read().ms).await? {
        if report.loaded {
            tracing::info!(dataset = report.name, rows = report.rows, "reference data loaded");
        }
    }
    Ok(store)
}

pub async fn migrate(config: &DataConfig) -> Result<(), Failure> {
    let store = open(config).await?;
    println!("database at {} is up to date ({})", config.data_dir.display(), store.engine());
    store.close().await;
    Ok(())
}

pub async fn run(args: ServeArgs, file: &FileConfig) -> Result<(), Failure> {
    let data = args.data.resolve(file)?;
    let addr_text = args.addr.or_else(|| file.addr.clone()).unwrap_or_else(|| "127.0.0.1:8080".into());
    let addr: SocketAddr =
        addr_text.parse().map_err(|_| Failure::config(not_an_address("addr", &addr_text, "127.0.0.1:8080")))?;
    let proxies = if args.trusted_proxies.is_empty() { &file.trusted_proxies } else { &args.trusted_proxies };
    let trusted_proxies = trusted_proxies(proxies)?;
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
        Failure::config(Message::new("cli-cannot-listen").arg("addr", addr.to_string()).arg("error", e.to_string()))
    })?;
    let store = open(&data).await?;
    let blobs = data.blobs().await?;
    if args.demo {
        crate::demo::seed(&store, &blobs).await?;
    }
    let smtp_url = args.smtp_url.or_else(|| file.smtp_url.clone());
    let from = args
        .mail_from
        .or_else(|| file.mail_from.clone())
        .unwrap_or_else(|| "cloudpa <noreply@cloudpa.localhost>".into());
    let mailer = Mailer::new(smtp_url.as_deref(), &from, data.data_dir.join("mailbox")).map_err(Failure::Config)?;
    let defaults = WebConfig::default();
    let config = WebConfig {
        public_url: args.public_url.or_else(|| file.public_url.clone()).unwrap_or_else(|| format!("http://{addr}")),
        rate_limit_per_minute: args.rate_limit.or(file.rate_limit).unwrap_or(defaults.rate_limit_per_minute),
        mailbox_dir: mailer.mailbox_dir().map(Path::to_path_buf),
        clamd_addr: args.clamd_addr.or_else(|| file.clamd_addr.clone()),
        bench_static: args.bench_static_bytes.map(|n| axum::body::Bytes::from(vec![b' '; n])),
        metrics_token: args.metrics_token.or_else(|| file.metrics_token.clone()).map(Secret),
        identity: crate::identity::load(args.identity_config.as_deref().or(file.identity_config.as_deref()))?,
        trusted_proxies,
        publisher: Publisher {
            name: file.publisher_name.clone().unwrap_or(defaults.publisher.name),
            ipa_code: file.publisher_ipa_code.clone().unwrap_or(defaults.publisher.ipa_code),
            email: file.publisher_email.clone().unwrap_or(defaults.publisher.email),
        },
        ..defaults
    };
    if config.clamd_addr.is_none() {
        tracing::warn!("uploads are not scanned for malware: set CLOUDPA_CLAMD_ADDR to a ClamAV daemon");
    }
    let started = std::time::Instant::now();
    let catalogue = Arc::new(Catalogue::build(&store).await.map_err(|e| Failure::Found(e.to_string()))?);
    tracing::info!(listings = catalogue.len(), ms = started.elapsed().as_millis() as u64, "search index built");
    let (stop, stopped) = watch::channel(false);
    let workers = [
        tokio::spawn(cloudpa_workflows::refresh_catalogue_every(
            catalogue.clone(),
            store.clone(),
            Duration::from_secs(2),
            stopped.clone(),
        )),
        tokio::spawn(cloudpa_workflows::jobs::run(
            Worker {
                store: store.clone(),
                blobs: blobs.clone(),
                mailer,
                public_url: config.public_url.clone(),
                name: worker_name(),
            },
            Duration::from_secs(5),
            stopped.clone(),
        )),
        tokio::spawn(cloudpa_web::fold_metrics_every(Duration::from_secs(1), stopped)),
    ];
    let metrics_addr = args.metrics_addr.or_else(|| file.metrics_addr.clone());
    let state = AppState::new(store.clone(), blobs, catalogue, config);
    let metrics = match metrics_addr {
        Some(text) => Some(serve_metrics(&text, state.clone(), stop.subscribe()).await?),
        None => None,
    };
    let app = cloudpa_web::router(state);
    tracing::info!(%addr, engine = %store.engine(), "cloudpa listening on http://{addr}");
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| Failure::found(Message::new("cli-server-error").arg("error", e.to_string())))?;
    let _ = stop.send(true);
    for worker in workers.into_iter().chain(metrics) {
        let _ = worker.await;
    }
    store.close().await;
    tracing::info!("cloudpa stopped: requests finished, database closed");
    Ok(())
}

/// Serves `GET /metrics` alone on `addr_text` until `stop` changes.
async fn serve_metrics(
    addr_text: &str,
    state: AppState,
    mut stop: watch::Receiver<bool>,
) -> Result<tokio::task::JoinHandle<()>, Failure> {
    let addr: SocketAddr =
        addr_text.parse().map_err(|_| Failure::config(not_an_address("metrics-addr", addr_text, "127.0.0.1:9090")))?;
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
        let message = Message::new("cli-cannot-listen-metrics").arg("addr", addr.to_string());
        Failure::config(message.arg("error", e.to_string()))
    })?;
    tracing::info!(%addr, "metrics on http://{addr}/metrics");
    let shutdown = async move {
        let _ = stop.changed().await;
    };
    Ok(tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, cloudpa_web::metrics_router(state)).with_graceful_shutdown(shutdown).await
        {
            tracing::error!(error = %e, "metrics server failed");
        }
    }))
}

/// This process's name in the jobs it claims: host and process id.
fn worker_name() -> String {
    let host = std::fs::read_to_string("/etc/hostname").map(|h| h.trim().to_owned()).unwrap_or_default();
    format!("{}:{}", if host.is_empty() { "cloudpa" } else { &host }, std::process::id())
}

/// Resolves on SIGINT or SIGTERM; in-flight requests then finish.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutdown requested");
}

/// The rule of an `--option` that is not a socket address.
fn not_an_address(option: &str, text: &str, example: &str) -> Message {
    Message::new("cli-not-an-address").arg("option", option).arg("text", text).arg("example", example)
}
