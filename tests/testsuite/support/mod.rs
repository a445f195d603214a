//! What the tests share.

pub mod chromium;
pub mod company;
pub mod contract;
