// The composer's media rows: add one from the <template>, remove one; either re-runs the live check.
// (A file of its own: the CSP allows no inline script, and htmx's hx-on would need eval.)
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("composer");
  const rows = document.getElementById("media-rows");
  const template = document.getElementById("media-row-template");
  if (!form || !rows || !template) return;
  let count = rows.querySelectorAll("[data-media-row]").length;  // never reused: ids stay unique after a removal
  const changed = () => form.dispatchEvent(new Event("change", { bubbles: true }));
  document.getElementById("add-media").addEventListener("click", () => {
    count += 1;
    const n = String(count);
    const html = template.innerHTML.replaceAll("__N__", n);
    rows.insertAdjacentHTML("beforeend", html);
    rows.lastElementChild.querySelector("input").focus();
  });
  rows.addEventListener("click", (event) => {
    const button = event.target.closest("[data-remove-media]");
    if (!button) return;
    button.closest("[data-media-row]").remove();
    document.getElementById("add-media").focus();
    changed();
  });
});
