//! Making a picture's copies: a JPEG decoded by `jpeg-decoder` straight at the smallest
//! scale its DCT allows that still covers the largest copy (a 4000-pixel phone photo
//! for a 1600-pixel copy is decoded at 2000: a quarter of the work and memory), a PNG
//! by `image`; turned the way its EXIF says; resized with `fast_image_resize` (each
//! width from the next larger copy); encoded as JPEG by `jpeg-encoder` (SIMD), as PNG by
//! `image` and as lossy WebP by `webp` (libwebp). None of the encoders writes EXIF, so
//! location and camera data stay behind.

use std::io::Cursor;

use fast_image_resize as fr;
use image::{DynamicImage, ImageDecoder, ImageEncoder, ImageFormat, ImageReader};

use super::{Format, Picture};

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

/// Does the file hold all its picture (JPEG: an end marker after the picture's own scan,
/// whatever a phone appends after it: a trailer, a motion clip; PNG: an IEND chunk)?
fn complete(bytes: &[u8], format: Format) -> bool {
    match format {
        Format::Jpeg => {
            // Segments from the start, each by its length, to the scan of the picture
            // itself (an EXIF thumbnail has its own scan and end, inside APP1).
            let mut at = 2;
            while at + 4 <= bytes.len() && bytes[at] == 0xFF {
                let marker = bytes[at + 1];
                if marker == 0xDA {
                    return bytes[at..].windows(2).any(|w| w == [0xFF, 0xD9]);
                }
                let len = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
                at += 2 + len;
            }
            false
        }
        Format::Png => bytes.windows(4).any(|w| w == b"IEND"),
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
            Format::Jpeg => {
                let kind =
                    if self.alpha { jpeg_encoder::ColorType::Rgba } else { jpeg_encoder::ColorType::Rgb };
                let (w, h) = (u16::try_from(self.width), u16::try_from(self.height));
                let (Ok(w), Ok(h)) = (w, h) else {
                    return Err("ảnh quá lớn / the picture is too large".into());
                };
                jpeg_encoder::Encoder::new(&mut out, quality)
                    .encode(&self.data, w, h, kind)
                    .map_err(|e| e.to_string())?;
                return Ok(out);
            }
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

    fn webp(&self, quality: u8) -> Result<Vec<u8>, String> {
        // libwebp takes at most 16,383 pixels a side; its refusal is an error here, not a
        // panic in the encoder's wrapper.
        if self.width > 16_383 || self.height > 16_383 {
            return Err(format!(
                "ảnh quá cao hoặc quá rộng cho WebP / too tall or wide for WebP: {} × {}",
                self.width, self.height
            ));
        }
        let encoder = if self.alpha {
            webp::Encoder::from_rgba(&self.data, self.width, self.height)
        } else {
            webp::Encoder::from_rgb(&self.data, self.width, self.height)
        };
        encoder
            .encode_simple(false, f32::from(quality))
            .map(|m| m.to_vec())
            .map_err(|e| format!("WebP: {e:?}"))
    }
}

/// How wide the upright original must be decoded to make every copy and crop asked for.
fn needed_width(picture: &Picture, focuses: &[(u8, u8)]) -> u32 {
    let mut needed = picture.largest();
    for &focus in focuses {
        let ((_, _, crop_w, _), (out_w, _)) = picture.og_crop(focus);
        let scale = f64::from(picture.width) / crop_w.max(1.0);
        needed = needed.max((f64::from(out_w) * scale).ceil() as u32);
    }
    needed.min(picture.width)
}

/// A JPEG decoded at the smallest DCT scale that is at least `needed` pixels wide once
/// upright, then turned upright.
fn decode_jpeg(picture: &Picture, bytes: &[u8], needed: u32) -> Result<Pixels, String> {
    let mut decoder = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    decoder.read_info().map_err(|e| e.to_string())?;
    let info = decoder.info().ok_or("no JPEG header")?;
    let orientation = decoder
        .exif_data()
        .and_then(image::metadata::Orientation::from_exif_chunk)
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    // The stored picture is sideways when the EXIF says to turn it.
    let fraction = f64::from(needed) / f64::from(picture.width.max(1));
    let want = |side: u16| ((f64::from(side) * fraction).ceil() as u16).max(1);
    decoder.scale(want(info.width), want(info.height)).map_err(|e| e.to_string())?;
    let data = decoder.decode().map_err(|e| e.to_string())?;
    let info = decoder.info().ok_or("no JPEG header")?;
    let (w, h) = (u32::from(info.width), u32::from(info.height));
    let rgb = match info.pixel_format {
        jpeg_decoder::PixelFormat::RGB24 => data,
        jpeg_decoder::PixelFormat::L8 => data.iter().flat_map(|&l| [l, l, l]).collect(),
        // CMYK and 16-bit grey are rare in photos: the general decoder takes them.
        _ => return decode_any(picture, bytes),
    };
    let buffer = image::RgbImage::from_raw(w, h, rgb).ok_or("bad JPEG data")?;
    let mut image = DynamicImage::ImageRgb8(buffer);
    image.apply_orientation(orientation);
    let (width, height) = (image.width(), image.height());
    Ok(Pixels { data: image.into_rgb8().into_raw(), width, height, alpha: false })
}

/// Decodes the original, turned upright, at the scale the copies need.
fn decode(picture: &Picture, focuses: &[(u8, u8)]) -> Result<Pixels, String> {
    let bytes = std::fs::read(&picture.file).map_err(|e| e.to_string())?;
    match picture.format {
        Format::Jpeg => decode_jpeg(picture, &bytes, needed_width(picture, focuses)),
        Format::Png => decode_any(picture, &bytes),
    }
}

/// Decodes any picture `image` reads, whole, turned upright; JPEGs without transparency.
fn decode_any(picture: &Picture, bytes: &[u8]) -> Result<Pixels, String> {
    let reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| e.to_string())?;
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
    let full = decode(picture, focuses)?;
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
        files.push((format!("{w}.webp"), copy.webp(q)?));
        from = Some(copy);
    }
    for &focus in focuses {
        let ((left, top, cw, ch), (w, h)) = picture.og_crop(focus);
        // The crop is in the original's pixels; `full` may be decoded smaller, by a
        // scale each axis rounds on its own. Kept inside the decoded picture.
        let (fw, fh) = (f64::from(full.width), f64::from(full.height));
        let (kx, ky) = (fw / f64::from(picture.width.max(1)), fh / f64::from(picture.height.max(1)));
        let (cw, ch) = ((cw * kx).min(fw), (ch * ky).min(fh));
        let (left, top) = ((left * kx).clamp(0.0, fw - cw), (top * ky).clamp(0.0, fh - ch));
        let mut copy = full.resized(w, h, Some((left, top, cw, ch)))?;
        if copy.alpha {
            // JPEG has no transparency: what was transparent shows white.
            copy = flatten(copy);
        }
        files.push((format!("og-{}-{}.jpg", focus.0, focus.1), copy.encode(Format::Jpeg, q)?));
    }
    Ok(files)
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
