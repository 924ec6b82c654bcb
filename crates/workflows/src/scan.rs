//! Virus scanning of uploads with ClamAV's daemon (`clamd`), over TCP with the
//! `zINSTREAM` command. When a scanner is configured, an upload it cannot
//! reach is refused (fail closed); without one, uploads are stored unscanned
//! and `serve` says so at start.

use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// ClamAV's verdict on a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Clean,
    Infected(String),
}

/// Scans `content` with the clamd listening at `addr` (`host:port`).
pub async fn clamd(addr: &str, content: &[u8]) -> Result<Verdict, String> {
    tokio::time::timeout(Duration::from_secs(30), instream(addr, content))
        .await
        .map_err(|_| "the virus scanner did not answer in 30 s".to_owned())?
}

async fn instream(addr: &str, content: &[u8]) -> Result<Verdict, String> {
    let mut stream = TcpStream::connect(addr).await.map_err(|e| format!("virus scanner at {addr}: {e}"))?;
    let io = |e: std::io::Error| format!("virus scanner: {e}");
    stream.write_all(b"zINSTREAM\0").await.map_err(io)?;
    for chunk in content.chunks(64 * 1024) {
        stream.write_all(&(chunk.len() as u32).to_be_bytes()).await.map_err(io)?;
        stream.write_all(chunk).await.map_err(io)?;
    }
    stream.write_all(&0u32.to_be_bytes()).await.map_err(io)?;
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).await.map_err(io)?;
    parse(&String::from_utf8_lossy(&reply))
}

/// `stream: OK`, `stream: NAME FOUND`, or an error such as
/// `INSTREAM size limit exceeded. ERROR`.
fn parse(reply: &str) -> Result<Verdict, String> {
    let reply = reply.trim_end_matches(['\0', '\n']).trim();
    match reply.strip_prefix("stream: ") {
        Some("OK") => Ok(Verdict::Clean),
        Some(rest) if rest.ends_with(" FOUND") => Ok(Verdict::Infected(rest.trim_end_matches(" FOUND").to_owned())),
        _ => Err(format!("virus scanner: {reply}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_clamd_replies() {
        assert_eq!(parse("stream: OK\0"), Ok(Verdict::Clean));
        assert_eq!(parse("stream: Eicar-Signature FOUND\0"), Ok(Verdict::Infected("Eicar-Signature".into())));
        assert!(parse("INSTREAM size limit exceeded. ERROR\0").is_err());
    }

    #[tokio::test]
    async fn an_unreachable_scanner_is_an_error() {
        assert!(clamd("127.0.0.1:1", b"%PDF-").await.is_err());
    }
}
