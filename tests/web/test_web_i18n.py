"""A browser set to Spanish gets the app in Spanish: messages from the templates and from Python (errors shown
next to their field), roles, statuses and report names (web.labels), plurals, and dates, numbers and money
formatted for the locale (Babel); every page it opens is still accessible (axe), the calendar empty and full."""
import re
from datetime import date, datetime, timedelta, timezone

from babel.dates import format_date
from playwright.sync_api import expect

from tests.web.conftest import PASSWORD, accept_invite, api, connect_account, screenshot, serious_violations


def _spanish(browser):
    ctx = browser.new_context(bypass_csp=True, locale="es-ES", timezone_id="UTC")
    ctx.set_default_timeout(10_000)
    return ctx


def test_a_spanish_browser_sees_the_app_in_spanish(web, web_platform, browser, page, tenant):
    accept_invite(page, tenant.invite_url)  # the invitation in English (the fixtures find English labels)
    account = connect_account(web_platform, tenant)
    es = _spanish(browser)
    try:
        p = es.new_page()
        p.goto(f"{web}/signin")
        assert p.locator("html").get_attribute("lang") == "es"
        assert p.get_by_role("heading", level=1).inner_text() == "Iniciar sesión"
        assert p.locator("label[for=email]").inner_text() == "Correo electrónico"
        p.locator("#email").fill(tenant.owner_email)
        p.locator("#password").fill("not the password at all")
        p.get_by_role("button", name="Iniciar sesión").click()
        # A message written in Python (the identity service) comes in the browser's language too.
        assert p.locator("#password-error").inner_text() == "dirección de correo o contraseña incorrectas"
        p.locator("#password").fill(PASSWORD)
        p.get_by_role("button", name="Iniciar sesión").click()
        p.wait_for_url("**/calendar")

        nav = p.get_by_role("navigation", name="Principal")
        assert [a.strip() for a in nav.locator("a").all_inner_texts()][:2] == ["Calendario", "Redactar"]
        assert nav.get_by_role("link", name="Ajustes").is_visible()

        p.goto(f"{web}/settings")
        assert p.get_by_role("heading", name="Costes de marketing").is_visible()
        p.locator("#amount").fill("1234.50")
        p.locator("#period_start").fill(date.today().replace(day=1).isoformat())
        p.locator("#period_end").fill(date.today().isoformat())
        p.get_by_role("button", name="Añadir coste").click()
        p.wait_for_url("**/settings?saved=1")
        assert p.get_by_role("status").inner_text() == "Guardado."
        # Spanish money: "." groups thousands, "," before the cents, the sign after the amount.
        assert "1.234,50\xa0€" in p.locator("#costs").inner_text().replace(" ", "\xa0")
        assert serious_violations(p) == []
        screenshot(p, "i18n-settings-es")

        p.goto(f"{web}/compose")
        assert p.get_by_role("heading", level=1).inner_text() == "Redactar una publicación"
        assert p.get_by_label("Texto", exact=True).is_visible()
        p.get_by_label("Texto", exact=True).fill("Hola")
        p.get_by_role("button", name="Planificar publicación").click()
        assert p.locator("#account_ids-error").inner_text() == "elige al menos una cuenta"
        assert p.locator("#scheduled_at-error").inner_text() == "elige cuándo publicar"
        assert serious_violations(p) == []
        screenshot(p, "i18n-composer-es")

        # The calendar empty, month and week: FullCalendar's own words and dates in Spanish too, and accessible.
        p.goto(f"{web}/calendar")
        p.locator(".fc-daygrid-day").first.wait_for()
        assert p.get_by_role("heading", level=1).inner_text() == "Calendario"
        assert p.get_by_role("heading", name="Huecos de la cola").is_visible()
        assert p.get_by_role("heading", name="Publicaciones recurrentes").is_visible()
        month = format_date(date.today(), "LLLL y", locale="es")  # "diciembre 2026"
        assert p.locator("#mix-h").inner_text() == f"Mezcla de pilares, {month}"
        assert p.get_by_role("button", name="hoy").is_visible()
        assert format_date(date.today(), "LLLL", locale="es") in p.locator(".fc-toolbar-title").inner_text()
        assert p.locator(".fc-col-header-cell").first.inner_text().lower().startswith("lun")  # weeks start Monday
        assert [o.strip() for o in p.locator("#f-status option").all_inner_texts()][1:3] == ["pendiente", "programada"]
        assert serious_violations(p) == []
        p.get_by_role("button", name="semana").click()
        p.locator(".fc-timegrid-col").first.wait_for()
        assert p.get_by_text("todo el día").is_visible()  # (the empty week's axe check: test_web_calendar)
        when = (datetime.now(timezone.utc) + timedelta(days=1)).replace(hour=12, minute=0, second=0, microsecond=0)
        resp = api(web_platform, tenant).post("/posts", json={
            "text": "Hola", "scheduled_at": when.isoformat(), "targets": [{"account_id": account["id"]}]})
        assert resp.status_code == 201, resp.text
        post = resp.json()
        p.goto(f"{web}/calendar?date={when.date().isoformat()}&view=week")  # full (the full month: test_web_calendar)
        event = p.locator(f".fc-event[data-post-id='{post['id']}']")
        event.wait_for()
        assert event.get_attribute("aria-label").startswith("mastodon: Hola (programada")
        assert serious_violations(p) == []

        # The post: its status and history by their Spanish names, dates written the Spanish way, the thread.
        p.goto(f"{web}/posts/{post['id']}")
        assert p.get_by_role("heading", level=1).inner_text() == "Publicación"
        assert p.locator("#post-status").inner_text() == "programada"
        assert re.search(rf"{when.day} {format_date(when, 'MMM', locale='es')} {when.year}, 12:00",
                         p.locator("tbody").first.inner_text())
        p.get_by_label("Añade un comentario").fill("¿Precio correcto?")
        p.get_by_role("button", name="Publicar comentario").click()
        expect(p.get_by_role("status")).to_have_text("Comentario añadido.")
        assert serious_violations(p) == []
        p.goto(f"{web}/approvals")
        assert p.get_by_role("heading", level=1).inner_text() == "Aprobaciones"
        assert p.get_by_text("Nada espera aprobación.").is_visible()
        p.goto(f"{web}/analytics")
        assert p.get_by_role("heading", level=1).inner_text() == "Analítica"
        assert p.get_by_label("Medida").locator("option").first.inner_text() == "interacciones"
        assert p.get_by_role("heading", name="Mejores publicaciones por interacciones").is_visible()
        p.goto(f"{web}/accounts")
        assert p.get_by_role("heading", level=1).inner_text() == "Cuentas"
        assert p.get_by_role("heading", name="Conecta una cuenta").is_visible()
        assert p.get_by_label("Usuario (como lo ve la gente)").is_visible()
        assert p.get_by_role("button", name="Reconectar").first.is_visible()
        assert serious_violations(p) == []
        p.goto(f"{web}/revenue")
        assert p.get_by_role("heading", level=1).inner_text() == "Ingresos"
        assert p.get_by_role("heading", name="¿Vende nuestro SMM?").is_visible()
        assert serious_violations(p) == []
        p.goto(f"{web}/settings/team")
        assert p.get_by_role("heading", level=1).inner_text() == "Equipo"
        assert p.get_by_role("heading", name="Invita a un compañero").is_visible()
        assert p.get_by_label("Rol", exact=True).locator("option").all_inner_texts() == [
            "propietario", "editor", "aprobador", "analista"]
        assert p.locator(".who").inner_text().endswith("· propietario")  # the header names the role too
        assert serious_violations(p) == []
        screenshot(p, "i18n-team-es")
        api(web_platform, tenant).post("/api-keys", json={"name": "bot", "scopes": ["read-only"]}).raise_for_status()
        p.goto(f"{web}/settings/api-keys")
        assert p.get_by_role("heading", level=1).inner_text() == "Claves de API"
        # a plural from the catalogue: "1 día", "7 días" (ngettext with Spanish's plural forms)
        overlaps = p.locator("select[name=overlap_s]").first.locator("option").all_inner_texts()
        assert overlaps == ["ningún tiempo", "1 hora", "1 día", "7 días"], overlaps
    finally:
        es.close()


