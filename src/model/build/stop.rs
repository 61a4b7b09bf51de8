//! Volume risk (`stop:`): a municipality that may stop running the course after a year, e.g.
//! when the pre-financing ends.

use super::*;

impl<'a> Builder<'a> {
    /// `stop: {after, probability}` at `field`.
    pub(super) fn stop(&mut self, sf: FileId, s: &At<raw::Stop>, field: &str) -> Option<Stop> {
        let f = sf;
        let after = self.year_in_horizon(f, &s.value.after, &format!("{field}.after"));
        let probability = self.exact(
            f,
            &s.value.probability,
            &format!("{field}.probability"),
            Domain::Share,
        );
        Some(Stop {
            after: after?,
            probability: probability?,
        })
    }
}
