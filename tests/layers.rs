//! Lower layers never import higher ones (ARCHITECTURE.md): a module's files name no
//! module above it. Comments may.

use std::path::Path;

/// (files below `src/`, modules they must not use).
const RULES: &[(&str, &[&str])] = &[
    (
        "text",
        &["config", "content", "site", "render", "outputs", "publish", "build", "serve", "memo", "pack"],
    ),
    // site.yaml and the pages are read alike (`content::read_text`): one layer.
    ("config", &["site", "render", "outputs", "publish", "build", "serve", "memo", "pack"]),
    ("content", &["site", "render", "outputs", "publish", "build", "serve", "memo", "pack"]),
    ("site", &["render", "outputs", "publish", "build", "serve", "memo", "pack"]),
    ("render", &["outputs", "publish", "unchanged", "build", "serve", "memo", "pack"]),
    ("outputs", &["publish", "unchanged", "build", "serve", "memo", "check", "pack"]),
    ("publish", &["unchanged", "build", "serve", "memo", "pack"]),
];

fn files(path: &Path) -> Vec<std::path::PathBuf> {
    if path.is_file() {
        return vec![path.to_path_buf()];
    }
    let mut all = Vec::new();
    for entry in std::fs::read_dir(path).unwrap().flatten() {
        all.extend(files(&entry.path()));
    }
    all.into_iter().filter(|p| p.extension().is_some_and(|x| x == "rs")).collect()
}

#[test]
fn lower_layers_never_import_higher_ones() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for (lower, higher) in RULES {
        for file in files(&src.join(lower)) {
            let text = std::fs::read_to_string(&file).unwrap();
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                for module in *higher {
                    if code.contains(&format!("crate::{module}::"))
                        || code.contains(&format!("crate::{module};"))
                    {
                        found.push(format!("{}:{}: uses crate::{module}", file.display(), n + 1));
                    }
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
