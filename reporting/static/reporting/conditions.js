/* Shows a conditional question only when its condition question has the given answer. Without JavaScript every
   question stays visible; the server ignores answers to questions whose condition is not met. */
(function () {
  "use strict";
  var blocks = document.querySelectorAll("[data-condition-field]");
  if (!blocks.length) { return; }
  function chosen(name) {
    var values = [];
    document.querySelectorAll('[name="' + name + '"]').forEach(function (input) {
      if ((input.type === "radio" || input.type === "checkbox") ? input.checked : input.value) { values.push(input.value); }
    });
    return values;
  }
  function update() {
    blocks.forEach(function (block) {
      var parent = document.querySelector('[data-question-field="' + block.dataset.conditionField + '"]');
      var parentVisible = !parent || !parent.hidden;
      var show = parentVisible && chosen(block.dataset.conditionField).indexOf(block.dataset.conditionValue) !== -1;
      block.hidden = !show;
    });
  }
  document.addEventListener("change", update);
  update();
})();
