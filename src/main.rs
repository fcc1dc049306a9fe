/// mimalloc instead of the system allocator: a build makes and frees millions of small
/// strings on both cores, where glibc's malloc spends a tenth of the time (ARCHITECTURE.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    loa::cli::run()
}
