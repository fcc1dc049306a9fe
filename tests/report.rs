//! `loa report`: fixture logs with every kind of line counted exactly, broadcast logs,
//! merging units' reports, and what never appears in a report (addresses, user agents,
//! query strings).

mod common;

use std::io::Write as _;

use common::{loa, Run, TestSite};
use serde_json::Value;

const SITE_YAML: &str = r#"title: Trang thử
base_url: https://congthongtin.example.vn/chuyen-doi-so/
language: vi
publisher: UBND tỉnh thử
taxonomies:
  - { name: topics, slug: chu-de, title: Chủ đề }
  - { name: audiences, slug: doi-tuong, title: Đối tượng }
report:
  organisation: Sở Thử nghiệm
  parent: Ủy ban nhân dân tỉnh Thử
  recipient: Sở Khoa học và Công nghệ tỉnh Thử
  place: Thử
  signer_title: Giám đốc
  symbol: BC-STN
"#;

const A1: &str = "203.0.113.10";
const A2: &str = "203.0.113.11";
const A3: &str = "198.51.100.7";
const A4: &str = "2001:db8::42";
const A5: &str = "192.0.2.200";
const UA1: &str = "Mozilla/5.0 (Linux; Android 10; Redmi 9A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36 FixtureReaderOne";
const UA2: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1 FixtureReaderTwo";
/// As Apache writes a user agent holding quotes.
const UA3: &str = r#"Mozilla/5.0 \"FixtureReaderThree\" Zalo android"#;
const GOOGLEBOT: &str = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
const BINGBOT: &str = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)";
const FEEDLY: &str = "Feedly/1.0 (+http://www.feedly.com/fetcher.html; 3 subscribers)";
const BASE: &str = "/chuyen-doi-so/tin";

fn line(addr: &str, time: &str, request: &str, status: u16, referer: &str, ua: &str) -> String {
    format!("{addr} - - [{time}] \"{request}\" {status} 5120 \"{referer}\" \"{ua}\"\n")
}

fn get(path: &str) -> String {
    format!("GET {path} HTTP/1.1")
}

const APR10: &str = "10/Apr/2026:08:00:00 +0700";
const APR11: &str = "11/Apr/2026:10:00:00 +0700";
const APR12: &str = "12/Apr/2026:19:00:00 +0700";

/// The current log: every kind of line once or more (numbered as in the comments below).
fn access_log() -> String {
    let mot = format!("{BASE}/bai-mot/");
    let mut log = String::new();
    // Portal views of bai-mot: five, by four reader-days.
    log += &line(A1, APR10, &get(&mot), 200, "-", UA1);
    log += &line(
        A1,
        "10/Apr/2026:09:00:00 +0700",
        &get(&format!("{mot}?utm_source=zalo&fbclid=SECRETQUERY")),
        200,
        "-",
        UA1,
    );
    log += &line(A2, "10/Apr/2026:10:00:00 +0700", &get(&format!("{mot}index.html")), 200, "-", UA1);
    log += &line(A1, APR11, &get(&mot), 304, "-", UA1);
    // Embed views: two from the newspaper (one reader-day), one opened directly, one
    // with an address for a Referer.
    log += &line(
        A3,
        "10/Apr/2026:03:30:00 +0000",
        &get(&format!("{mot}embed/")),
        200,
        "https://www.baolangson.vn/tin/x.html",
        UA2,
    );
    log += &line(
        A3,
        "10/Apr/2026:11:00:00 +0700",
        &get(&format!("{mot}embed/index.html")),
        200,
        "https://baolangson.vn/y?id=SECRETQUERY",
        UA2,
    );
    log += &line(A4, APR12, &get(&format!("{mot}embed/")), 200, "-", UA1);
    log += &line(A4, APR12, &get(&format!("{mot}embed/")), 200, "http://192.0.2.55/trang", UA1);
    // oEmbed and the broadcast files (206: a part of the file, still a success).
    log += &line(A2, APR12, &get(&format!("{mot}oembed.json")), 200, "-", UA2);
    log += &line(A2, APR12, &get(&format!("{mot}broadcast.txt")), 200, "-", UA2);
    log += &line(A2, APR12, &get(&format!("{mot}broadcast.vtt")), 200, "-", UA2);
    log += &line(A2, APR12, &get(&format!("{mot}bulletin.txt")), 206, "-", UA2);
    // Feeds.
    log += &line(A1, APR12, &get("/chuyen-doi-so/atom.xml"), 200, "-", UA2);
    log += &line(A1, APR12, &get(&format!("{BASE}/rss.xml")), 200, "-", UA2);
    // A feed reader is a program, and feeds are for programs: it counts.
    log += &line(A5, APR12, &get("/chuyen-doi-so/feed.json"), 200, "-", FEEDLY);
    // Left out: a crawler, HEAD, failures, another method, other sites' paths.
    log += &line(A5, APR12, &get(&mot), 200, "-", GOOGLEBOT);
    log += &line(A1, APR12, &format!("HEAD {mot} HTTP/1.1"), 200, "-", UA1);
    log += &line(A1, APR12, &get("/chuyen-doi-so/khong-co/"), 404, "-", UA1);
    log += &line(A1, APR12, &get(&mot), 500, "-", UA1);
    log += &format!("{A1} - - [{APR12}] \"\" 400 0 \"-\" \"-\"\n");
    log += &line(A1, APR12, &get(&format!("{BASE}/bai-mot")), 301, "-", UA1);
    log += &line(A1, APR12, &format!("POST {mot} HTTP/1.1"), 200, "-", UA1);
    log += &line(A1, APR12, &get("/tin-tuc/khac.html"), 200, "-", UA1);
    log += &line(A1, APR12, &get("/chuyen-doi-sox/"), 200, "-", UA1);
    // Around the period's edges, in Vietnam time: 23:59:59 on 31 March is out, midnight
    // on 1 April is in (a fifth reader-day), midnight on 1 May is out.
    log += &line(A1, "31/Mar/2026:16:59:59 +0000", &get(&mot), 200, "-", UA1);
    log += &line(A1, "31/Mar/2026:17:00:00 +0000", &get(&mot), 200, "-", UA1);
    log += &line(A1, "01/May/2026:00:00:00 +0700", &get(&mot), 200, "-", UA1);
    // Malformed: garbage, a line cut short, an empty line.
    log += "garbage line without fields\n";
    log += &format!("{A1} - - [{APR10}] \"GET {mot}?token=SECRETQUERY HTTP/1.1\" 200\n");
    log += "\n";
    // The site's other files: home (with and without its slash), a stylesheet, a draft.
    log += &line(A1, APR12, &get("/chuyen-doi-so/"), 200, "-", UA1);
    log += &line(A1, APR12, &get("/chuyen-doi-so/style.abcd1234.css"), 200, "-", UA1);
    log += &line(A1, APR12, &get(&format!("{BASE}/ban-nhap/")), 200, "-", UA1);
    // A page that expired in the middle of April was live in it.
    log += &line(A2, APR12, &get(&format!("{BASE}/het-han/")), 200, "-", UA1);
    log += &line(A1, APR12, &get("/chuyen-doi-so"), 200, "-", UA1);
    // A user agent with escaped quotes.
    log += &line(A2, "14/Apr/2026:07:00:00 +0700", &get(&format!("{BASE}/bai-hai/")), 200, "-", UA3);
    log
}

