/// mimalloc instead of the system allocator: a build makes and frees millions of small
/// strings on both cores, where glibc's malloc spends a tenth of the time (ARCHITECTURE.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    // Where the system gives every process huge pages, each first touch of the
    // allocator's memory made the kernel clear 2 MiB: a fifth of a build's time went
    // there, and the peak was a tenth higher (BENCHMARKS.md, "Huge pages").
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    loa::cli::run()
}
