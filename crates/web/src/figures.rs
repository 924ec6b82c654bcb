//! The programme's derived figures as of one data version. A request reads
//! the store's figures version once and takes every figure it shows from
//! it: a dashboard page shows four (its groups, the projects by state, the
//! sites, the targets), and on PostgreSQL each read of the version is a
//! round trip — with one read per figure, `bench/run` measured the warm
//! dashboards on PostgreSQL at 0.49× SQLite's throughput.

use crate::AppState;
use crate::problem::Problem;
use cloudpa_domain::programme::targets::Target;
use cloudpa_store::programme::enti::Comune;
use cloudpa_store::programme::stats::{EnteFigures, Figures as Totals, GroupBy, SiteFigures, StatsFilter};
use cloudpa_store::programme::tally::Tally;
use cloudpa_store::programme::timeline::ProgressDates;
use std::sync::Arc;

/// The figures of one data version.
pub(crate) struct Figures<'a> {
    state: &'a AppState,
    version: i64,
}

impl<'a> Figures<'a> {
    pub(crate) async fn now(state: &'a AppState) -> Result<Figures<'a>, Problem> {
        Ok(Figures { state, version: state.store.figures_version().await? })
    }

    /// The figures for `filter`, per group and in total.
    pub(crate) async fn application_stats(
        &self,
        group_by: GroupBy,
        filter: &StatsFilter<'_>,
    ) -> Result<Arc<(Vec<Totals>, Totals)>, Problem> {
        let key = format!("stats|{}|{filter:?}", group_by.code());
        let compute = async { Ok::<_, Problem>(self.tally().await?.stats(group_by, filter)) };
        self.state.memo.get(self.version, key, compute).await
    }

    /// Every application the figures count, read once per data version:
    /// each dashboard's figures are summed from it.
    async fn tally(&self) -> Result<Arc<Tally>, Problem> {
        self.state.memo.get(self.version, "tally".into(), self.state.store.tally()).await
    }

    /// The enti `filter` selects with their figures.
    pub(crate) async fn ente_figures(&self, filter: &StatsFilter<'_>) -> Result<Arc<Vec<EnteFigures>>, Problem> {
        let compute = async { Ok::<_, Problem>(self.tally().await?.enti(filter)) };
        self.state.memo.get(self.version, format!("enti|{filter:?}"), compute).await
    }

    /// The on-premise sites in `filter`'s area, and how many are closed.
    pub(crate) async fn site_figures(&self, filter: &StatsFilter<'_>) -> Result<Arc<SiteFigures>, Problem> {
        self.state.memo.get(self.version, format!("sites|{filter:?}"), self.state.store.site_figures(filter)).await
    }

    /// The PNRR targets.
    pub(crate) async fn programme_targets(&self) -> Result<Arc<Vec<Target>>, Problem> {
        self.state.memo.get(self.version, "targets".into(), self.state.store.programme_targets()).await
    }

    /// The days each ente was first financed and first migrated.
    pub(crate) async fn progress_dates(&self) -> Result<Arc<ProgressDates>, Problem> {
        self.state.memo.get(self.version, "progress".into(), self.state.store.progress_dates()).await
    }

    /// Every municipality with the ente page of its Comune, for "il mio
    /// Comune" (an import creates enti, and moves the version).
    pub(crate) async fn comuni(&self) -> Result<Arc<Vec<Comune>>, Problem> {
        self.state.memo.get(self.version, "comuni".into(), self.state.store.comuni()).await
    }
}
