//! The PNRR migration programme (Misura 1.2): calls and their windows, tariffs
//! and vouchers, admissible scenarios, the ente's inventory and delegations,
//! applications and their lifecycle, service selection, CUP and deadlines,
//! territorial teams and the PNRR targets.

pub mod application;
pub mod call;
pub mod call_row;
pub mod classification;
pub mod cup;
pub mod deadlines;
pub mod delegation;
pub mod ente;
pub mod figures;
pub mod frozen;
pub mod inventory;
pub mod open_data;
pub mod open_data_format;
pub mod quality;
pub mod reserve;
pub mod scenarios;
pub mod selection;
pub mod services;
pub mod settings;
pub mod stepper;
pub mod steps;
pub mod targets;
pub mod tariff;
pub mod teams;
pub mod territory;
pub mod timeline;
pub mod voucher;
pub mod window;
