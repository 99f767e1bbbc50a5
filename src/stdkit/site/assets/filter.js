// Client-side filter for long listing pages: hides occupation blocks and table rows that do not
// contain what the visitor types. Only reads and hides existing elements; never builds markup.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".sk-filter input").forEach(function (input) {
    var article = input.closest("article") || document;
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      var blocks = article.querySelectorAll(".sk-occ-block");
      // a page of occupation blocks filters whole blocks; any other listing filters table rows
      var items = blocks.length ? blocks : article.querySelectorAll("table tbody tr");
      items.forEach(function (item) {
        item.hidden = q !== "" && item.textContent.toLowerCase().indexOf(q) < 0;
      });
    });
  });
});
