//! loa: Markdown explainers → one static site for the portal, the newspaper and the
//! broadcasters. See ARCHITECTURE.md for the map.

pub mod build;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod help;
pub mod messages;
pub mod outputs;
pub mod publish;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod text;
pub mod theme;
pub mod timings;
pub mod unchanged;
pub mod yaml;
