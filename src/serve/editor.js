// The editor's form: characters counted as you type, and the comparison, FAQ and quiz
// components inserted at the cursor through small forms that write a valid block.
// Compiled into loa; loads nothing.
(function () {
  "use strict";
  var body = document.getElementById("body");
  if (!body) return;

  // Counters: the lengths the checks warn about (social cards cut longer text).
  [["title", 70], ["summary", 160]].forEach(function (pair) {
    var field = document.getElementById(pair[0]);
    var out = document.getElementById(pair[0] + "-dem");
    if (!field || !out) return;
    var show = function () {
      var n = Array.from(field.value).length;
      out.textContent = n + "/" + pair[1] + " ký tự" + (n > pair[1] ? " (dài quá)" : "");
    };
    field.addEventListener("input", show);
    show();
  });

  // A YAML string that is always read back as written.
  var q = function (text) {
    return '"' + String(text).replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r?\n/g, " ") + '"';
  };
  var val = function (dialog, name) {
    return Array.from(dialog.querySelectorAll('[name="' + name + '"]')).map(function (e) { return e.value.trim(); });
  };
  var insert = function (block) {
    var at = body.selectionStart || body.value.length;
    var before = body.value.slice(0, at), after = body.value.slice(at);
    var lead = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
    body.value = before + lead + block + "\n" + (after.startsWith("\n") ? "" : "\n") + after;
    body.focus();
  };
  var makers = {
    comparison: function (d) {
      var rows = [];
      var aspects = val(d, "aspect"), lefts = val(d, "left_cell"), rights = val(d, "right_cell");
      aspects.forEach(function (a, i) {
        if (a || lefts[i] || rights[i]) {
          rows.push("  - aspect: " + q(a) + "\n    left: " + q(lefts[i]) + "\n    right: " + q(rights[i]));
        }
      });
      return "```comparison\ntitle: " + q(val(d, "cmp_title")[0]) + "\nleft: " + q(val(d, "left")[0]) +
        "\nright: " + q(val(d, "right")[0]) + "\nrows:\n" + rows.join("\n") + "\n```";
    },
    faq: function (d) {
      var qs = val(d, "q"), as = val(d, "a"), items = [];
      qs.forEach(function (x, i) { if (x) items.push("- q: " + q(x) + "\n  a: " + q(as[i])); });
      return "```faq\n" + items.join("\n") + "\n```";
    },
    quiz: function (d) {
      var choices = val(d, "choice").filter(function (c) { return c; });
      return "```quiz\nquestion: " + q(val(d, "question")[0]) + "\nchoices: [" + choices.map(q).join(", ") +
        "]\nanswer: " + val(d, "answer")[0] + "\nexplain: " + q(val(d, "explain")[0]) + "\n```";
    }
  };
  document.querySelectorAll("[data-dialog]").forEach(function (button) {
    var dialog = document.getElementById(button.getAttribute("data-dialog"));
    button.hidden = false;
    button.addEventListener("click", function () { dialog.showModal(); });
    dialog.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
      insert(makers[dialog.getAttribute("data-kind")](dialog));
      dialog.close();
    });
    dialog.querySelector("[data-cancel]").addEventListener("click", function () { dialog.close(); });
  });
})();
