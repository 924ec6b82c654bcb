//! The ente's pages of the asseverazione.
