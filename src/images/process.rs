//! Making a picture's copies: decoded with `image` (zune-jpeg for JPEG), turned the way
//! its EXIF says, resized with `fast_image_resize` (each width from the next larger
//! copy), encoded as JPEG or PNG with `image` and as lossy WebP with `webp` (libwebp).
//! None of the encoders writes EXIF, so location and camera data stay behind.

use std::io::Cursor;

use fast_image_resize as fr;
use image::{DynamicImage, ImageDecoder, ImageEncoder, ImageFormat, ImageReader};

use super::{Format, Picture, OG_SIZE};

/// What a picture's header says.
#[derive(Debug)]
pub struct Header {
    pub format: Format,
    /// Once turned the way its EXIF says.
    pub width: u32,
    pub height: u32,
}

/// Reads a JPEG's or PNG's size and orientation without decoding its pixels; a file
/// cut short (no end marker) is refused here, as some decoders would fill the rest in
/// grey without a word.
pub fn header(bytes: &[u8]) -> Result<Header, String> {
    let reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| e.to_string())?;
    let format = match reader.format() {
        Some(ImageFormat::Jpeg) => Format::Jpeg,
        Some(ImageFormat::Png) => Format::Png,
        _ => return Err("không phải ảnh JPEG hay PNG / not a JPEG or PNG picture".into()),
    };
    if !complete(bytes, format) {
        return Err("tệp bị cắt cụt / the file is cut short".into());
    }
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let (width, height) = decoder.dimensions();
    let orientation = decoder.orientation().map_err(|e| e.to_string())?;
    let (width, height) = if turns_sideways(orientation) { (height, width) } else { (width, height) };
    if width == 0 || height == 0 {
        return Err("ảnh không có điểm ảnh nào / the picture has no pixels".into());
    }
    Ok(Header { format, width, height })
}

/// Does the file end as its format says it must (JPEG: an EOI marker near the end;
/// PNG: an IEND chunk)?
fn complete(bytes: &[u8], format: Format) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(64)..];
    match format {
        Format::Jpeg => tail.windows(2).any(|w| w == [0xFF, 0xD9]),
        Format::Png => tail.windows(4).any(|w| w == b"IEND"),
    }
}

fn turns_sideways(o: image::metadata::Orientation) -> bool {
    use image::metadata::Orientation::*;
    matches!(o, Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH)
}

/// Pixels in memory: RGB, or RGBA for a PNG with transparency.
struct Pixels {
    data: Vec<u8>,
    width: u32,
    height: u32,
    alpha: bool,
}

impl Pixels {
    fn kind(&self) -> fr::PixelType {
        if self.alpha {
            fr::PixelType::U8x4
        } else {
            fr::PixelType::U8x3
        }
    }

    /// A copy `width` × `height`, from the part of this one given by `crop` (left, top,
    /// width, height), or all of it.
    fn resized(&self, width: u32, height: u32, crop: Option<(f64, f64, f64, f64)>) -> Result<Pixels, String> {
        let src = fr::images::ImageRef::new(self.width, self.height, &self.data, self.kind())
            .map_err(|e| e.to_string())?;
        let mut dst = fr::images::Image::new(width, height, self.kind());
        let mut options =
            fr::ResizeOptions::new().resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3));
        if let Some((left, top, w, h)) = crop {
            options = options.crop(left, top, w, h);
        }
        fr::Resizer::new().resize(&src, &mut dst, &options).map_err(|e| e.to_string())?;
        Ok(Pixels { data: dst.into_vec(), width, height, alpha: self.alpha })
    }

    fn encode(&self, format: Format, quality: u8) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        let color = if self.alpha { image::ExtendedColorType::Rgba8 } else { image::ExtendedColorType::Rgb8 };
        match format {
            Format::Jpeg => image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
                .write_image(&self.data, self.width, self.height, color),
            Format::Png => image::codecs::png::PngEncoder::new_with_quality(
                &mut out,
                image::codecs::png::CompressionType::Default,
                image::codecs::png::FilterType::Adaptive,
            )
            .write_image(&self.data, self.width, self.height, color),
        }
        .map_err(|e| e.to_string())?;
        Ok(out)
    }

    fn webp(&self, quality: u8) -> Vec<u8> {
        let encoder = if self.alpha {
            webp::Encoder::from_rgba(&self.data, self.width, self.height)
        } else {
            webp::Encoder::from_rgb(&self.data, self.width, self.height)
        };
        encoder.encode(f32::from(quality)).to_vec()
    }
}

