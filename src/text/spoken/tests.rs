use std::collections::BTreeMap;

use super::*;

/// Written text and what an announcer says, kind by kind.
const CASES: &[(&str, &str)] = &[
    // Abbreviations: the built-in glossary, no doubled head word, capitals kept.
    ("Ông là cán bộ UBND xã.", "Ông là cán bộ Ủy ban nhân dân xã."),
    ("UBND tỉnh họp.", "Ủy ban nhân dân tỉnh họp."),
    ("CNTT là công cụ.", "Công nghệ thông tin là công cụ."),
    ("OTP là mã dùng một lần.", "Mã xác thực một lần là mã dùng một lần."),
    ("Nhập mã OTP gửi về máy.", "Nhập mã xác thực một lần gửi về máy."),
    ("Chỉ số DTI của tỉnh tăng.", "Chỉ số chuyển đổi số của tỉnh tăng."),
    ("tài khoản VNeID mức 2", "tài khoản vê en e ai đi mức hai"),
    ("ứng dụng công nghệ thông tin (CNTT) trong", "ứng dụng công nghệ thông tin trong"),
    ("GRDP của tỉnh tăng.", "Tổng sản phẩm trên địa bàn của tỉnh tăng."),
    ("MTTQ các cấp", "Mặt trận Tổ quốc các cấp"),
    ("Sóng 5G phủ khắp", "Sóng năm giê phủ khắp"),
    ("theo QĐ của tỉnh", "theo quyết định của tỉnh"),
    ("sản phẩm OCOP", "sản phẩm ô cốp"),
    ("quét mã QR", "quét mã kiu a"),
    ("thẻ BHYT", "thẻ bảo hiểm y tế"),
    ("các TTHC", "các thủ tục hành chính"),
    ("cấp CCCD", "cấp căn cước công dân"),
    ("cả HĐND và UBND", "cả Hội đồng nhân dân và Ủy ban nhân dân"),
    ("dùng AI để", "dùng trí tuệ nhân tạo để"),
    ("xã NTM", "xã nông thôn mới"),
    // Document numbers, from the symbol's parts.
    (
        "Quyết định 749/QĐ-TTg ngày 3/6/2020",
        "Quyết định số bảy trăm bốn mươi chín của Thủ tướng Chính phủ ngày mồng ba tháng sáu năm hai nghìn không trăm hai mươi",
    ),
    ("theo Quyết định số 749/QĐ-TTg,", "theo Quyết định số bảy trăm bốn mươi chín của Thủ tướng Chính phủ,"),
    (
        "Nghị định 42/2022/NĐ-CP quy định",
        "Nghị định số bốn mươi hai năm hai nghìn không trăm hai mươi hai của Chính phủ quy định",
    ),
    ("theo 333/KH-UBND,", "theo kế hoạch số ba trăm ba mươi ba của Ủy ban nhân dân,"),
    ("Nghị quyết 57-NQ/TW về", "Nghị quyết số năm mươi bảy của Trung ương về"),
    ("Nghị quyết 49-NQ/TU", "Nghị quyết số bốn mươi chín của Tỉnh ủy"),
    (
        "Luật số 20/2023/QH15",
        "Luật số hai mươi năm hai nghìn không trăm hai mươi ba của Quốc hội khóa mười lăm",
    ),
    (
        "Thông tư 01/2023/TT-BTTTT",
        "Thông tư số một năm hai nghìn không trăm hai mươi ba của Bộ Thông tin và Truyền thông",
    ),
    ("Quyết định 06/QĐ-TTg", "Quyết định số sáu của Thủ tướng Chính phủ"),
    ("Công văn 244/CĐSQG-CSS", "Công văn số hai trăm bốn mươi tư"),
    (
        "Nghị định 13/2023/NĐ-CP của Chính phủ quy định",
        "Nghị định số mười ba năm hai nghìn không trăm hai mươi ba của Chính phủ quy định",
    ),
    (
        "Quyết định 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ",
        "Quyết định số sáu ngày mồng sáu tháng một năm hai nghìn không trăm hai mươi hai của Thủ tướng Chính phủ",
    ),
    (
        "Ủy ban nhân dân tỉnh ban hành Kế hoạch 203/KH-UBND",
        "Ủy ban nhân dân tỉnh ban hành Kế hoạch số hai trăm linh ba",
    ),
    ("Ngày Chuyển đổi số quốc gia 10/10", "Ngày Chuyển đổi số quốc gia mồng mười tháng mười"),
    ("sóng 3G, 4G", "sóng ba giê, bốn giê"),
    // Dates: "mồng" for the first ten days, leading zeros, bare dates after a date word.
    ("ngày 15/4/2023", "ngày mười lăm tháng tư năm hai nghìn không trăm hai mươi ba"),
    ("ngày 5/4/2024", "ngày mồng năm tháng tư năm hai nghìn không trăm hai mươi tư"),
    ("ngày 03/6/2020", "ngày mồng ba tháng sáu năm hai nghìn không trăm hai mươi"),
    ("ngày 03 tháng 6", "ngày mồng ba tháng sáu"),
    ("ngày 10/10 hằng năm", "ngày mồng mười tháng mười hằng năm"),
    ("từ 1/7 tới", "từ mồng một tháng bảy tới"),
    ("dịp 2/9 năm nay", "dịp mồng hai tháng chín năm nay"),
    ("đến 31/12/2025", "đến ngày ba mươi mốt tháng mười hai năm hai nghìn không trăm hai mươi lăm"),
    ("trước 15/11", "trước mười lăm tháng mười một"),
    ("tháng 7/2022", "tháng bảy năm hai nghìn không trăm hai mươi hai"),
    ("tháng 1", "tháng một"),
    ("tháng 4", "tháng tư"),
    ("(2023-04-15)", "(Ngày mười lăm tháng tư năm hai nghìn không trăm hai mươi ba)"),
    ("vào (2023-04-15)", "vào (ngày mười lăm tháng tư năm hai nghìn không trăm hai mươi ba)"),
    ("năm 2025", "năm hai nghìn không trăm hai mươi lăm"),
    // Ranks, quarters, times.
    ("xếp thứ 16/63 cả nước", "xếp thứ mười sáu trên sáu mươi ba cả nước"),
    ("lần thứ 4", "lần thứ tư"),
    ("hạng thứ 1", "hạng thứ nhất"),
    ("trong quý I/2025", "trong quý một năm hai nghìn không trăm hai mươi lăm"),
    ("đến quý IV", "đến quý bốn"),
    ("lúc 8h30 sáng", "lúc tám giờ ba mươi sáng"),
    ("từ 7h đến 17h", "từ bảy giờ đến mười bảy giờ"),
    ("lúc 14:05", "lúc mười bốn giờ năm"),
    ("lúc 8 giờ 30", "lúc tám giờ ba mươi"),
    // Numbers, ranges, shares, percentages.
    ("tăng 10-15%", "tăng mười đến mười lăm phần trăm"),
    ("mất 2–5 ngày", "mất hai đến năm ngày"),
    ("giảm 1/3 thời gian", "giảm một phần ba thời gian"),
    ("có 3/4 số hộ", "có ba phần tư số hộ"),
    ("phục vụ 24/7", "phục vụ hai mươi tư trên bảy"),
    ("đạt 12,5%", "đạt mười hai phẩy năm phần trăm"),
    ("đạt 80%", "đạt tám mươi phần trăm"),
    ("là 0,05", "là không phẩy không năm"),
    ("có 1.000 hồ sơ", "có một nghìn hồ sơ"),
    ("có 813.978 người", "có tám trăm mười ba nghìn chín trăm bảy mươi tám người"),
    ("có 05 người", "có năm người"),
    ("có 113 xã", "có một trăm mười ba xã"),
    ("2025 là năm bản lề.", "Hai nghìn không trăm hai mươi lăm là năm bản lề."),
    // Money.
    ("phí 50.000đ", "phí năm mươi nghìn đồng"),
    ("giá 50.000 đ", "giá năm mươi nghìn đồng"),
    ("hỗ trợ 2 triệu đồng", "hỗ trợ hai triệu đồng"),
    ("hỗ trợ 1,5 triệu VNĐ", "hỗ trợ một phẩy năm triệu đồng"),
    ("khoảng 100 USD", "khoảng một trăm đô la Mỹ"),
    // Phone numbers and hotlines, digit by digit in groups.
    ("gọi 0912 345 678 để", "gọi không chín một hai, ba bốn năm, sáu bảy tám để"),
    ("số 0912.345.678", "số không chín một hai, ba bốn năm, sáu bảy tám"),
    ("gọi 0912345678", "gọi không chín một hai, ba bốn năm, sáu bảy tám"),
    ("máy bàn 0205 3812 345", "máy bàn không hai không năm, ba tám một hai, ba bốn năm"),
    ("gọi 113 khi", "gọi một một ba khi"),
    ("gọi 113, 114 hoặc 115.", "gọi một một ba, một một bốn hoặc một một năm."),
    ("đường dây nóng 1022", "đường dây nóng một không hai hai"),
    ("tổng đài 1800 1091", "tổng đài một tám không không, một không chín một"),
    // Web and e-mail addresses, spelled.
    ("vào dichvucong.gov.vn để", "vào dichvucong chấm gốp chấm vê en để"),
    ("trang https://langson.gov.vn/", "trang langson chấm gốp chấm vê en"),
    ("trang www.chinhphu.vn", "trang vê kép vê kép vê kép chấm chinhphu chấm vê en"),
    ("thư hotro@langson.gov.vn", "thư hotro a còng langson chấm gốp chấm vê en"),
    ("Cổng dichvucong.gov.vn.", "Cổng dichvucong chấm gốp chấm vê en."),
    ("trang cds-langson.gov.vn", "trang xê dê ét gạch ngang langson chấm gốp chấm vê en"),
    ("đuôi .gov.vn là của cơ quan nhà nước", "đuôi chấm gốp chấm vê en là của cơ quan nhà nước"),
    // Plain words are left alone.
    ("Bà con nông dân bán hàng trên mạng.", "Bà con nông dân bán hàng trên mạng."),
    ("Thanh toán không dùng tiền mặt", "Thanh toán không dùng tiền mặt"),
];

