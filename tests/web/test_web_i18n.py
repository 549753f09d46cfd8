"""A browser set to Spanish gets the app in Spanish: messages from the templates and from Python (errors shown
next to their field), and money formatted for the locale (Babel)."""
from datetime import date, datetime, timedelta, timezone

from tests.web.conftest import PASSWORD, accept_invite, api, connect_account, screenshot, serious_violations


def test_a_spanish_browser_sees_the_app_in_spanish(web, web_platform, browser, page, tenant):
    accept_invite(page, tenant.invite_url)  # the invitation in English (the fixtures find English labels)
    account = connect_account(web_platform, tenant)
    es = browser.new_context(bypass_csp=True, locale="es-ES")
    es.set_default_timeout(10_000)
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

        # The calendar, accounts, revenue and team pages: Spanish headings and labels, and still accessible.
        # A planned post, as the calendar test has: an empty grid's scroller has nothing to focus (axe).
        when = (datetime.now(timezone.utc) + timedelta(days=1)).replace(hour=12, minute=0, second=0, microsecond=0)
        resp = api(web_platform, tenant).post("/posts", json={
            "text": "Hola", "scheduled_at": when.isoformat(), "targets": [{"account_id": account["id"]}]})
        assert resp.status_code == 201, resp.text
        p.goto(f"{web}/calendar")
        p.locator(f".fc-event[data-post-id='{resp.json()['id']}']").wait_for()
        assert p.get_by_role("heading", level=1).inner_text() == "Calendario"
        assert p.get_by_role("heading", name="Huecos de la cola").is_visible()
        assert p.get_by_role("heading", name="Publicaciones recurrentes").is_visible()
        assert serious_violations(p) == []
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
        assert serious_violations(p) == []
        screenshot(p, "i18n-team-es")
    finally:
        es.close()
