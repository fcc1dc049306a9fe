//! SVG drawings are copied as drawn, less what could run or load something: `<script>`,
//! `<foreignObject>`, frames and objects; animations that change a link (`<set>`,
//! `<animate>`, `<animateMotion>` on `href`); `on…` event attributes; links out of the
//! drawing (`href` other than `#…` or an embedded `data:image/…`); styles (`<style>`
//! or `style=""`) with `@import`, escapes or `url(…)` to anything but `#…`; entities
//! other than XML's own, a `<!DOCTYPE>` and processing instructions. Each removal is
//! told, so the editor knows the drawing changed.

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
    let write =
        |writer: &mut Writer<Vec<u8>>, event: Event| writer.write_event(event).map_err(|e| e.to_string());
    let mut buf = Vec::new();
    // Inside an element being dropped, how deep.
    let mut skipping = 0usize;
    // Inside a `<style>`: its opening and what it holds, judged as a whole at its end
    // (a reference or a comment can split `url(` from what follows).
    let mut style: Option<(BytesStart<'static>, Vec<Event<'static>>, String)> = None;
    let mut saw_svg = false;
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| e.to_string())?;
        match event {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) if skipping == 0 && style.is_none() && is_active(e) => {
                note(format!("<{}>", String::from_utf8_lossy(e.local_name().as_ref())));
                if matches!(event, Event::Start(_)) {
                    skipping = 1;
                }
            }
            Event::Start(_) if skipping > 0 => skipping += 1,
            Event::End(_) if skipping > 0 => skipping -= 1,
            _ if skipping > 0 => {}
            Event::End(e) if style.is_some() => {
                let Some((start, inside, text)) = style.take() else { continue };
                if loads_something(&text) {
                    note("<style>".into());
                } else {
                    write(&mut writer, Event::Start(start))?;
                    for event in inside {
                        write(&mut writer, event)?;
                    }
                    write(&mut writer, Event::End(e))?;
                }
            }
            other if style.is_some() => {
                if let Some((_, inside, text)) = &mut style {
                    match &other {
                        Event::GeneralRef(r) => {
                            text.push_str(&format!("&{};", String::from_utf8_lossy(r.as_ref())))
                        }
                        Event::Text(t) => text.push_str(&String::from_utf8_lossy(t.as_ref())),
                        Event::CData(c) => text.push_str(&String::from_utf8_lossy(c.as_ref())),
                        // Anything else inside a style (an element) is not a style.
                        _ => text.push_str("@import"),
                    }
                    inside.push(other.into_owned());
                }
            }
            Event::Start(e) if e.local_name().as_ref().eq_ignore_ascii_case(b"style") => {
                let clean = clean_attributes(&e, &mut note)?;
                style = Some((clean, Vec::new(), String::new()));
            }
            Event::Start(e) => {
                saw_svg |= e.local_name().as_ref() == b"svg";
                let clean = clean_attributes(&e, &mut note)?;
                write(&mut writer, Event::Start(clean))?;
            }
            Event::Empty(e) => {
                saw_svg |= e.local_name().as_ref() == b"svg";
                let clean = clean_attributes(&e, &mut note)?;
                write(&mut writer, Event::Empty(clean))?;
            }
            Event::GeneralRef(r) => {
                // XML's own entities and character references stay; a DTD's are gone
                // with the DTD.
                let name: &[u8] = r.as_ref();
                if name.starts_with(b"#") || matches!(name, b"amp" | b"lt" | b"gt" | b"quot" | b"apos") {
                    write(&mut writer, Event::GeneralRef(r))?;
                } else {
                    note(format!("&{};", String::from_utf8_lossy(name)));
                }
            }
            Event::DocType(_) => note("<!DOCTYPE>".into()),
            Event::PI(_) => note("<?…?>".into()),
            other => write(&mut writer, other)?,
        }
        buf.clear();
    }
    if !saw_svg {
        return Err("không có thẻ <svg> / there is no <svg> element".into());
    }
    Ok((writer.into_inner(), removed))
}

/// Could this style text load or run something: `@import`, a CSS escape (which can
/// spell `url(` without the letters), `image-set`, or `url(` to anything but `#…`?
fn loads_something(css: &str) -> bool {
    let css = css.to_ascii_lowercase();
    if css.contains("@import") || css.contains('\\') || css.contains("image-set") || css.contains("&") {
        return true;
    }
    css.match_indices("url(").any(|(i, _)| {
        let target = css[i + 4..].trim_start().trim_start_matches(['"', '\'']);
        !target.starts_with('#')
    })
}

fn is_active(e: &BytesStart) -> bool {
    let name = e.local_name();
    let name = name.as_ref().to_ascii_lowercase();
    if matches!(name.as_slice(), b"animate" | b"set" | b"animatemotion") {
        // Animations may change any attribute; those that change a link can lead out.
        return e.attributes().flatten().any(|a| {
            a.key.local_name().as_ref().eq_ignore_ascii_case(b"attributename")
                && String::from_utf8_lossy(&a.value).to_ascii_lowercase().ends_with("href")
        }) || name == b"animatemotion";
    }
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
        let Ok(value) = attr.normalized_value(quick_xml::XmlVersion::Implicit1_0) else {
            // An entity the drawing's DTD defined: gone with the DTD.
            note(format!("{key}=\"…\""));
            continue;
        };
        let value = value.into_owned();
        let lower = value.trim().to_ascii_lowercase();
        let outside = |v: &str| !(v.starts_with('#') || v.starts_with("data:image/"));
        let drop = local.starts_with("on")
            || (local == "href" || local == "src") && outside(&lower)
            || lower.contains("javascript:")
            || local == "style" && loads_something(&lower)
            || lower.contains("url(") && loads_something(&lower);
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
        // Animations that change a link, styles that load, entities of a DTD.
        let tricky = r##"<svg xmlns="http://www.w3.org/2000/svg"><a href="#x"><set attributeName="href" to="https://tracker.example/"/></a>
<style>rect { fill: url(&#104;ttps://evil.example/x) }</style><style>@import "//evil.example/a.css";</style>
<style>.ok { fill: url(#grad) }</style><rect style="background: \75rl(//evil.example)"/><text>&custom; &amp; &#233;</text></svg>"##;
        let (clean, removed) = sanitise(tricky.as_bytes()).unwrap();
        let clean = String::from_utf8(clean).unwrap();
        for gone in ["tracker.example", "evil.example", "&custom;", "<set"] {
            assert!(!clean.contains(gone), "{gone} left in {clean}");
        }
        for kept in [".ok { fill: url(#grad) }", "&amp; &#233;", "<a href=\"#x\">"] {
            assert!(clean.contains(kept), "{kept} missing from {clean}");
        }
        assert!(
            removed.iter().any(|r| r == "<style>") && removed.iter().any(|r| r == "&custom;"),
            "{removed:?}"
        );
        let (_, nothing) = sanitise(br#"<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>"#).unwrap();
        assert!(nothing.is_empty());
        assert!(sanitise(b"<html><body/></html>").is_err());
    }
}
