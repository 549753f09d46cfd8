// The calendar page: FullCalendar in the zone the user picks (the feed sends wall times in that zone, so no
// zone database is needed here), drag to reschedule, and Move… from the keyboard (focus a post, press M).
document.addEventListener("DOMContentLoaded", () => {
  const el = document.getElementById("calendar");
  if (el && window.FullCalendar) startCalendar(el);
});

function pickDefaultZone(zoneSelect, accountSelect) {
  const picked = accountSelect.selectedOptions[0];
  const browser = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  if (![...zoneSelect.options].some((o) => o.value === browser)) zoneSelect.add(new Option(browser, browser), 0);
  zoneSelect.value = (picked && picked.dataset.tz) || browser;
}

function startCalendar(el) {
  const filters = document.getElementById("calendar-filters");
  const message = document.getElementById("calendar-message");
  const status = document.getElementById("calendar-status");
  const zoneSelect = document.getElementById("f-tz");
  const accountSelect = document.getElementById("f-account");
  const zoneNote = document.getElementById("calendar-zone");
  const moveForm = document.getElementById("move-form");
  const moveAt = document.getElementById("move-at");
  const moveError = document.getElementById("move-error");
  const label = el.dataset;
  let moving = null; // {postId, returnTo}
  pickDefaultZone(zoneSelect, accountSelect);
  const zone = () => zoneSelect.value;
  const showZone = () => { zoneNote.textContent = `${label.labelZone} ${zone()}`; };
  // "all" is an empty value: leave it out rather than send an empty id
  const params = () => Object.fromEntries([...new FormData(filters).entries()].filter(([, v]) => v !== ""));

  async function move(postId, wallTime) {
    const resp = await fetch(`/calendar/posts/${postId}/move`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": label.csrf },
      body: JSON.stringify({ scheduled_at: wallTime, tz: zone() }),
    });
    if (resp.ok) return null;
    const problem = await resp.json().catch(() => ({}));
    const first = (problem.errors || [])[0];
    return (first && first.msg) || problem.detail || problem.title || resp.statusText;
  }

  let pendingFocus = null; // after a keyboard move: the post to give the focus back to, on its new day
  function focusPending() {
    if (!pendingFocus) return;
    const found = el.querySelector(`[data-date="${pendingFocus.day}"] .fc-event[data-post-id="${pendingFocus.postId}"]`);
    if (found) {
      pendingFocus = null;
      found.focus();
    }
  }

  function openMove(info) {
    const start = info.event.start.toISOString(); // a wall time in the picked zone (UTC-coerced)
    moving = { postId: info.event.extendedProps.post_id };
    document.getElementById("move-what").textContent = info.event.title;
    moveError.textContent = "";
    moveAt.removeAttribute("aria-invalid");
    moveForm.hidden = false;
    moveAt.value = `${start.slice(0, 10)} ${start.slice(11, 16)}`;
    moveAt.focus();
    moveAt.select();
  }

  function closeMove() {
    const postId = moving && moving.postId;
    moveForm.hidden = true;
    moving = null;
    const back = postId && el.querySelector(`.fc-event[data-post-id="${postId}"]`);
    if (back) back.focus();
  }

  // The page's language for FullCalendar's own words (buttons, hints) and week start; dates come from Intl.
  const { gridLabel, ...locale } = JSON.parse(label.locale || "{}");
  const calendar = new FullCalendar.Calendar(el, {
    locale: locale.code ? locale : "en",
    initialView: label.initialView || "dayGridMonth",
    initialDate: label.initialDate || undefined,
    timeZone: zone(),
    // a busy day folds into "+N more" (a keyboard-usable link) instead of a metre-high cell; the feed lists at most
    // 5 posts a day in a month (MONTH_PER_DAY) and a link to the day's week for the rest
    dayMaxEvents: 6,
    loading: (busy) => {
      if (busy) delete el.dataset.ready;
      else setTimeout(() => { el.dataset.ready = String(calendar.getEvents().length); }); // bench/web.py waits
    },
    eventsSet: () => setTimeout(focusPending), // once drawn
    // the grid FullCalendar draws (role=grid) gets a name screen readers announce, in the page's language
    viewDidMount: (info) => {
      const grid = info.el.querySelector("[role=grid]");
      if (grid && gridLabel) grid.setAttribute("aria-label", gridLabel);
    },
    headerToolbar: { left: "prev,next today", center: "title", right: "dayGridMonth,timeGridWeek" },
    // The grid as tall as its content, inside the page's own scrolling: FullCalendar's inner scroll boxes sit
    // between its grid and its rows, where no focusable scroll region may be (axe: scrollable-region-focusable
    // on an empty grid, aria-required-children once one is made focusable). The week's hours are an hour a row
    // (a day fits a screen) and a drag still lands on the quarter hour.
    height: "auto",
    views: { timeGridWeek: { slotDuration: "01:00:00", snapDuration: "00:15:00" } },
    editable: label.editable === "true",
    eventDurationEditable: false,
    events: { url: label.events, extraParams: () => ({ ...params(), tz: zone() }) },
    eventDidMount: (info) => {
      const props = info.event.extendedProps;
      if (props.kind === "more") return; // a link to the day's week, named by its title
      if (props.kind !== "post") {
        info.el.tabIndex = 0; // not a link, but read out and reachable like the posts
        const kind = props.kind === "slot" ? label.labelSlot : label.labelOccurrence;
        info.el.setAttribute("aria-label", `${info.event.title} (${kind})`);
        info.el.dataset.kind = props.kind;
        return;
      }
      info.el.dataset.postId = props.post_id;
      info.el.dataset.kind = "post";
      let name = `${info.event.title} (${props.status_label || props.status})`;
      if (props.movable) {
        name += `, ${label.labelMove}`;
        info.el.setAttribute("aria-keyshortcuts", "M");
        info.el.addEventListener("keydown", (e) => {
          if ((e.key === "m" || e.key === "M") && !e.ctrlKey && !e.metaKey && !e.altKey) {
            e.preventDefault();
            openMove(info);
          }
        });
      }
      info.el.setAttribute("aria-label", name);
    },
    eventDrop: async (info) => {
      message.textContent = "";
      const refused = await move(info.event.extendedProps.post_id, info.event.start.toISOString().slice(0, 19));
      if (refused) {
        info.revert();
        message.textContent = `${label.labelNotMoved}: ${refused}`;
      } else {
        calendar.refetchEvents();
      }
    },
  });
  calendar.render();
  // The toolbar's arrow icons are decoration (their buttons carry the names): hide them from screen readers.
  el.querySelectorAll(".fc-icon").forEach((icon) => icon.setAttribute("aria-hidden", "true"));
  window.smmCalendar = calendar;
  showZone();

  filters.addEventListener("change", (e) => {
    if (e.target === accountSelect) {
      const picked = accountSelect.selectedOptions[0];
      if (picked && picked.dataset.tz) zoneSelect.value = picked.dataset.tz;
    }
    showZone();
    if (calendar.getOption("timeZone") !== zone()) calendar.setOption("timeZone", zone());
    calendar.refetchEvents();
  });

  moveForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!moving) return;
    const wallTime = moveAt.value.trim().replace(" ", "T");
    const postId = moving.postId;
    const refused = await move(postId, wallTime);
    if (refused) {
      moveAt.setAttribute("aria-invalid", "true");
      moveError.textContent = `${label.labelNotMoved}: ${refused}`;
      return;
    }
    moveForm.hidden = true;
    moving = null;
    status.textContent = `${label.labelMoved} ${wallTime.replace("T", " ")} (${zone()})`;
    pendingFocus = { postId, day: wallTime.slice(0, 10) };
    const day = new Date(`${pendingFocus.day}T00:00:00Z`);
    if (day >= calendar.view.activeStart && day < calendar.view.activeEnd) calendar.refetchEvents();
    else calendar.gotoDate(pendingFocus.day); // fetches the new range itself
  });
  document.getElementById("move-cancel").addEventListener("click", closeMove);
  moveForm.addEventListener("keydown", (e) => { if (e.key === "Escape") closeMove(); });
}
