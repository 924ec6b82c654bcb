use crate::AppState;
use crate::problem::Problem;
use axum::extract::State;
use axum::http::StatusCode;

/// Whether the service and its database answer.
#[utoipa::path(
    get,
    path = "/api/v1/status",
    tag = "status",
    responses(
        (status = 200, description = "The service is up", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database does not answer", body = Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn status(State(state): State<AppState>) -> Problem {
    if state.store.ping().await {
        Problem::ok()
    } else {
        Problem::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable")
            .detail(cloudpa_domain::message::Message::new("web-database-down"))
            .retry_after(30)
    }
}
