/* loa: instant feedback for quizzes. Without JavaScript the answer is still there,
   in the "show the answer" box under each quiz. */
(function () {
  "use strict";
  var vi = (document.documentElement.lang || "vi").indexOf("vi") === 0;
  var right = vi ? "Đúng rồi!" : "Right!";
  var wrong = vi ? "Chưa đúng. Hãy thử lại hoặc xem đáp án bên dưới." : "Not quite. Try again or see the answer below.";
  document.querySelectorAll(".quiz").forEach(function (quiz) {
    var answer = quiz.getAttribute("data-answer");
    var feedback = quiz.querySelector(".quiz-feedback");
    quiz.addEventListener("change", function (e) {
      if (!e.target || e.target.type !== "radio") return;
      var ok = e.target.value === answer;
      feedback.textContent = ok ? right : wrong;
      feedback.className = "quiz-feedback " + (ok ? "is-right" : "is-wrong");
    });
  });
})();