def test_the_operator_console_in_spanish(web, web_platform, settings, browser, tenant):
    es = _spanish(browser)
    try:
        p = es.new_page()
        p.goto(f"{web}/operator/signin")
        p.get_by_label("Token del operador").fill("wrong")
        p.get_by_role("button", name="Iniciar sesión").click()
        assert p.locator("#token-error").inner_text() == "token de operador incorrecto"
        p.get_by_label("Token del operador").fill(settings.operator_token)
        p.get_by_role("button", name="Iniciar sesión").click()
        p.wait_for_url("**/operator")
        assert p.get_by_role("heading", level=1).inner_text() == "Clientes"
        row = p.locator(f"tr[data-tenant='{tenant.id}']")
        assert row.locator("td").nth(1).inner_text() == "activo"  # a tenant's status, in context ("activa": a key)
        assert row.get_by_role("button", name=f"Suspender {tenant.name}").is_visible()
        assert p.get_by_role("heading", name="Nuevo cliente").is_visible()
        assert serious_violations(p) == []
        row.get_by_role("link", name=re.compile(f"^Uso de {tenant.name}")).click()
        p.get_by_label("Desde (AAAA-MM-DD)").fill("ayer")
        p.get_by_role("button", name="Ver el uso").click()
        assert p.locator("#since-error").inner_text() == "escribe la fecha como AAAA-MM-DD"
    finally:
        es.close()
