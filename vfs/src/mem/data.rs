//! The contents of an in-memory regular file: [`Data`], a sparse byte
//! array.
//!
//! Owns the bytes and what they cost. A file is a logical length plus
//! chunks of at most [`CHUNK`] bytes keyed by their index; a chunk holds
//! only the bytes written so far (its tail and missing chunks read as
//! zeros). So a write at offset 2^39 costs one small chunk, not 512 GiB,
//! and `set_len` to a large size costs nothing. It does not check
//! capacity: the tree charges [`Data::growth`] before a write.

use std::collections::BTreeMap;

/// Bytes per chunk.
pub(super) const CHUNK: u64 = 64 * 1024;
/// What one chunk costs beyond its bytes (the map entry, the `Vec`).
pub(super) const CHUNK_COST: u64 = 64;
/// The largest file: 1 TiB (`EFBIG` past it).
pub(super) const MAX_FILE_SIZE: u64 = 1 << 40;

/// A sparse byte array with a logical length.
#[derive(Debug, Default)]
pub(super) struct Data {
    len: u64,
    chunks: BTreeMap<u64, Vec<u8>>,
    /// Bytes held in chunks plus [`CHUNK_COST`] per chunk.
    cost: u64,
}

impl Data {
    /// The logical length.
    pub(super) fn len(&self) -> u64 {
        self.len
    }

    /// What the contents cost, for the capacity account.
    pub(super) fn cost(&self) -> u64 {
        self.cost
    }

    /// Bytes actually held (for `st_blocks`).
    pub(super) fn stored(&self) -> u64 {
        self.chunks.values().map(|c| c.len() as u64).sum()
    }

    /// Copies bytes from `offset` into `buf`; returns how many (0 at or
    /// past the end).
    pub(super) fn read_at(&self, offset: u64, buf: &mut [u8]) -> usize {
        if offset >= self.len || buf.is_empty() {
            return 0;
        }
        let n = (self.len - offset).min(buf.len() as u64) as usize;
        let out = &mut buf[..n];
        out.fill(0);
        let end = offset + n as u64;
        for (&index, chunk) in self.chunks.range(offset / CHUNK..=(end - 1) / CHUNK) {
            let start = index * CHUNK;
            let from = offset.max(start);
            let to = end.min(start + chunk.len() as u64);
            if from < to {
                let src = &chunk[(from - start) as usize..(to - start) as usize];
                out[(from - offset) as usize..(to - offset) as usize].copy_from_slice(src);
            }
        }
        n
    }

    /// What writing `n` bytes at `offset` adds to [`Data::cost`].
    pub(super) fn growth(&self, offset: u64, n: usize) -> u64 {
        let end = offset + n as u64;
        if n == 0 {
            return 0;
        }
        let mut growth = 0;
        for index in offset / CHUNK..=(end - 1) / CHUNK {
            let start = index * CHUNK;
            let needed = end.min(start + CHUNK) - start;
            match self.chunks.get(&index) {
                Some(chunk) => growth += needed.saturating_sub(chunk.len() as u64),
                None => growth += needed + CHUNK_COST,
            }
        }
        growth
    }

    /// Writes `bytes` at `offset`, extending the length if needed. The
    /// caller keeps `offset + bytes.len()` within [`MAX_FILE_SIZE`] and has
    /// charged [`Data::growth`].
    pub(super) fn write_at(&mut self, offset: u64, bytes: &[u8]) {
        let end = offset + bytes.len() as u64;
        let mut at = offset;
        while at < end {
            let index = at / CHUNK;
            let start = index * CHUNK;
            let to = end.min(start + CHUNK);
            let chunk = self.chunks.entry(index).or_insert_with(|| {
                self.cost += CHUNK_COST;
                Vec::new()
            });
            let needed = (to - start) as usize;
            if chunk.len() < needed {
                self.cost += (needed - chunk.len()) as u64;
                chunk.resize(needed, 0);
            }
            let src = &bytes[(at - offset) as usize..(to - offset) as usize];
            chunk[(at - start) as usize..needed].copy_from_slice(src);
            at = to;
        }
        self.len = self.len.max(end);
    }

    /// Truncates or extends to `len` (extension is a hole: free); returns
    /// what the contents cost less.
    pub(super) fn set_len(&mut self, len: u64) -> u64 {
        let before = self.cost;
        if len < self.len {
            let first_dropped = len.div_ceil(CHUNK);
            let dropped = self.chunks.split_off(&first_dropped);
            for chunk in dropped.values() {
                self.cost -= chunk.len() as u64 + CHUNK_COST;
            }
            if let Some(mut last) = self.chunks.last_entry() {
                let start = *last.key() * CHUNK;
                let chunk = last.get_mut();
                if start + chunk.len() as u64 > len {
                    let keep = (len - start) as usize;
                    self.cost -= (chunk.len() - keep) as u64;
                    chunk.truncate(keep);
                }
            }
        }
        self.len = len;
        before - self.cost
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(data: &Data, offset: u64, n: usize) -> Vec<u8> {
        let mut buf = vec![0xAA; n];
        let got = data.read_at(offset, &mut buf);
        buf.truncate(got);
        buf
    }

    #[test]
    fn writes_across_chunks_read_back_with_zero_holes() {
        let mut d = Data::default();
        let bytes: Vec<u8> = (0..200u8).collect();
        let at = CHUNK - 100;
        // A chunk holds its bytes from its start: writing near the end of
        // chunk 0 materialises all of it (as a page would be).
        assert_eq!(d.growth(at, bytes.len()), CHUNK + 100 + 2 * CHUNK_COST);
        d.write_at(at, &bytes);
        assert_eq!(d.len(), at + 200);
        assert_eq!(d.cost(), CHUNK + 100 + 2 * CHUNK_COST);
        assert_eq!(d.growth(0, 10), 0);
        assert_eq!(read(&d, at, 200), bytes);
        assert_eq!(read(&d, 0, 4), [0, 0, 0, 0]);
        assert_eq!(read(&d, at + 190, 50), &bytes[190..]);
        assert_eq!(read(&d, at + 200, 10), Vec::<u8>::new());
    }

    #[test]
    fn a_far_write_costs_one_chunk() {
        let mut d = Data::default();
        d.write_at(1 << 39, b"x");
        assert_eq!(d.len(), (1 << 39) + 1);
        assert_eq!(d.cost(), 1 + CHUNK_COST);
        assert_eq!(read(&d, (1 << 39) - 2, 3), [0, 0, b'x']);
    }

    #[test]
    fn truncation_frees_and_rezeroes() {
        let mut d = Data::default();
        d.write_at(0, &[7; 100]);
        d.write_at(3 * CHUNK, &[9; 10]);
        let freed = d.set_len(50);
        assert_eq!(freed, 10 + CHUNK_COST + 50);
        assert_eq!(d.cost(), 50 + CHUNK_COST);
        d.set_len(100);
        assert_eq!(read(&d, 48, 4), [7, 7, 0, 0]);
        assert_eq!(d.set_len(0), 50 + CHUNK_COST);
        assert_eq!(d.cost(), 0);
    }
}