/// Decodes the original, turned upright; JPEGs without transparency.
fn decode(picture: &Picture) -> Result<Pixels, String> {
    let bytes = std::fs::read(&picture.file).map_err(|e| e.to_string())?;
    let reader = ImageReader::new(Cursor::new(&bytes)).with_guessed_format().map_err(|e| e.to_string())?;
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let orientation = decoder.orientation().map_err(|e| e.to_string())?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    image.apply_orientation(orientation);
    let alpha = picture.format == Format::Png && image.color().has_alpha();
    let (width, height) = (image.width(), image.height());
    let data = if alpha { image.into_rgba8().into_raw() } else { image.into_rgb8().into_raw() };
    Ok(Pixels { data, width, height, alpha })
}

/// The names of a picture's copies in its cache entry: `480.jpg`, `480.webp`, …, and
/// `og-50-50.jpg` for each Open Graph focus asked for.
pub fn copy_names(picture: &Picture, focuses: &[(u8, u8)]) -> Vec<String> {
    let mut names = Vec::new();
    for &w in &picture.widths {
        names.push(format!("{w}.{}", picture.format.extension()));
        names.push(format!("{w}.webp"));
    }
    names.extend(focuses.iter().map(|f| format!("og-{}-{}.jpg", f.0, f.1)));
    names
}

/// Makes every copy of `picture` (named as [`copy_names`] says).
pub fn make(picture: &Picture, focuses: &[(u8, u8)]) -> Result<Vec<(String, Vec<u8>)>, String> {
    let full = decode(picture)?;
    let q = picture.quality;
    let mut files = Vec::new();
    // Largest first, each smaller copy from the one before: cheaper than from the
    // original every time, and as sharp.
    let mut from: Option<Pixels> = None;
    for &w in picture.widths.iter().rev() {
        let h = picture.height_at(w);
        let source = from.as_ref().unwrap_or(&full);
        let copy = if (w, h) == (source.width, source.height) {
            Pixels { data: source.data.clone(), width: w, height: h, alpha: source.alpha }
        } else {
            source.resized(w, h, None)?
        };
        files.push((format!("{w}.{}", picture.format.extension()), copy.encode(picture.format, q)?));
        files.push((format!("{w}.webp"), copy.webp(q)));
        from = Some(copy);
    }
    for &focus in focuses {
        files.push((format!("og-{}-{}.jpg", focus.0, focus.1), og(&full, focus, q)?));
    }
    Ok(files)
}

/// The Open Graph picture: the largest 1200:630 part of the picture around `focus`,
/// made 1200 × 630 (or smaller when the picture is; never enlarged), as JPEG.
fn og(full: &Pixels, focus: (u8, u8), quality: u8) -> Result<Vec<u8>, String> {
    let (w, h) = (f64::from(full.width), f64::from(full.height));
    let ratio = f64::from(OG_SIZE.0) / f64::from(OG_SIZE.1);
    let (cw, ch) = if w / h > ratio { (h * ratio, h) } else { (w, w / ratio) };
    let place =
        |size: f64, part: f64, at: u8| (size * f64::from(at) / 100.0 - part / 2.0).clamp(0.0, size - part);
    let (left, top) = (place(w, cw, focus.0), place(h, ch, focus.1));
    let out_w = (cw.round() as u32).min(OG_SIZE.0).max(1);
    let out_h = ((f64::from(out_w) / ratio).round() as u32).max(1);
    let mut copy = full.resized(out_w, out_h, Some((left, top, cw, ch)))?;
    if copy.alpha {
        // JPEG has no transparency: what was transparent shows white.
        copy = flatten(copy);
    }
    copy.encode(Format::Jpeg, quality)
}

fn flatten(p: Pixels) -> Pixels {
    let mut data = Vec::with_capacity(p.data.len() / 4 * 3);
    for px in p.data.chunks_exact(4) {
        let a = u16::from(px[3]);
        for &c in &px[..3] {
            data.push(((u16::from(c) * a + 255 * (255 - a)) / 255) as u8);
        }
    }
    Pixels { data, width: p.width, height: p.height, alpha: false }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_short_file_is_refused_and_a_whole_one_read() {
        let mut jpeg = Vec::new();
        let pixels = vec![200u8; 64 * 48 * 3];
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 80)
            .write_image(&pixels, 64, 48, image::ExtendedColorType::Rgb8)
            .unwrap();
        let h = header(&jpeg).expect("a whole JPEG");
        assert_eq!((h.width, h.height, h.format), (64, 48, Format::Jpeg));
        assert!(header(&jpeg[..jpeg.len() / 2]).unwrap_err().contains("cut short"));
        assert!(header(b"GIF89a....").is_err());
    }
}
