//! The PNRR migration programme (Misura 1.2): calls and their windows, tariffs
//! and vouchers, admissible scenarios, service selection, CUP and deadlines.

pub mod call;
pub mod cup;
pub mod deadlines;
pub mod open_data;
pub mod reserve;
pub mod scenarios;
pub mod selection;
pub mod services;
pub mod settings;
pub mod tariff;
pub mod voucher;
pub mod window;
