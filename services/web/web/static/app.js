// The app's behaviour. No inline scripts: the CSP allows scripts from this site only.
document.addEventListener("DOMContentLoaded", () => {
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
