//! glibc's allocator, told to keep large blocks in mappings of their own.
//!
//! By default glibc raises its mmap threshold each time a block mapped on
//! its own (≥ 128 KiB) is freed, up to 32 MiB; blocks of that size then come
//! from the arenas, whose freed memory is seldom given back (mallopt(3),
//! `M_MMAP_THRESHOLD`). The server frees such blocks all day — the
//! catalogue's table rebuilt after each decision, answers of hundreds of KB —
//! and its RSS grew without end: 118 → 216 MB in 150 s of suspensions and
//! reinstatements at national scale (`bench/soak.sh` found +15 % in 10
//! minutes). With the threshold fixed, the same run stayed at 78–86 MB.
//! Setting it also turns the dynamic adjustment off.

/// Fixes the mmap threshold at glibc's default, 128 KiB, for the server; a
/// command that runs once (an import) keeps glibc's default, which copies
/// less as its buffers grow. Call it before any thread starts.
pub fn keep_large_blocks_mapped() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` sets one parameter of the allocator and is called
    // before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}
