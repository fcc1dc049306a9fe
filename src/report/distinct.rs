//! An approximate count of distinct readers that stays small whatever the log's size:
//! exact up to 256, then a HyperLogLog sketch of 4,096 one-byte registers
//! (standard error 1.6 %), read with Ertl's improved estimator, which has no bias to
//! correct at small or large counts ("New cardinality estimation algorithms for
//! HyperLogLog sketches", 2017).
//!
//! It counts 64-bit hashes; the caller hashes with a key made for the run, so nothing
//! kept here can be turned back into an address.

/// Registers: 2^12.
const P: u32 = 12;
const M: usize = 1 << P;
/// Distinct hashes kept exactly before switching to the sketch.
const EXACT_MAX: usize = M / 16;
/// Hashes held before repeats are taken out (at most as many bytes as the sketch).
const EXACT_ROOM: usize = M / 8;

#[derive(Debug, Clone)]
pub enum Distinct {
    /// Hashes as they came, repeats included until there is no more room.
    Exact(Vec<u64>),
    Sketch(Box<[u8; M]>),
}

impl Default for Distinct {
    fn default() -> Self {
        Distinct::Exact(Vec::new())
    }
}

impl Distinct {
    pub fn insert(&mut self, hash: u64) {
        match self {
            Distinct::Exact(seen) => {
                if seen.len() == EXACT_ROOM {
                    seen.sort_unstable();
                    seen.dedup();
                    if seen.len() > EXACT_MAX {
                        let mut sketch = Box::new([0u8; M]);
                        seen.iter().for_each(|&h| register(&mut sketch, h));
                        register(&mut sketch, hash);
                        *self = Distinct::Sketch(sketch);
                        return;
                    }
                }
                seen.push(hash);
            }
            Distinct::Sketch(registers) => register(registers, hash),
        }
    }

    /// Everything `other` counted, counted here too (each distinct hash once).
    pub fn merge(&mut self, other: &Distinct) {
        match other {
            Distinct::Exact(hashes) => hashes.iter().for_each(|&h| self.insert(h)),
            Distinct::Sketch(theirs) => {
                if let Distinct::Exact(seen) = self {
                    let mut sketch = Box::new([0u8; M]);
                    seen.iter().for_each(|&h| register(&mut sketch, h));
                    *self = Distinct::Sketch(sketch);
                }
                if let Distinct::Sketch(mine) = self {
                    for (a, b) in mine.iter_mut().zip(theirs.iter()) {
                        *a = (*a).max(*b);
                    }
                }
            }
        }
    }

    pub fn estimate(&self) -> u64 {
        match self {
            Distinct::Exact(seen) => {
                let mut unique = seen.clone();
                unique.sort_unstable();
                unique.dedup();
                unique.len() as u64
            }
            Distinct::Sketch(registers) => ertl_estimate(registers).round() as u64,
        }
    }
}

fn register(registers: &mut [u8; M], hash: u64) {
    let index = (hash >> (64 - P)) as usize;
    // The rank of the first 1 bit among the remaining 52, counting from 1; a sentinel
    // bit bounds it at 53.
    let rest = (hash << P) | (1 << (P - 1));
    let rank = rest.leading_zeros() as u8 + 1;
    if registers[index] < rank {
        registers[index] = rank;
    }
}

fn ertl_estimate(registers: &[u8; M]) -> f64 {
    let q = 64 - P as usize;
    let mut counts = vec![0u32; q + 2];
    for &r in registers.iter() {
        counts[usize::from(r).min(q + 1)] += 1;
    }
    let m = M as f64;
    let mut z = m * tau(1.0 - f64::from(counts[q + 1]) / m);
    for k in (1..=q).rev() {
        z = 0.5 * (z + f64::from(counts[k]));
    }
    z += m * sigma(f64::from(counts[0]) / m);
    let alpha_inf = 1.0 / (2.0 * std::f64::consts::LN_2);
    alpha_inf * m * m / z
}

fn sigma(mut x: f64) -> f64 {
    if x == 1.0 {
        return f64::INFINITY;
    }
    let (mut y, mut z) = (1.0, x);
    loop {
        x *= x;
        let before = z;
        z += x * y;
        y += y;
        if z == before {
            return z;
        }
    }
}

fn tau(mut x: f64) -> f64 {
    if x == 0.0 || x == 1.0 {
        return 0.0;
    }
    let (mut y, mut z) = (1.0, 1.0 - x);
    loop {
        x = x.sqrt();
        let before = z;
        y *= 0.5;
        z -= (1.0 - x).powi(2) * y;
        if z == before {
            return z / 3.0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn small_counts_are_exact_and_large_ones_within_a_few_percent() {
        let keyed = std::collections::hash_map::RandomState::new();
        for n in [0u64, 1, 7, 512, 513, 2_000, 10_000, 30_000, 200_000, 1_000_000] {
            let mut d = Distinct::default();
            for i in 0..n {
                // Every value twice: repeats never count.
                d.insert(keyed.hash_one(i));
                d.insert(keyed.hash_one(i));
            }
            let estimate = d.estimate() as f64;
            if n as usize <= EXACT_MAX {
                assert_eq!(estimate as u64, n);
            } else {
                let error = (estimate - n as f64).abs() / n as f64;
                assert!(error < 0.06, "n = {n}: estimate {estimate}, error {error}");
            }
        }
    }

    #[test]
    fn merging_counts_the_union() {
        let keyed = std::collections::hash_map::RandomState::new();
        let (mut a, mut b, mut c) = (Distinct::default(), Distinct::default(), Distinct::default());
        for i in 0..50_000u64 {
            a.insert(keyed.hash_one(i));
        }
        for i in 40_000..60_000u64 {
            b.insert(keyed.hash_one(i));
        }
        for i in 59_990..60_010u64 {
            c.insert(keyed.hash_one(i));
        }
        b.merge(&c);
        a.merge(&b);
        let error = (a.estimate() as f64 - 60_010.0).abs() / 60_010.0;
        assert!(error < 0.06, "{}", a.estimate());
        let mut small = Distinct::default();
        small.merge(&c);
        assert_eq!(small.estimate(), 20);
    }
}
