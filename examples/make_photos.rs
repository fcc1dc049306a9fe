//! Makes photo-like JPEGs for the picture benchmark (`bench/pictures.sh`): smooth light
//! and colour over the frame with fine grain, so they compress like phone photos.
//!   cargo run --release --example make_photos -- DIR COUNT [WIDTH HEIGHT]

use image::ImageEncoder;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = std::path::PathBuf::from(args.get(1).expect("DIR"));
    let count: u32 = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(100);
    let width: u32 = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(4000);
    let height: u32 = args.get(4).and_then(|n| n.parse().ok()).unwrap_or(3000);
    std::fs::create_dir_all(&dir).expect("create DIR");
    for n in 0..count {
        let mut state = 0x9E37_79B9_7F4A_7C15u64 ^ u64::from(n);
        let mut grain = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % 24) as i32 - 12
        };
        let (fx, fy) = (1.0 + f64::from(n % 7), 1.0 + f64::from(n % 5));
        let mut pixels = Vec::with_capacity((width * height * 3) as usize);
        for y in 0..height {
            for x in 0..width {
                let (u, v) = (f64::from(x) / f64::from(width), f64::from(y) / f64::from(height));
                let light = (u * fx * 3.1).sin() * (v * fy * 2.3).cos();
                for (c, phase) in [0.0, 2.1, 4.2].into_iter().enumerate() {
                    let base = 128.0 + 90.0 * (light + phase + u * v * (c as f64 + 1.0)).sin();
                    pixels.push((base as i32 + grain()).clamp(0, 255) as u8);
                }
            }
        }
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
            .write_image(&pixels, width, height, image::ExtendedColorType::Rgb8)
            .expect("encode");
        std::fs::write(dir.join(format!("anh-{n:03}.jpg")), out).expect("write");
    }
}
