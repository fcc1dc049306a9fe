// The editor's form: characters counted as you type; a toolbar (headings, bold,
// italic, lists, a link to another explainer, a picture, and the comparison, FAQ and
// quiz components through small forms that write a valid block); the clipboard's HTML
// from Word or a web page pasted as Markdown; term suggestions; and the live preview
// beside the form, with each problem shown in the field it concerns.
// Compiled into loa; loads nothing from elsewhere. Without it the form still saves.
(function () {
  "use strict";
  var body = document.getElementById("body");
  var form = document.getElementById("bai");
  if (!body || !form) return;
  var base = form.getAttribute("data-base") || "/";
  var pagePath = form.getAttribute("data-page") || "";
  var token = form.querySelector('[name="token"]').value;
  var post = function (address, data) {
    data.set("token", token);
    return fetch(base + "__loa/edit/" + address, { method: "POST", body: data, credentials: "same-origin" });
  };

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

  // The date as a Vietnamese reader says it, whatever the browser's own format.
  var date = document.getElementById("date"), dateSaid = document.getElementById("date-doc");
  var sayDate = function () {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.value);
    dateSaid.textContent = m ? "Ngày đăng: " + m[3] + "/" + m[2] + "/" + m[1] + " (ngày " + Number(m[3]) +
      " tháng " + Number(m[2]) + " năm " + m[1] + ")" : "Chưa chọn ngày đăng.";
  };
  if (date && dateSaid) { date.addEventListener("input", sayDate); sayDate(); }

  // Term suggestions for a comma-separated field: the site's terms after what is typed.
  ["topics", "audiences"].forEach(function (id) {
    var field = document.getElementById(id), list = document.getElementById("goi-y-" + id);
    if (!field || !list) return;
    var terms = Array.from(list.options).map(function (o) { return o.value; });
    field.addEventListener("input", function () {
      var cut = field.value.lastIndexOf(",");
      var before = cut < 0 ? "" : field.value.slice(0, cut + 1) + " ";
      var chosen = field.value.split(",").map(function (t) { return t.trim(); });
      list.replaceChildren.apply(list, terms.filter(function (t) { return chosen.indexOf(t) < 0; }).map(function (t) {
        var o = document.createElement("option");
        o.value = before + t;
        return o;
      }));
    });
  });

  // Text put in at the cursor (a block on lines of its own).
  var replace = function (start, end, text, selectFrom, selectTo) {
    body.setRangeText(text, start, end, "end");
    if (selectFrom !== undefined) body.setSelectionRange(start + selectFrom, start + selectTo);
    body.focus();
    body.dispatchEvent(new Event("input", { bubbles: true }));
  };
  var insertBlock = function (block) {
    var at = body.selectionStart;
    var before = body.value.slice(0, at), after = body.value.slice(at);
    var lead = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
    var tail = after.startsWith("\n") ? "\n" : "\n\n";
    replace(at, at, lead + block + tail);
  };
  var wrap = function (mark) {
    var s = body.selectionStart, e = body.selectionEnd, chosen = body.value.slice(s, e) || "chữ";
    replace(s, e, mark + chosen + mark, mark.length, mark.length + chosen.length);
  };
  var prefixLines = function (make) {
    var s = body.value.lastIndexOf("\n", body.selectionStart - 1) + 1;
    var e = body.value.indexOf("\n", body.selectionEnd);
    if (e < 0) e = body.value.length;
    var lines = body.value.slice(s, e).split("\n").map(function (l, i) { return make(l.replace(/^(#+ |- |\d+\. )/, ""), i); });
    replace(s, e, lines.join("\n"));
  };
  var formats = {
    heading: function () { prefixLines(function (l) { return "## " + l; }); },
    bold: function () { wrap("**"); },
    italic: function () { wrap("*"); },
    list: function () { prefixLines(function (l) { return "- " + l; }); },
    numbered: function () { prefixLines(function (l, i) { return (i + 1) + ". " + l; }); }
  };
  document.querySelectorAll("[data-format]").forEach(function (button) {
    button.addEventListener("click", function () { formats[button.getAttribute("data-format")](); });
  });
  body.addEventListener("keydown", function (event) {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    var key = event.key.toLowerCase();
    if (key === "b" || key === "i") {
      event.preventDefault();
      formats[key === "b" ? "bold" : "italic"]();
    }
  });

  // A YAML string that is always read back as written.
  var q = function (text) {
    return '"' + String(text).replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r?\n/g, " ") + '"';
  };
  var val = function (dialog, name) {
    return Array.from(dialog.querySelectorAll('[name="' + name + '"]')).map(function (e) { return e.value.trim(); });
  };

  // "Liên kết tới bài khác": explainers found by title (tone marks optional); the
  // link is written as the path from this page's folder to the other's file.
  var pages = JSON.parse((document.getElementById("cac-bai") || {}).textContent || "[]");
  var fold = function (t) { return t.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase(); };
  var folder = function () {
    if (pagePath) return pagePath.split("/").slice(0, -1);
    var section = document.getElementById("section");
    return section && section.value ? section.value.split("/") : [];
  };
  var relative = function (target) {
    var from = folder(), to = target.split("/"), i = 0;
    while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
    return from.slice(i).map(function () { return ".."; }).concat(to.slice(i)).join("/");
  };
  var linkSearch = document.getElementById("lk-tim"), linkResults = document.getElementById("lk-ket-qua");
  var linkText = document.getElementById("lk-chu");
  var showPages = function () {
    if (!linkSearch || !linkResults) return;
    var wanted = fold(linkSearch.value.trim());
    var found = pages.filter(function (p) { return p.p !== pagePath && fold(p.t).indexOf(wanted) >= 0; }).slice(0, 12);
    linkResults.replaceChildren.apply(linkResults, found.map(function (p, i) {
      var label = document.createElement("label"), radio = document.createElement("input");
      radio.type = "radio"; radio.name = "target"; radio.value = p.p; radio.checked = i === 0;
      radio.setAttribute("data-title", p.t);
      label.append(radio, " " + p.t);
      label.style.display = "block";
      return label;
    }));
    if (!found.length) linkResults.textContent = "Không có bài nào có tiêu đề này.";
  };
  if (linkSearch) linkSearch.addEventListener("input", showPages);

  // "Chèn ảnh": the picture is uploaded beside the page, then named in the text.
  var pictureError = document.getElementById("anh-loi");

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
  var escapeText = function (t) { return t.replace(/([\\\[\]*_`<>])/g, "\\$1"); };
  var done = {
    link: function (d, selection) {
      var chosen = d.querySelector('[name="target"]:checked');
      if (!chosen) return Promise.resolve(false);
      var text = linkText.value.trim() || selection.text || chosen.getAttribute("data-title");
      replace(selection.start, selection.end, "[" + escapeText(text) + "](" + relative(chosen.value) + ")");
      return Promise.resolve(true);
    },
    picture: function (d, selection) {
      var file = document.getElementById("anh-tep").files[0], alt = document.getElementById("anh-mo-ta").value.trim();
      var data = new FormData();
      data.set("file", file);
      data.set("page", pagePath);
      var section = document.getElementById("section");
      data.set("section", section ? section.value : "");
      return post("anh", data).then(function (r) {
        return r.text().then(function (text) {
          if (!r.ok) { pictureError.textContent = text; return false; }
          body.setSelectionRange(selection.start, selection.start);
          insertBlock("![" + escapeText(alt) + "](" + text + ")");
          return true;
        });
      });
    }
  };
  document.querySelectorAll("[data-dialog]").forEach(function (button) {
    var dialog = document.getElementById(button.getAttribute("data-dialog"));
    var selection = { start: 0, end: 0, text: "" };
    button.addEventListener("click", function () {
      selection = { start: body.selectionStart, end: body.selectionEnd,
        text: body.value.slice(body.selectionStart, body.selectionEnd) };
      if (dialog.id === "hop-lien-ket") { linkText.value = selection.text; showPages(); }
      if (pictureError) pictureError.textContent = "";
      dialog.showModal();
    });
    dialog.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
      var kind = dialog.getAttribute("data-kind");
      if (makers[kind]) {
        body.setSelectionRange(selection.start, selection.start);
        insertBlock(makers[kind](dialog));
        dialog.close();
        return;
      }
      done[kind](dialog, selection).then(function (ok) { if (ok) dialog.close(); });
    });
    dialog.querySelector("[data-cancel]").addEventListener("click", function () { dialog.close(); body.focus(); });
    // Closing gives the focus back to the toolbar's button, where the next Enter would
    // open the dialog again: the writer goes on in the text instead.
    dialog.addEventListener("close", function () { body.focus(); });
  });

  // Enter in a one-line field (title, topics …) would save a half-written page: only
  // the «Lưu» button saves.
  form.addEventListener("keydown", function (event) {
    var field = event.target;
    if (event.key === "Enter" && field.tagName === "INPUT" && field.type !== "submit") event.preventDefault();
  });
  var toolbar = document.querySelector(".toolbar");
  if (toolbar) toolbar.hidden = false;

  // Pasting from Word or a web page: the HTML on the clipboard, converted by loa to
  // clean Markdown, goes in at the cursor. Plain text is pasted as it is.
  body.addEventListener("paste", function (event) {
    var html = event.clipboardData && event.clipboardData.getData("text/html");
    if (!html) return;
    event.preventDefault();
    var start = body.selectionStart, end = body.selectionEnd;
    var data = new FormData();
    data.set("html", html);
    post("dan", data).then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); }).then(function (markdown) {
      replace(start, end, markdown.replace(/\n+$/, ""));
    }, function () {
      replace(start, end, event.clipboardData.getData("text/plain"));
    });
  });

  // The live preview: the form's text as loa renders it, a moment after typing stops.
  var panel = document.getElementById("xem-truoc"), frame = document.getElementById("khung-xem-truoc");
  var said = document.getElementById("xem-truoc-trang-thai");
  var fieldIds = ["title", "summary", "date", "topics", "audiences", "channels", "unit", "image", "image_alt"];
  var showProblems = function (problems) {
    var by = {};
    problems.forEach(function (p) {
      var field = fieldIds.indexOf(p.field) >= 0 || p.field === "body" ? p.field : "general";
      (by[field] = by[field] || []).push(p);
    });
    fieldIds.concat(["body", "general"]).forEach(function (id) {
      var place = document.getElementById(id + "-van-de"), list = by[id] || [];
      var input = document.getElementById(id);
      if (!place) return;
      place.hidden = list.length === 0;
      if (input) {
        if (list.some(function (p) { return p.error; })) input.setAttribute("aria-invalid", "true");
        else input.removeAttribute("aria-invalid");
      }
      var text = function (p) {
        return (p.error ? "Lỗi: " : "Cảnh báo: ") + (p.where ? "trong " + p.where + ": " : "") +
          (p.line ? "dòng " + p.line + " của nội dung: " : "") + p.text +
          (p.help ? " (Cách sửa: " + p.help + ")" : "");
      };
      if (id === "body" || id === "general") {
        var ul = document.createElement("ul");
        list.forEach(function (p) { var li = document.createElement("li"); li.textContent = text(p); ul.append(li); });
        place.replaceChildren(ul);
      } else {
        place.textContent = list.map(text).join(" ");
      }
    });
    var errors = problems.filter(function (p) { return p.error; }).length;
    said.textContent = "Cập nhật lúc " + new Date().toLocaleTimeString("vi-VN") + ": " + errors + " lỗi, " +
      (problems.length - errors) + " cảnh báo.";
  };
  var timer = 0, running = false, again = false;
  var refresh = function () {
    if (running) { again = true; return; }
    running = true;
    var data = new FormData(form);
    data.delete("image_file");
    data.set("page", pagePath);
    post("xem-thu", data).then(function (r) { return r.json(); }).then(function (answer) {
      if (answer.page) frame.srcdoc = answer.page;
      showProblems(answer.problems || []);
      if (!answer.page) {
        said.textContent += " Chưa có trang để xem: bài còn lỗi, hoặc không chọn kênh «Cổng thông tin».";
      }
    }).catch(function () {
      said.textContent = "Chưa xem trước được: loa serve còn chạy không?";
    }).then(function () {
      running = false;
      if (again) { again = false; refresh(); }
    });
  };
  if (panel && frame && window.fetch) {
    panel.hidden = false;
    form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(refresh, 400); });
    form.addEventListener("change", function () { clearTimeout(timer); timer = setTimeout(refresh, 400); });
    refresh();
  }

  // The name a save is signed with, remembered on this machine.
  var who = document.getElementById("who");
  try {
    if (who && localStorage.getItem("loa-nguoi-sua")) who.value = localStorage.getItem("loa-nguoi-sua");
    if (who) who.addEventListener("change", function () { localStorage.setItem("loa-nguoi-sua", who.value); });
  } catch (e) { /* storage off: the system's name stays */ }
})();