fn rotated_log() -> String {
    let hai = format!("{BASE}/bai-hai/");
    line(A1, "15/Apr/2026:07:00:00 +0700", &get(&hai), 200, "-", UA1)
        + &line(A1, "15/Apr/2026:08:00:00 +0700", &get(&hai), 200, "-", UA1)
}

fn older_log() -> String {
    let hai = format!("{BASE}/bai-hai/");
    line(A2, "20/Apr/2026:07:00:00 +0700", &get(&hai), 200, "-", UA2)
        // The common format: no Referer, no user agent.
        + &format!("{A3} - - [20/Apr/2026:10:00:00 +0700] \"GET {hai} HTTP/1.1\" 200 512\n")
        + &line(A5, "20/Apr/2026:11:00:00 +0700", &get(&hai), 200, "-", BINGBOT)
}

const BROADCAST_LOG: &str = "\u{feff}date;time;station;explainer;duration_seconds\n\
2026-04-11;06:30;Đài PT-TH tỉnh;/chuyen-doi-so/tin/bai-mot/;219\n\
12/04/2026;17h00;Đài truyền thanh xã Hữu Lũng;https://congthongtin.example.vn/chuyen-doi-so/tin/bai-mot/;3:30\n\
2026-04-13;06:30;Đài truyền thanh xã Hữu Lũng;tin/bai-hai.md;120\n\
2026-04-14;06:30;Đài PT-TH tỉnh;/chuyen-doi-so/tin/khong-co/;100\n\
2026-04-31;06:30;Đài PT-TH tỉnh;tin/bai-mot.md;100\n\
2026-05-02;06:30;Đài PT-TH tỉnh;tin/bai-mot.md;100\n\
2026-04-15;06:30;Đài PT-TH tỉnh;tin/bai-mot.md;\n";

fn page(title: &str, front: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\nsummary: \"Tóm tắt {title}.\"\n{front}---\n\n## Phần một\n\nChuyển đổi số là thay đổi cách làm việc, \
         không chỉ là mua máy tính. UBND tỉnh làm theo kế hoạch ngày 15/4/2026.\n"
    )
}

fn fixture() -> TestSite {
    let site = TestSite::new(&[
        ("content/tin/_index.md", "---\ntitle: Tin\n---\n"),
        (
            "content/tin/bai-mot.md",
            &page("Bài một", "date: 2026-04-10\nunit: Sở A\ntopics: [Dữ liệu]\naudiences: [Người dân]\n"),
        ),
        (
            "content/tin/bai-hai.md",
            &page("Bài hai", "date: 2026-03-01\nunit: Sở A\ntopics: [Dữ liệu, Chính quyền số]\n"),
        ),
        ("content/tin/bai-ba.md", &page("Bài ba", "date: 2026-04-20\nunit: Sở B\nchannels: [portal]\n")),
        ("content/tin/ban-nhap.md", &page("Bản nháp", "date: 2026-04-05\ndraft: true\nunit: Sở A\n")),
        ("content/tin/het-han.md", &page("Hết hạn", "date: 2026-01-10\nexpires: 2026-04-15\nunit: Sở B\n")),
        ("content/tin/cu.md", &page("Bài cũ", "date: 2026-01-01\nunit: Sở A\n")),
        ("logs/access.log", &access_log()),
        ("logs/access.log.1", &rotated_log()),
        ("logs/phat-song.csv", BROADCAST_LOG),
    ]);
    site.write("site.yaml", SITE_YAML);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(older_log().as_bytes()).unwrap();
    site.write_bytes("logs/access.log.2.gz", &gz.finish().unwrap());
    site
}

