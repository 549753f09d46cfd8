/* SMM site tag. Does nothing until the site calls smm('consent', true); see services/attribution/README.md.
   Snippet:  <script>window.smmq=window.smmq||[];function smm(){smmq.push(arguments)}smm('init','SITE_KEY');</script>
             <script async src="https://ATTRIBUTION/t.js?v=VERSION"></script>                                   */
(function (w, d) {
  "use strict";
  var ID = /^[A-Za-z0-9_-]{8,64}$/;
  var script = d.currentScript;
  var cfg = {
    key: script && script.getAttribute("data-site-key"),
    endpoint: script && script.src ? script.src.replace(/\/t\.js([?#].*)?$/, "") : "",
    cookie: "smm_vid", cookieDomain: null, maxAgeDays: 365
  };
  var consent = false, vid = null, lastUrl = null, waiting = [];

  function rand() {
    var a = new Uint8Array(16), s = "";
    w.crypto.getRandomValues(a);
    for (var i = 0; i < a.length; i++) s += ("0" + a[i].toString(16)).slice(-2);
    return s;
  }
  function cookieTail(maxAge) {
    return "; path=/; max-age=" + maxAge + "; SameSite=Lax" + (location.protocol === "https:" ? "; Secure" : "") +
      (cfg.cookieDomain ? "; domain=" + cfg.cookieDomain : "");
  }
  function stored() {
    var m = d.cookie.match(new RegExp("(?:^|; )" + cfg.cookie + "=([^;]*)"));
    if (m && ID.test(m[1])) return m[1];
    try { var s = w.localStorage.getItem(cfg.cookie); return s && ID.test(s) ? s : null; } catch (e) { return null; }
  }
  function visitor() {                      // first-party id: cookie on the shop's domain, localStorage as fallback
    vid = vid || stored() || rand();
    d.cookie = cfg.cookie + "=" + vid + cookieTail(cfg.maxAgeDays * 86400);
    try { w.localStorage.setItem(cfg.cookie, vid); } catch (e) { /* private mode */ }
    return vid;
  }
  function forget() {
    vid = null; lastUrl = null;
    d.cookie = cfg.cookie + "=" + cookieTail(0);
    try { w.localStorage.removeItem(cfg.cookie); } catch (e) { /* private mode */ }
  }
  function pageView() {
    if (!consent || !cfg.key || !cfg.endpoint || location.href === lastUrl) return;
    var body = JSON.stringify({
      key: cfg.key, visitor_id: visitor(), page_view_id: rand(), url: location.href.slice(0, 2048),
      referrer: (lastUrl || d.referrer || "").slice(0, 2048) || null
    });
    lastUrl = location.href;
    var to = cfg.endpoint + "/t/beacon";
    if (navigator.sendBeacon && navigator.sendBeacon(to, body)) return;
    try { w.fetch(to, { method: "POST", body: body, keepalive: true, mode: "no-cors" }); } catch (e) { /* old */ }
  }

  var api = {
    init: function (key, options) {
      cfg.key = key;
      for (var k in options || {}) if (Object.prototype.hasOwnProperty.call(options, k)) cfg[k] = options[k];
    },
    consent: function (granted) {           // the only switch: nothing is stored or sent before it
      consent = granted === true;
      if (!consent) return forget();
      pageView();
      while (waiting.length) waiting.shift()(visitor());
    },
    visitorId: function (callback) {        // for checkout: null without consent (a callback waits for it)
      var id = consent ? visitor() : null;
      if (typeof callback === "function") { if (id) callback(id); else waiting.push(callback); }
      return id;
    },
    pageview: pageView
  };
  function smm(command) {
    var f = api[command];
    return f ? f.apply(null, Array.prototype.slice.call(arguments, 1)) : undefined;
  }
  var queued = w.smmq || [];
  w.smm = smm;
  w.smmq = { push: function (args) { return smm.apply(null, args); } };
  for (var i = 0; i < queued.length; i++) smm.apply(null, queued[i]);

  var pushState = w.history.pushState;      // single-page shops: every route change is a page view
  w.history.pushState = function () {
    var result = pushState.apply(this, arguments);
    pageView();
    return result;
  };
  w.addEventListener("popstate", pageView);
})(window, document);
