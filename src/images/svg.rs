//! SVG drawings are copied as drawn, less what could run or load something: `<script>`
//! and `<foreignObject>` elements, `on…` event attributes, links and references to
//! anything outside the drawing (`href` other than `#…` or an embedded `data:image/…`,
//! `url(http…)` in styles), a `<!DOCTYPE>` (entities) and processing instructions.
//! Each removal is told, so the editor knows the drawing changed.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};

/// The drawing without anything active, and what was taken out (empty: nothing).
pub fn sanitise(bytes: &[u8]) -> Result<(Vec<u8>, Vec<String>), String> {
    let mut reader = Reader::from_reader(bytes);
    let mut writer = Writer::new(Vec::with_capacity(bytes.len()));
    let mut removed: Vec<String> = Vec::new();
    let mut note = |what: String| {
        if !removed.contains(&what) {
            removed.push(what);
        }
    };
    let mut buf = Vec::new();
    // Inside an element being dropped, how deep.
    let mut skipping = 0usize;
    let mut saw_svg = false;
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| e.to_string())?;
        match event {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) if skipping == 0 && is_active(e) => {
                note(format!("<{}>", String::from_utf8_lossy(e.local_name().as_ref())));
                if matches!(event, Event::Start(_)) {
                    skipping = 1;
                }
            }
            Event::Start(_) if skipping > 0 => skipping += 1,
            Event::End(_) if skipping > 0 => skipping -= 1,
            _ if skipping > 0 => {}
            Event::Start(e) => {
                saw_svg |= e.local_name().as_ref() == b"svg";
                let clean = clean_attributes(&e, &mut note)?;
                writer.write_event(Event::Start(clean)).map_err(|e| e.to_string())?;
            }
            Event::Empty(e) => {
                saw_svg |= e.local_name().as_ref() == b"svg";
                let clean = clean_attributes(&e, &mut note)?;
                writer.write_event(Event::Empty(clean)).map_err(|e| e.to_string())?;
            }
            Event::DocType(_) => note("<!DOCTYPE>".into()),
            Event::PI(_) => note("<?…?>".into()),
            Event::Text(t) => {
                let text = String::from_utf8_lossy(t.as_ref()).to_lowercase();
                if text.contains("url(") && (text.contains("http") || text.contains("//")) {
                    note("url(…)".into());
                    continue;
                }
                writer.write_event(Event::Text(t)).map_err(|e| e.to_string())?;
            }
            Event::CData(c) => {
                let text = String::from_utf8_lossy(c.as_ref()).to_lowercase();
                if text.contains("url(") && (text.contains("http") || text.contains("//")) {
                    note("url(…)".into());
                    continue;
                }
                writer.write_event(Event::CData(c)).map_err(|e| e.to_string())?;
            }
            other => writer.write_event(other).map_err(|e| e.to_string())?,
        }
        buf.clear();
    }
    if !saw_svg {
        return Err("không có thẻ <svg> / there is no <svg> element".into());
    }
    Ok((writer.into_inner(), removed))
}

fn is_active(e: &BytesStart) -> bool {
    let name = e.local_name();
    let name = name.as_ref().to_ascii_lowercase();
    matches!(name.as_slice(), b"script" | b"foreignobject" | b"iframe" | b"object" | b"embed")
}

/// `e` without event handlers, outside references or styles that load something.
fn clean_attributes(e: &BytesStart, note: &mut impl FnMut(String)) -> Result<BytesStart<'static>, String> {
    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
    let mut clean = BytesStart::new(name);
    for attr in e.attributes() {
        let attr = attr.map_err(|e| e.to_string())?;
        let key = String::from_utf8_lossy(attr.key.as_ref()).into_owned();
        let local = key.rsplit(':').next().unwrap_or(&key).to_ascii_lowercase();
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| e.to_string())?
            .into_owned();
        let lower = value.trim().to_ascii_lowercase();
        let outside = |v: &str| !(v.starts_with('#') || v.starts_with("data:image/"));
        let drop = local.starts_with("on")
            || (local == "href" || local == "src") && outside(&lower)
            || lower.contains("javascript:")
            || lower.contains("url(") && (lower.contains("http") || lower.contains("//"));
        if drop {
            note(format!("{key}=\"…\""));
            continue;
        }
        clean.push_attribute((key.as_str(), value.as_str()));
    }
    Ok(clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_and_outside_references_are_taken_out() {
        let svg = r##"<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "y">]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)" viewBox="0 0 10 10">
<script>alert(2)</script><a href="https://evil.example/"><rect width="5" height="5" fill="url(#g)"/></a>
<image xlink:href="http://evil.example/p.png"/><use href="#r"/><foreignObject><div>x</div></foreignObject>
<style>rect { fill: url(https://evil.example/x) }</style><text x="1" y="9">Sơ đồ &amp; chú thích</text></svg>"##;
        let (clean, removed) = sanitise(svg.as_bytes()).unwrap();
        let clean = String::from_utf8(clean).unwrap();
        for gone in ["alert", "evil.example", "foreignObject", "DOCTYPE", "ENTITY"] {
            assert!(!clean.contains(gone), "{gone} left in {clean}");
        }
        for kept in
            ["viewBox=\"0 0 10 10\"", "fill=\"url(#g)\"", "<use href=\"#r\"/>", "Sơ đồ &amp; chú thích"]
        {
            assert!(clean.contains(kept), "{kept} missing from {clean}");
        }
        assert!(
            removed.iter().any(|r| r == "<script>") && removed.iter().any(|r| r == "onload=\"…\""),
            "{removed:?}"
        );
        let (_, nothing) = sanitise(br#"<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>"#).unwrap();
        assert!(nothing.is_empty());
        assert!(sanitise(b"<html><body/></html>").is_err());
    }
}