fn report(site: &TestSite, args: &[&str]) -> Run {
    let root = site.root().to_str().unwrap().to_string();
    let mut all = vec!["report", "--root", &root];
    all.extend_from_slice(args);
    loa(&all)
}

/// The logs in the order a shell lists `access.log*`, oldest last: order never matters.
fn log_args(site: &TestSite) -> Vec<String> {
    let mut args = vec!["--access-log".to_string()];
    for name in ["access.log.2.gz", "access.log", "access.log.1"] {
        args.push(site.path(&format!("logs/{name}")).to_str().unwrap().to_string());
    }
    args.push("--broadcast-log".into());
    args.push(site.path("logs/phat-song.csv").to_str().unwrap().to_string());
    args
}

fn april_json(site: &TestSite, extra: &[&str]) -> (Value, Run) {
    let logs = log_args(site);
    let mut args: Vec<&str> = vec!["--from", "2026-04", "--format", "json"];
    args.extend(logs.iter().map(String::as_str));
    args.extend_from_slice(extra);
    let run = report(site, &args);
    run.assert_ok();
    let json = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    (json, run)
}

/// April's JSON report with only `csv` as broadcast log.
fn april_with_broadcast_log(site: &TestSite, csv: &str) -> Value {
    let csv = site.path(csv);
    let run =
        report(site, &["--from", "2026-04", "--format", "json", "--broadcast-log", csv.to_str().unwrap()]);
    run.assert_ok();
    serde_json::from_str(&run.stdout).unwrap()
}

fn explainer<'a>(report: &'a Value, slug: &str) -> &'a Value {
    report["explainers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["path"] == format!("{BASE}/{slug}/"))
        .unwrap_or_else(|| panic!("{slug} in {report:#}"))
}

