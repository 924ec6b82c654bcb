//! The attestor's and the programme office's pages of the asseverazione.
