// Polls a bulk job's status (core:job_status) and updates the progress bar until the job is finished.
(function () {
  "use strict";
  var card = document.querySelector("[data-job-status]");
  if (!card) { return; }
  var url = card.getAttribute("data-job-status");
  var bar = card.querySelector("[data-job-bar]");
  var text = card.querySelector("[data-job-text]");
  var problems = card.querySelector("[data-job-problems]");
  var download = card.querySelector("[data-job-download]");
  function update(data) {
    bar.setAttribute("aria-valuenow", data.percent);
    bar.firstElementChild.style.width = data.percent + "%";
    text.textContent = data.done + " von " + data.total + " erledigt – " + data.state_label;
    problems.innerHTML = "";
    data.problems.forEach(function (problem) {
      var item = document.createElement("li");
      item.textContent = problem;
      problems.appendChild(item);
    });
    if (data.download) {
      download.hidden = false;
      download.querySelector("a").setAttribute("href", data.download);
    }
    if (!data.finished) { window.setTimeout(poll, 1000); }
  }
  function poll() {
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(update)
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  poll();
})();