#[test]
fn every_kind_of_log_line_is_counted_exactly_once_where_it_belongs() {
    let site = fixture();
    let (r, run) = april_json(&site, &[]);
    assert_eq!(r["schema"], "loa-report/1");
    assert_eq!(r["period"], serde_json::json!({"from": "2026-04-01", "to": "2026-04-30"}));
    assert_eq!(r["unit"], "Sở Thử nghiệm");
    let log = &r["log"];
    let expected = [
        ("files", 3),
        ("lines", 41),
        ("counted", 22),
        ("bots", 2),
        ("malformed", 3),
        ("outside_period", 2),
        ("other_paths", 2),
        ("not_ok", 4),
        ("head", 1),
        ("other_methods", 1),
        ("other_files", 4),
    ];
    for (key, n) in expected {
        assert_eq!(log[key], n, "log.{key} in {log}");
    }

    let mot = explainer(&r, "bai-mot");
    assert_eq!(
        mot["views"],
        serde_json::json!({"portal": 5, "embed": 4, "oembed": 1, "broadcast_downloads": 3})
    );
    assert_eq!(mot["partners"], serde_json::json!({"": 1, "*": 1, "baolangson.vn": 2}));
    assert_eq!(mot["readers_estimate"], 6);
    assert_eq!(mot["published_in_period"], true);
    assert_eq!(mot["source"], "tin/bai-mot.md");
    assert_eq!(mot["section"], "tin");
    assert_eq!(mot["section_title"], "Tin");
    assert_eq!(mot["unit"], "Sở A");
    assert_eq!(mot["topics"], serde_json::json!(["Dữ liệu"]));
    assert_eq!(mot["audiences"], serde_json::json!(["Người dân"]));
    assert_eq!(mot["channels"], serde_json::json!(["portal", "newspaper", "broadcast"]));
    assert_eq!(mot["date"], "2026-04-10");
    assert!(
        mot["words"].as_u64().unwrap() > 20
            && mot["syllables"].as_u64().unwrap() > mot["words"].as_u64().unwrap()
    );
    assert!(mot["broadcast_seconds"].as_u64().unwrap() > 5);
    let hai = explainer(&r, "bai-hai");
    assert_eq!(hai["views"]["portal"], 5);
    assert_eq!(hai["readers_estimate"], 4);
    assert_eq!(hai["published_in_period"], false);
    assert_eq!(explainer(&r, "het-han")["views"]["portal"], 1);
    let ba = explainer(&r, "bai-ba");
    assert_eq!((ba["views"]["portal"].clone(), ba["published_in_period"].clone()), (0.into(), true.into()));
    assert_eq!(ba["broadcast_seconds"], 0, "not on the broadcast channel");
    // Newest first; the draft and the old page nobody read are not listed.
    let paths: Vec<&str> =
        r["explainers"].as_array().unwrap().iter().map(|e| e["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        [BASE, BASE, BASE, BASE]
            .iter()
            .zip(["bai-ba", "bai-mot", "bai-hai", "het-han"])
            .map(|(b, s)| format!("{b}/{s}/"))
            .collect::<Vec<_>>()
    );

    let feeds: Vec<(&str, u64)> = r["feeds"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["fetches"] != 0)
        .map(|f| (f["path"].as_str().unwrap(), f["fetches"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        feeds,
        [("/chuyen-doi-so/atom.xml", 1), ("/chuyen-doi-so/feed.json", 1), ("/chuyen-doi-so/tin/rss.xml", 1)]
    );
    assert_eq!(
        r["partners"],
        serde_json::json!([{"host": "baolangson.vn", "views": 2}, {"host": "", "views": 1}, {"host": "*", "views": 1}])
    );

    // The malformed lines are quoted with file and line, everything personal masked.
    run.says("3 dòng nhật ký không đúng dạng")
        .says("access.log:28:1")
        .says("access.log:29:1")
        .says("access.log:30:1");
    run.says("••• [10/Apr/2026:08:00:00 +0700] \"GET /chuyen-doi-so/tin/bai-mot/?…\" …");
}

#[test]
fn airings_come_from_broadcast_logs_and_bad_rows_are_warned_about_by_line() {
    let site = fixture();
    let (r, run) = april_json(&site, &[]);
    let mot = explainer(&r, "bai-mot");
    assert_eq!((mot["airings"].as_u64(), mot["airtime_seconds"].as_u64()), (Some(2), Some(429)));
    let hai = explainer(&r, "bai-hai");
    assert_eq!((hai["airings"].as_u64(), hai["airtime_seconds"].as_u64()), (Some(1), Some(120)));
    assert_eq!(
        r["stations"],
        serde_json::json!([
            {"station": "Đài truyền thanh xã Hữu Lũng", "airings": 2, "airtime_seconds": 330},
            {"station": "Đài PT-TH tỉnh", "airings": 1, "airtime_seconds": 219}
        ])
    );
    assert_eq!(
        r["airing_log"],
        serde_json::json!({"files": 1, "rows": 7, "counted": 3, "outside_period": 1, "unknown_explainer": 1, "bad": 2})
    );
    run.says("không tìm thấy bài `/chuyen-doi-so/tin/khong-co/`").says("phat-song.csv:5:1");
    run.says("cột date có giá trị `2026-04-31`").says("phat-song.csv:6:1");
    run.says("dòng thiếu giá trị cột duration_seconds").says("phat-song.csv:8:1");
}

#[test]
fn a_broadcast_log_without_the_columns_is_an_error_naming_the_file() {
    let site = fixture();
    site.write("logs/sai.csv", "ngày,đài,bài\n2026-04-11,Đài,tin/bai-mot.md\n");
    let run =
        report(&site, &["--from", "2026-04", "--broadcast-log", site.path("logs/sai.csv").to_str().unwrap()]);
    run.assert_fails().says("nhật ký phát sóng thiếu cột time, duration_seconds").says("sai.csv:1:1");
    // The Vietnamese names of the columns are understood.
    site.write(
        "logs/viet.csv",
        "Ngày,Giờ,Đài,Bài,Thời lượng (giây)\n2026-04-11,06:30,Đài xã,tin/bai-mot.md,60\n",
    );
    let r = april_with_broadcast_log(&site, "logs/viet.csv");
    assert_eq!(explainer(&r, "bai-mot")["airings"], 1);
}

#[test]
fn a_missing_log_is_an_error_and_a_damaged_gzip_counts_what_it_could_read() {
    let site = fixture();
    let run = report(
        &site,
        &["--from", "2026-04", "--access-log", site.path("logs/khong-co.log").to_str().unwrap()],
    );
    run.assert_fails().says("không đọc được tệp nhật ký").says("khong-co.log");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(rotated_log().repeat(2000).as_bytes()).unwrap();
    let whole = gz.finish().unwrap();
    site.write_bytes("logs/hong.log.gz", &whole[..whole.len() / 2]);
    let run = report(
        &site,
        &[
            "--from",
            "2026-04",
            "--format",
            "json",
            "--access-log",
            site.path("logs/hong.log.gz").to_str().unwrap(),
        ],
    );
    run.assert_ok().says("tệp nhật ký hỏng sau dòng");
    let r: Value = serde_json::from_str(&run.stdout).unwrap();
    let read = r["log"]["lines"].as_u64().unwrap();
    assert!(read > 100 && read < 4000, "{read}");
    // The line the damage cut in two is malformed; every whole one counts.
    let cut = r["log"]["malformed"].as_u64().unwrap();
    assert!(cut <= 1);
    assert_eq!(explainer(&r, "bai-hai")["views"]["portal"].as_u64().unwrap(), read - cut);
}

#[test]
fn periods_are_days_months_quarters_and_years_in_vietnam_time() {
    let site = fixture();
    let logs = log_args(&site);
    let logs: Vec<&str> = logs.iter().map(String::as_str).collect();
    let views = |from: &str, to: Option<&str>| {
        let mut args = vec!["--from", from, "--format", "json"];
        if let Some(to) = to {
            args.extend(["--to", to]);
        }
        args.extend(&logs);
        let run = report(&site, &args);
        run.assert_ok();
        let r: Value = serde_json::from_str(&run.stdout).unwrap();
        let log = &r["log"];
        let in_period = log["lines"].as_u64().unwrap()
            - log["outside_period"].as_u64().unwrap()
            - log["malformed"].as_u64().unwrap();
        (r["period"].clone(), in_period)
    };
    // 36 lines in April; the first second of 1 April in Vietnam is 17:00 UTC on 31 March.
    assert_eq!(views("2026-04-01", None), (serde_json::json!({"from": "2026-04-01", "to": "2026-04-01"}), 1));
    assert_eq!(views("2026-04", None).1, 36);
    assert_eq!(views("2026-Q2", None).1, 36 + 1, "April and the line of 1 May");
    assert_eq!(views("2026", None).1, 36 + 2);
    assert_eq!(views("2026-03", Some("2026-04")).1, 36 + 1);
    let bad = report(&site, &["--from", "2026-13"]);
    assert_eq!(bad.status, 2, "{}", bad.stderr);
    bad.says("không hiểu kỳ báo cáo `2026-13`").says("2026-Q2");
    let backwards = report(&site, &["--from", "2026-05", "--to", "2026-04"]);
    assert_eq!(backwards.status, 2);
    backwards.says("--to (2026-04-30) ở trước --from (2026-05-01)");
    // The forms Vietnamese documents use.
    let (r, _) = april_json(&site, &["--to", "30/04/2026"]);
    assert_eq!(r["period"], serde_json::json!({"from": "2026-04-01", "to": "2026-04-30"}));
}

#[test]
fn a_unit_reports_only_its_own_explainers() {
    let site = fixture();
    // Typed without capitals or tone marks, named as the explainers write it.
    let (r, _) = april_json(&site, &["--unit", "so b"]);
    assert_eq!(r["unit"], "Sở B");
    let titles: Vec<&str> =
        r["explainers"].as_array().unwrap().iter().map(|e| e["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Bài ba", "Hết hạn"]);
    assert_eq!(r["stations"], serde_json::json!([]), "the airings were of Sở A's explainers");
    assert_eq!(r["feeds"], serde_json::json!([]), "feeds belong to the whole site");
    // Day by day, only its own explainers' views (Hết hạn, once on 12 April).
    let days: u64 = r["daily"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["portal"].as_u64().unwrap() + d["embed"].as_u64().unwrap())
        .sum();
    assert_eq!(days, 1);
    assert_eq!(r["daily"][11], serde_json::json!({"date": "2026-04-12", "portal": 1, "embed": 0}));
    let (_, run) = april_json(&site, &["--unit", "Sở Không Có"]);
    run.says("không có bài nào của đơn vị `Sở Không Có`");
}

fn write_json(site: &TestSite, name: &str, value: &Value) -> String {
    site.write(name, &serde_json::to_string_pretty(value).unwrap());
    site.path(name).to_str().unwrap().to_string()
}

#[test]
fn the_department_merges_three_units_reports_into_a_table_per_unit_and_province_totals() {
    let site = fixture();
    let (a, _) = april_json(&site, &["--unit", "Sở A"]);
    let (b, _) = april_json(&site, &["--unit", "Sở B"]);
    let mut c = b.clone();
    c["unit"] = "Báo Lạng Sơn".into();
    let files =
        [write_json(&site, "a.json", &a), write_json(&site, "b.json", &b), write_json(&site, "c.json", &c)];
    let mut args = vec!["--format", "json", "--merge"];
    args.extend(files.iter().map(String::as_str));
    let run = report(&site, &args);
    run.assert_ok();
    assert!(!run.stderr.contains("cảnh báo: báo cáo của"), "same period, no warning: {}", run.stderr);
    let m: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(m["unit"], "Sở Thử nghiệm", "the department's own name");
    assert_eq!(m["period"], serde_json::json!({"from": "2026-04-01", "to": "2026-04-30"}));
    let units = m["units"].as_array().unwrap();
    let names: Vec<&str> = units.iter().map(|u| u["unit"].as_str().unwrap()).collect();
    assert_eq!(names, ["Sở A", "Sở B", "Báo Lạng Sơn"]);
    let sum = |key: &str, sub: &str| units.iter().map(|u| u[key][sub].as_u64().unwrap_or(0)).sum::<u64>();
    let portal = |r: &Value| {
        r["explainers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["views"]["portal"].as_u64().unwrap())
            .sum::<u64>()
    };
    assert_eq!(sum("views", "portal"), portal(&a) + 2 * portal(&b));
    assert_eq!(portal(&m), sum("views", "portal"), "province totals are the units' sum");
    assert_eq!(units[0]["airings"], 3);
    assert_eq!(m["log"]["lines"], 3 * 41);
    // The table per unit and the totals reach the documents.
    let md =
        report(&site, &[&["--merge"][..], &files.iter().map(String::as_str).collect::<Vec<_>>()].concat());
    md.assert_ok();
    assert!(
        md.stdout.contains("Theo đơn vị báo cáo") && md.stdout.contains("| Báo Lạng Sơn |"),
        "{}",
        md.stdout
    );
    assert!(md.stdout.contains("| Tổng cộng |"), "{}", md.stdout);
}

#[test]
fn bad_merges_are_warned_about_or_refused_naming_the_file() {
    let site = fixture();
    let (a, _) = april_json(&site, &["--unit", "Sở A"]);
    let a_file = write_json(&site, "a.json", &a);
    let again = write_json(&site, "a-lan-hai.json", &a);
    // The same unit and period twice: counted once.
    let run = report(&site, &["--format", "json", "--merge", &a_file, &again]);
    run.assert_ok()
        .says("báo cáo của Sở A cho kỳ 2026-04-01 – 2026-04-30 đã có; chỉ tính một lần")
        .says("a-lan-hai.json");
    let m: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(m["units"].as_array().unwrap().len(), 1);
    assert_eq!(m["log"]["lines"], 41);
    // Another period: warned about, counted.
    let mut may = a.clone();
    may["unit"] = "Sở C".into();
    may["period"] = serde_json::json!({"from": "2026-04-15", "to": "2026-05-14"});
    let may_file = write_json(&site, "c.json", &may);
    let run = report(&site, &["--format", "json", "--merge", &a_file, &may_file]);
    run.assert_ok().says("khác kỳ của báo cáo tổng hợp");
    // Not a loa report, another schema, not JSON: errors naming the file.
    let other = write_json(&site, "khac.json", &serde_json::json!({"title": "bảng tính"}));
    report(&site, &["--merge", &a_file, &other])
        .assert_fails()
        .says("không phải báo cáo JSON của loa")
        .says("khac.json");
    let mut v2 = a.clone();
    v2["schema"] = "loa-report/2".into();
    let v2_file = write_json(&site, "v2.json", &v2);
    report(&site, &["--merge", &v2_file]).assert_fails().says("loa-report/2").says("v2.json");
    let log = site.path("logs/access.log");
    let mixed = report(&site, &["--merge", &a_file, "--access-log", log.to_str().unwrap()]);
    assert_eq!(mixed.status, 2, "{}", mixed.stderr);
    mixed.says("--merge tổng hợp các báo cáo JSON đã có");
    site.write("hong.json", "{ \"schema\": ");
    report(&site, &["--merge", site.path("hong.json").to_str().unwrap()]).assert_fails().says("hong.json");
}

#[test]
fn the_output_never_replaces_the_sites_sources_or_the_inputs() {
    let site = fixture();
    let before = site.read("content/tin/bai-mot.md");
    let run = report(
        &site,
        &["--from", "2026-04", "--output", site.path("content/tin/bai-mot.md").to_str().unwrap()],
    );
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert_eq!(site.read("content/tin/bai-mot.md"), before);
    let log = site.path("logs/access.log");
    let run = report(
        &site,
        &["--access-log", log.to_str().unwrap(), "--format", "md", "--output", log.to_str().unwrap()],
    );
    assert_eq!(run.status, 2);
    assert_eq!(site.read("logs/access.log"), access_log());
    let run = report(&site, &["--from", "2026-04", "--output", site.path("bao-cao.pdf").to_str().unwrap()]);
    assert_eq!(run.status, 2);
    run.says("không biết định dạng báo cáo");
    report(&site, &["--from", "2026-04", "--format", "docx"]).says("phải ghi ra tệp");
}

/// Every text in a file, zipped or not (a .docx and an .xlsx are zip archives of XML).
fn readable_text(path: &std::path::Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    if !bytes.starts_with(b"PK") {
        return String::from_utf8_lossy(&bytes).into_owned();
    }
    let out = std::process::Command::new("python3")
        .args(["-c", "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nfor n in z.namelist(): sys.stdout.write(z.read(n).decode('utf-8', 'replace'))", path.to_str().unwrap()])
        .output()
        .expect("python3 reads zip files");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn no_address_user_agent_or_query_string_reaches_any_output_or_message() {
    let site = fixture();
    let logs = log_args(&site);
    let mut seen = String::new();
    for format in ["docx", "xlsx", "html", "md", "csv", "json"] {
        let out = site.path(&format!("out/bao-cao.{format}"));
        let mut args = vec!["--from", "2026-04", "--output", out.to_str().unwrap()];
        args.extend(logs.iter().map(String::as_str));
        let run = report(&site, &args);
        run.assert_ok();
        seen += &run.stderr;
        seen += &run.stdout;
    }
    let mut files = 0;
    for entry in std::fs::read_dir(site.path("out")).unwrap().flatten() {
        seen += &readable_text(&entry.path());
        files += 1;
    }
    assert!(files >= 6 + 5, "every format and the CSV tables: {files}");
    assert!(seen.contains("Bài một") && seen.contains("baolangson.vn"), "the reports were read");
    let unescaped = seen.replace("\\\"", "\"");
    for secret in [
        A1,
        A2,
        A3,
        A4,
        A5,
        UA1,
        UA2,
        "FixtureReaderThree",
        "192.0.2.55",
        "SECRETQUERY",
        "utm_source",
        GOOGLEBOT,
        FEEDLY,
    ] {
        assert!(!seen.contains(secret) && !unescaped.contains(secret), "{secret} leaked");
    }
}

#[test]
fn csv_tables_map_to_files_beside_the_one_asked_for() {
    let site = fixture();
    let logs = log_args(&site);
    let out = site.path("bang/bao-cao.csv");
    let mut args = vec!["--from", "2026-04", "--output", out.to_str().unwrap()];
    args.extend(logs.iter().map(String::as_str));
    report(&site, &args).assert_ok().says("Đã ghi báo cáo");
    let main = std::fs::read(&out).unwrap();
    assert!(main.starts_with("\u{feff}".as_bytes()), "a byte-order mark for spreadsheet programs");
    let text = String::from_utf8(main).unwrap();
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with("\u{feff}STT,Tên bài,Đơn vị,"), "{text}");
    assert!(text.contains(",Bài một,Sở A,Tin,2026-04-10,"), "{text}");
    for suffix in [
        "summary",
        "by-channel",
        "by-unit",
        "by-section",
        "by-topic",
        "by-month",
        "partners",
        "feeds",
        "stations",
        "sources",
    ] {
        let file = site.path(&format!("bang/bao-cao-{suffix}.csv"));
        assert!(file.is_file(), "{suffix}");
    }
    assert!(site.read("bang/bao-cao-stations.csv").contains("Đài truyền thanh xã Hữu Lũng,2,330"));
}

#[test]
fn hostile_titles_stations_and_lines_stay_text_in_every_format() {
    let site = fixture();
    site.write(
        "content/tin/doc-hai.md",
        &page(
            "<script>alert(1)</script> | =1+1 [x](javascript:y)",
            "date: 2026-04-25\nunit: \"=HYPERLINK(\\\"http://x\\\")\"\n",
        ),
    );
    site.write(
        "logs/doc-hai.csv",
        "date,time,station,explainer,duration_seconds\n2026-04-26,06:30,=CMD|' /C calc'!A0,tin/doc-hai.md,60\n",
    );
    // A line longer than a whole chunk, with no end, between two good lines.
    let mut log = line(A1, APR12, &get(&format!("{BASE}/doc-hai/")), 200, "-", UA1);
    log += &"x".repeat(3 << 20);
    log += "\n";
    log += &line(A2, APR12, &get(&format!("{BASE}/doc-hai/")), 200, "-", UA2);
    site.write("logs/dai.log", &log);
    let inputs = [
        "--from",
        "2026-04",
        "--access-log",
        site.path("logs/dai.log").to_str().unwrap().to_string().leak(),
        "--broadcast-log",
        site.path("logs/doc-hai.csv").to_str().unwrap().to_string().leak(),
    ];
    let (r, run) = {
        let mut args = inputs.to_vec();
        args.extend(["--format", "json"]);
        let run = report(&site, &args);
        run.assert_ok();
        (serde_json::from_str::<Value>(&run.stdout).unwrap(), run)
    };
    assert_eq!(r["log"]["lines"], 3);
    assert_eq!(r["log"]["malformed"], 1, "the overlong line is one malformed line");
    assert_eq!(explainer(&r, "doc-hai")["views"]["portal"], 2);
    run.says("dai.log:2:1");
    assert!(run.stderr.lines().all(|l| l.chars().count() < 400), "the quoted line is cut short");

    let out = |ext: &str| site.path(&format!("out/hostile.{ext}"));
    for ext in ["html", "md", "csv"] {
        let target = out(ext);
        let mut args = inputs.to_vec();
        args.extend(["--output", target.to_str().unwrap()]);
        report(&site, &args).assert_ok();
    }
    let html = std::fs::read_to_string(out("html")).unwrap();
    assert!(!html.contains("<script>"), "no script in the page");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let md = std::fs::read_to_string(out("md")).unwrap();
    assert!(
        md.contains("&lt;script&gt;alert\\(1\\)") || md.contains("&lt;script&gt;alert(1)&lt;/script&gt; \\|"),
        "{md}"
    );
    assert!(!md.contains("<script>") && !md.contains("[x](javascript"), "{md}");
    let csv = site.read("out/hostile.csv");
    assert!(csv.contains(",\"'=HYPERLINK("), "a unit that looks like a formula stays text: {csv}");
    let stations = site.read("out/hostile-stations.csv");
    assert!(stations.contains("'=CMD|"), "{stations}");
}

#[test]
fn the_signers_title_may_take_two_lines_and_english_sites_get_english_labels() {
    let site = fixture();
    site.write(
        "site.yaml",
        &SITE_YAML.replace(
            "signer_title: Giám đốc",
            "signer_title: \"KT. Giám đốc\\nPhó Giám đốc\"\n  signer: Nguyễn Văn A",
        ),
    );
    let run = report(&site, &["--from", "2026-04"]);
    run.assert_ok();
    assert!(run.stdout.contains("**KT. GIÁM ĐỐC**  \n**PHÓ GIÁM ĐỐC**"), "{}", run.stdout);
    assert!(run.stdout.contains("**Nguyễn Văn A**"), "{}", run.stdout);
    assert!(run
        .stdout
        .contains("Kết quả phổ biến, tuyên truyền nội dung trang “Trang thử” tháng 4 năm 2026"));
    let english = report(&site, &["--from", "2026-Q2", "--lang", "en"]);
    english.assert_ok();
    assert!(
        english.stdout.contains("# REPORT") && english.stdout.contains("in Q2 2026"),
        "{}",
        english.stdout
    );
    assert!(english.stdout.contains("| Portal views |"), "{}", english.stdout);
}

#[test]
fn the_output_is_refused_however_an_input_is_spelled_and_for_every_csv_table() {
    let site = fixture();
    let logs = site.path("logs");
    let log = logs.join("access.log");
    let spelled = logs.join("..").join("logs").join("access.log");
    let run = report(
        &site,
        &["--access-log", log.to_str().unwrap(), "--format", "md", "--output", spelled.to_str().unwrap()],
    );
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert_eq!(site.read("logs/access.log"), access_log());
    // `phat-song.csv` as the output would also write `phat-song-stations.csv`…; an input
    // named like one of those tables is refused too.
    site.write("logs/bang-stations.csv", BROADCAST_LOG);
    let csv_input = logs.join("bang-stations.csv");
    let run = report(
        &site,
        &[
            "--broadcast-log",
            csv_input.to_str().unwrap(),
            "--output",
            logs.join("bang.csv").to_str().unwrap(),
        ],
    );
    assert_eq!(run.status, 2, "{}", run.stderr);
    run.says("bang-stations.csv");
    assert_eq!(site.read("logs/bang-stations.csv"), BROADCAST_LOG);
    let run = report(&site, &["--format", "xlsx", "--output", site.path("bao-cao.docx").to_str().unwrap()]);
    assert_eq!(run.status, 2);
    run.says("--format xlsx không khớp");
}

#[test]
fn a_file_that_is_not_an_access_log_is_an_error_and_an_empty_period_is_said() {
    let site = fixture();
    site.write("logs/error.log", "2026/04/10 08:00:00 [error] 123#0: *1 open() failed\n{\"time\": \"x\"}\n");
    let run =
        report(&site, &["--from", "2026-04", "--access-log", site.path("logs/error.log").to_str().unwrap()]);
    run.assert_fails().says("không dòng nào trong 2 dòng là nhật ký truy cập").says("error.log");
    let log = site.path("logs/access.log");
    let run =
        report(&site, &["--from", "2027-01", "--format", "json", "--access-log", log.to_str().unwrap()]);
    run.assert_ok().says("không dòng nhật ký truy cập nào thuộc kỳ báo cáo 2027-01-01 – 2027-01-31");
}

#[test]
fn broadcast_logs_outside_the_period_in_utf16_or_an_old_code_page_are_handled() {
    let site = fixture();
    // Aired after the period, of a page published after it: outside, not unknown.
    site.write("content/tin/bai-sau.md", &page("Bài sau", "date: 2026-04-25\nunit: Sở A\n"));
    site.write(
        "logs/sau.csv",
        "date,time,station,explainer,duration_seconds\n2026-04-27,06:30,Đài,tin/bai-sau.md,0:04:04\n\
         2026-04-10,06:30,Đài,tin/bai-mot.md,0:04:04\n",
    );
    let run = report(
        &site,
        &[
            "--from",
            "2026-04-01",
            "--to",
            "2026-04-15",
            "--format",
            "json",
            "--broadcast-log",
            site.path("logs/sau.csv").to_str().unwrap(),
        ],
    );
    run.assert_ok();
    assert!(!run.stderr.contains("không tìm thấy"), "{}", run.stderr);
    let r: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(r["airing_log"]["outside_period"], 1);
    assert_eq!(explainer(&r, "bai-mot")["airtime_seconds"], 244, "h:mm:ss as a spreadsheet writes it");
    // UTF-16 with its mark, as "Unicode text".
    let text = "date\ttime\tstation\texplainer\tduration_seconds\n";
    let mut utf16 = vec![0xFF, 0xFE];
    let csv = text.replace('\t', ",") + "2026-04-11,06:30,Đài xã,tin/bai-mot.md,60\n";
    utf16.extend(csv.encode_utf16().flat_map(u16::to_le_bytes));
    site.write_bytes("logs/utf16.csv", &utf16);
    let r = april_with_broadcast_log(&site, "logs/utf16.csv");
    assert_eq!(r["stations"][0]["station"], "Đài xã");
    // Windows-1258 bytes: an error that says how to save the file.
    site.write_bytes(
        "logs/ansi.csv",
        b"date,time,station,explainer,duration_seconds\n2026-04-11,06:30,\xD0\xE0i,tin/bai-mot.md,60\n",
    );
    report(&site, &["--from", "2026-04", "--broadcast-log", site.path("logs/ansi.csv").to_str().unwrap()])
        .assert_fails()
        .says("không phải chữ Unicode (UTF-8)")
        .says("CSV UTF-8");
    // A bad value names the column as the file does and says how to write it.
    site.write("logs/sai-gio.csv", "Ngày,Giờ,Đài,Bài,Thời lượng\n2026-04-11,sáng,Đài,tin/bai-mot.md,60\n");
    report(&site, &["--from", "2026-04", "--broadcast-log", site.path("logs/sai-gio.csv").to_str().unwrap()])
        .assert_ok()
        .says("cột Giờ có giá trị `sáng`")
        .says("viết giờ dạng 06:30");
}

#[test]
fn merging_refuses_a_department_file_that_repeats_a_unit_and_leaves_out_other_periods() {
    let site = fixture();
    let (a, _) = april_json(&site, &["--unit", "Sở A"]);
    let (b, _) = april_json(&site, &["--unit", "Sở B"]);
    let a_file = write_json(&site, "a.json", &a);
    let b_file = write_json(&site, "b.json", &b);
    let both = report(&site, &["--format", "json", "--merge", &a_file, &b_file]);
    both.assert_ok();
    let both_file = write_json(&site, "ab.json", &serde_json::from_str(&both.stdout).unwrap());
    report(&site, &["--merge", &a_file, &both_file])
        .assert_fails()
        .says("tệp này gộp nhiều đơn vị, trong đó Sở A đã có");
    // Asked for May: April's reports are left out, with a warning each.
    let run = report(&site, &["--from", "2026-05", "--format", "json", "--merge", &a_file, &b_file]);
    run.assert_ok().says("nằm ngoài kỳ tổng hợp; không được tính");
    let m: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(m["units"], serde_json::json!([]));
    // The units' table adds up to the province's totals, explainers counted once.
    let md = report(&site, &["--merge", &a_file, &b_file]);
    let total = md
        .stdout
        .lines()
        .find(|l| l.starts_with("| Tổng cộng | 01/04/2026 | 30/04/2026 |"))
        .unwrap_or_else(|| panic!("{}", md.stdout));
    assert!(total.starts_with("| Tổng cộng | 01/04/2026 | 30/04/2026 | 2 |"), "{total}");
}
