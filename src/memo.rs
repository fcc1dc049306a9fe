//! What `loa serve` remembers between rebuilds: the renders (`render::memo`) and the
//! channels' work (`outputs::ChannelMemo`), each keyed by the hash of its inputs, so a
//! reused result is what a fresh build would make. It lives here, above the channels
//! with `build` and `serve`, which hand each layer its own part: lower layers never
//! import this module.

use std::sync::Arc;

use crate::outputs::ChannelMemo;
use crate::render::memo::MemoStats;

#[derive(Default)]
pub struct Memo {
    pub render: Arc<crate::render::memo::Memo>,
    pub channels: ChannelMemo,
    /// Each page's editor warnings (`check::editor_checks`).
    pub checks: crate::render::memo::Store<crate::diagnostics::Diagnostics>,
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
}

impl Memo {
    /// A build starts: entries the previous build did not use are dropped after it.
    pub fn start_build(&self) {
        self.render.start_build();
        self.channels.turn();
        self.checks.turn();
    }

    /// How much of the builds since the last call was rendered and how much reused.
    pub fn take_stats(&self) -> MemoStats {
        self.render.take_stats()
    }
}
