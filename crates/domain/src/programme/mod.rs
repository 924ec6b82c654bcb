//! The PNRR migration programme (Misura 1.2): calls, tariffs and vouchers.

pub mod call;
pub mod tariff;
pub mod voucher;
