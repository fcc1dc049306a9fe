//! Components: fenced blocks whose body is YAML (`comparison`, `faq`, `quiz`), rendered
//! as accessible HTML that works without JavaScript.

use serde::Deserialize;

use crate::messages::Lang;

pub const NAMES: [&str; 3] = ["comparison", "faq", "quiz"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comparison {
    #[serde(default)]
    pub title: Option<String>,
    pub left: String,
    pub right: String,
    pub rows: Vec<ComparisonRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComparisonRow {
    pub aspect: String,
    pub left: String,
    pub right: String,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct FaqItem {
    pub q: String,
    pub a: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quiz {
    pub question: String,
    pub choices: Vec<String>,
    pub answer: i64,
    #[serde(default)]
    pub explain: Option<String>,
}

/// A parsed component, ready to render.
#[derive(Debug)]
pub enum Component {
    Comparison(Comparison),
    Faq(Vec<FaqItem>),
    Quiz(Quiz),
}

/// Why a component body could not be used; the position is inside the YAML body.
pub enum ComponentError {
    Yaml(crate::yaml::YamlError),
    QuizAnswer { answer: i64, choices: usize },
}

impl Component {
    pub fn parse(name: &str, body: &str) -> Result<Component, ComponentError> {
        let c = match name {
            "comparison" => Component::Comparison(crate::yaml::from_str(body).map_err(ComponentError::Yaml)?),
            "faq" => Component::Faq(crate::yaml::from_str(body).map_err(ComponentError::Yaml)?),
            _ => {
                let quiz: Quiz = crate::yaml::from_str(body).map_err(ComponentError::Yaml)?;
                if quiz.answer < 1 || quiz.answer as usize > quiz.choices.len() {
                    return Err(ComponentError::QuizAnswer {
                        answer: quiz.answer,
                        choices: quiz.choices.len(),
                    });
                }
                Component::Quiz(quiz)
            }
        };
        Ok(c)
    }

    /// The component's words as plain text, for search.
    pub fn plain_text(&self) -> String {
        let mut words: Vec<&str> = Vec::new();
        match self {
            Component::Comparison(c) => {
                words.extend(c.title.as_deref());
                words.extend([c.left.as_str(), c.right.as_str()]);
                for r in &c.rows {
                    words.extend([r.aspect.as_str(), r.left.as_str(), r.right.as_str()]);
                }
            }
            Component::Faq(items) => {
                for i in items {
                    words.extend([i.q.as_str(), i.a.as_str()]);
                }
            }
            Component::Quiz(q) => {
                words.push(&q.question);
                words.extend(q.choices.iter().map(String::as_str));
                words.extend(q.explain.as_deref());
            }
        }
        words.join(" ")
    }

    /// The HTML for the page. `n` numbers components within the page, for unique ids.
    pub fn html(&self, n: usize, lang: Lang) -> String {
        let l = Labels::for_lang(lang);
        let mut out = String::new();
        match self {
            Component::Comparison(c) => {
                out.push_str("<figure class=\"comparison\">\n<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"");
                out.push_str(&format!("cmp-{n}\">\n<table>\n<caption id=\"cmp-{n}\">"));
                let caption = c.title.clone().unwrap_or_else(|| format!("{} – {}", c.left, c.right));
                push_escaped(&mut out, &caption);
                out.push_str("</caption>\n<thead><tr><th scope=\"col\">");
                push_escaped(&mut out, l.aspect);
                out.push_str("</th><th scope=\"col\">");
                push_escaped(&mut out, &c.left);
                out.push_str("</th><th scope=\"col\">");
                push_escaped(&mut out, &c.right);
                out.push_str("</th></tr></thead>\n<tbody>\n");
                for row in &c.rows {
                    out.push_str("<tr><th scope=\"row\">");
                    push_escaped(&mut out, &row.aspect);
                    out.push_str("</th><td>");
                    push_escaped(&mut out, &row.left);
                    out.push_str("</td><td>");
                    push_escaped(&mut out, &row.right);
                    out.push_str("</td></tr>\n");
                }
                out.push_str("</tbody>\n</table>\n</div>\n</figure>\n");
            }
            Component::Faq(items) => {
                out.push_str("<div class=\"faq\">\n");
                for item in items {
                    out.push_str("<details class=\"faq-item\">\n<summary>");
                    push_escaped(&mut out, &item.q);
                    out.push_str("</summary>\n<div class=\"faq-answer\"><p>");
                    push_escaped(&mut out, &item.a);
                    out.push_str("</p></div>\n</details>\n");
                }
                out.push_str("</div>\n");
            }
            Component::Quiz(q) => {
                let answer = q.answer as usize;
                out.push_str(&format!(
                    "<div class=\"quiz\" data-answer=\"{answer}\">\n<fieldset>\n<legend id=\"quiz-{n}-q\">"
                ));
                push_escaped(&mut out, &q.question);
                out.push_str("</legend>\n");
                for (i, choice) in q.choices.iter().enumerate() {
                    out.push_str(&format!(
                        "<div class=\"quiz-choice\"><input type=\"radio\" name=\"quiz-{n}\" id=\"quiz-{n}-{i}\" value=\"{}\"><label for=\"quiz-{n}-{i}\">{}. ",
                        i + 1,
                        letter(i)
                    ));
                    push_escaped(&mut out, choice);
                    out.push_str("</label></div>\n");
                }
                out.push_str(
                    "</fieldset>\n<p class=\"quiz-feedback\" role=\"status\" aria-live=\"polite\"></p>\n",
                );
                out.push_str("<details class=\"quiz-answer\">\n<summary>");
                push_escaped(&mut out, l.show_answer);
                out.push_str("</summary>\n<p><strong>");
                push_escaped(&mut out, l.answer);
                out.push_str(&format!(": {}. ", letter(answer - 1)));
                push_escaped(&mut out, &q.choices[answer - 1]);
                out.push_str("</strong></p>\n");
                if let Some(explain) = &q.explain {
                    out.push_str("<p>");
                    push_escaped(&mut out, explain);
                    out.push_str("</p>\n");
                }
                out.push_str("</details>\n</div>\n");
            }
        }
        out
    }
}

fn letter(i: usize) -> char {
    (b'A' + (i % 26) as u8) as char
}

/// Words the components show readers.
struct Labels {
    aspect: &'static str,
    show_answer: &'static str,
    answer: &'static str,
}

impl Labels {
    fn for_lang(lang: Lang) -> Labels {
        match lang {
            Lang::Vi => {
                Labels { aspect: "Khía cạnh", show_answer: "Xem đáp án", answer: "Đáp án đúng" }
            }
            Lang::En => Labels { aspect: "Aspect", show_answer: "Show the answer", answer: "Right answer" },
        }
    }
}

pub use crate::text::push_escaped;

/// FAQPage JSON-LD for the questions of one page, safe to place in a `<script>`.
pub fn faq_json_ld(items: &[FaqItem]) -> String {
    let entities: Vec<serde_json::Value> = items
        .iter()
        .map(|i| {
            serde_json::json!({
                "@type": "Question",
                "name": i.q,
                "acceptedAnswer": { "@type": "Answer", "text": i.a },
            })
        })
        .collect();
    let doc = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": entities,
    });
    script_safe_json(&doc)
}

/// JSON that cannot end a `<script>` element early.
pub fn script_safe_json(doc: &serde_json::Value) -> String {
    doc.to_string().replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}
