# Sourced by compare.sh and scale.sh (not run).
# loa_corpora DIR: the loa corpus in DIR with every page on every channel (the corpus
# gives each page a random subset, which Hugo ignores: Hugo builds every page), and a
# like-for-like copy beside it, DIR-lfl, writing the portal's pages and one feed only.
loa_corpora() {
    python3 - "$1" <<'PY'
import pathlib, re, sys
for f in pathlib.Path(sys.argv[1], "content").rglob("*.md"):
    text = f.read_text(encoding="utf-8")
    f.write_text(re.sub(r"^channels:\n(?:  - .*\n)*", "", text, flags=re.M), encoding="utf-8")
PY
    cp -r "$1" "$1-lfl"
    echo 'outputs: [site_feed]' >> "$1-lfl/site.yaml"
}
