// The app's behaviour. No inline scripts: the CSP allows scripts from this site only.
document.addEventListener("DOMContentLoaded", () => {
  const el = document.getElementById("calendar");
  if (el && window.FullCalendar) startCalendar(el);
  const lags = document.getElementById("lag-data");
  if (lags && window.uPlot) lagChart(document.getElementById("lag-chart"), JSON.parse(lags.textContent));
  const daily = document.getElementById("daily-data");
  if (daily && window.uPlot) dailyChart(document.getElementById("daily-chart"), JSON.parse(daily.textContent));
});

function dailyChart(el, data) {
  const days = data.day.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
  new uPlot({
    width: Math.min(800, el.clientWidth || 800), height: 220,
    series: [{}, { label: "per day", stroke: "#0b5cad", width: 2, points: { show: true } }],
  }, [days, data.value], el);
}

function lagChart(el, data) {
  new uPlot({
    width: Math.min(640, el.clientWidth || 640), height: 220,
    scales: { x: { time: false }, y: { range: [-1, 1] } },
    axes: [{ label: "lag (days)" }, { label: "r" }],
    series: [{}, { label: "Pearson r", stroke: "#0b5cad", width: 2, points: { show: true } }],
  }, [data.lag, data.r.map((v) => (v === null ? null : v))], el);
}

function startCalendar(el) {
  const filters = document.getElementById("calendar-filters");
  const message = document.getElementById("calendar-message");
  const params = () => Object.fromEntries(new FormData(filters).entries());
  const calendar = new FullCalendar.Calendar(el, {
    initialView: "dayGridMonth",
    timeZone: el.dataset.tz,
    headerToolbar: { left: "prev,next today", center: "title", right: "dayGridMonth,timeGridWeek" },
    editable: el.dataset.editable === "true",
    eventDurationEditable: false,
    events: { url: el.dataset.events, extraParams: () => ({ ...params(), tz: el.dataset.tz }) },
    eventDidMount: (info) => {
      info.el.setAttribute("aria-label", `${info.event.title} (${info.event.extendedProps.status})`);
      info.el.dataset.postId = info.event.extendedProps.post_id;
    },
    eventDrop: async (info) => {
      message.textContent = "";
      const resp = await fetch(`/calendar/posts/${info.event.extendedProps.post_id}/move`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": el.dataset.csrf },
        body: JSON.stringify({ scheduled_at: info.event.start.toISOString() }),
      });
      if (!resp.ok) {
        info.revert();
        const problem = await resp.json().catch(() => ({}));
        message.textContent = `Not moved: ${problem.detail || problem.title || resp.statusText}`;
      } else {
        message.textContent = "";
        calendar.refetchEvents();
      }
    },
  });
  calendar.render();
  // The toolbar's arrow icons are decoration (their buttons carry the names): hide them from screen readers.
  el.querySelectorAll(".fc-icon").forEach((icon) => icon.setAttribute("aria-hidden", "true"));
  window.smmCalendar = calendar;
  filters.addEventListener("change", () => calendar.refetchEvents());
}