#[test]
fn each_kind_of_written_form_is_said_as_an_announcer_says_it() {
    let site = BTreeMap::new();
    let glossary = Glossary::new(&site);
    assert!(CASES.len() >= 80, "{} cases", CASES.len());
    let wrong: Vec<String> = CASES
        .iter()
        .filter_map(|(written, said)| {
            let got = speak(written, glossary);
            (got != *said).then(|| format!("{written:?}\n  said:   {got:?}\n  wanted: {said:?}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{} of {}:\n{}", wrong.len(), CASES.len(), wrong.join("\n"));
}

#[test]
fn site_yaml_extends_and_overrides_the_built_in_glossary() {
    let site = BTreeMap::from([
        ("OTP".to_string(), "mật khẩu một lần".to_string()),
        ("THT".to_string(), "tổ hợp tác".to_string()),
    ]);
    let glossary = Glossary::new(&site);
    assert_eq!(speak("Nhập mã OTP của THT.", glossary), "Nhập mã mật khẩu một lần của tổ hợp tác.");
    assert_eq!(speak("Nhập mã OTP.", Glossary::built_in()), "Nhập mã xác thực một lần.");
}

#[test]
fn capitals_no_glossary_knows_are_found() {
    let text = "CNTT và XYZ, quý IV, 749/QĐ-TTg, KH&CN, ABC và XYZ lần nữa; a B.";
    assert_eq!(unknown_capitals(text, Glossary::built_in()), ["XYZ", "ABC"]);
}

#[test]
fn counted_speech_gives_each_written_word_its_spoken_syllables() {
    let text = "Ứng dụng công nghệ thông tin (CNTT) theo Quyết định 749/QĐ-TTg ngày 3/6/2020: \
                12,5% xã, 1.000 hồ sơ, tháng 4, thứ 1; gọi 0912 345 678 – CNTT. «Xong» — 2–5.";
    let glossary = Glossary::built_in();
    let (spoken, counts) = speak_counted(text, glossary);
    assert_eq!(spoken, speak(text, glossary));
    assert_eq!(counts.len(), crate::text::words(text).count());
    assert_eq!(counts.iter().sum::<u32>() as usize, crate::text::syllable_count(&spoken));
    let written: Vec<&str> = crate::text::words(text).collect();
    let said = |word: &str| counts[written.iter().position(|w| *w == word).unwrap()];
    assert_eq!((said("(CNTT)"), said("12,5%"), said("Ứng"), said("–")), (0, 6, 1, 0));
    assert_eq!(said("749/QĐ-TTg"), 11, "số bảy trăm bốn mươi chín của Thủ tướng Chính phủ");

    let (_, counts) = speak_counted("Bà con dùng Zalo, Facebook và Internet.", glossary);
    assert_eq!(counts, [1, 1, 1, 2, 3, 1, 3], "foreign words by their groups of vowels");
}

#[test]
fn whole_numbers_read_the_northern_radio_way() {
    let cases: &[(u64, &str)] = &[
        (0, "không"),
        (1, "một"),
        (4, "bốn"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (55, "năm mươi lăm"),
        (100, "một trăm"),
        (101, "một trăm linh một"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (115, "một trăm mười lăm"),
        (999, "chín trăm chín mươi chín"),
        (1000, "một nghìn"),
        (1005, "một nghìn không trăm linh năm"),
        (1010, "một nghìn không trăm mười"),
        (2023, "hai nghìn không trăm hai mươi ba"),
        (10_000, "mười nghìn"),
        (100_000, "một trăm nghìn"),
        (238_000, "hai trăm ba mươi tám nghìn"),
        (813_978, "tám trăm mười ba nghìn chín trăm bảy mươi tám"),
        (1_000_000, "một triệu"),
        (1_000_001, "một triệu không trăm linh một"),
        (12_500_000, "mười hai triệu năm trăm nghìn"),
        (1_000_000_000, "một tỷ"),
        (2_500_000_000, "hai tỷ năm trăm triệu"),
        (1_000_000_000_000, "một nghìn tỷ"),
        (1_500_000_000_000, "một nghìn năm trăm tỷ"),
        (1_005_000_000, "một tỷ không trăm linh năm triệu"),
        (1_000_000_001, "một tỷ không trăm linh một"),
    ];
    for (n, words) in cases {
        assert_eq!(number_words(*n), *words, "{n}");
    }
}
