"""The catalogue's referrer domains (attribution's social channel reads them): well formed, each network's own."""
import re

from smmkit.catalogue import CATALOGUE

DOMAIN = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(\.\*)?$")
# Networks whose visits cannot be told apart by their referrer (docs/channels.md says why).
NO_REFERRER = {"gbp"}


def test_every_network_names_the_domains_its_visits_come_from():
    for name, spec in CATALOGUE.items():
        assert bool(spec.referrer_domains) == (name not in NO_REFERRER), name
        for domain in spec.referrer_domains:
            assert DOMAIN.match(domain) and not domain.startswith("www."), (name, domain)


def test_no_domain_belongs_to_two_networks_nor_sits_under_another_networks():
    owner = {d: name for name, spec in CATALOGUE.items() for d in spec.referrer_domains}
    assert len(owner) == sum(len(spec.referrer_domains) for spec in CATALOGUE.values()), "listed twice"
    for domain, name in owner.items():
        for other, other_name in owner.items():
            if other_name != name:
                assert not domain.endswith("." + other), (domain, other)


def test_the_networks_everyone_knows_are_recognised():
    assert "l.instagram.com".endswith("." + CATALOGUE["instagram"].referrer_domains[0])
    assert {"t.co", "x.com", "twitter.com"} <= set(CATALOGUE["x"].referrer_domains)
    assert {"linkedin.com", "lnkd.in"} <= set(CATALOGUE["linkedin"].referrer_domains)
    assert "facebook.com" in CATALOGUE["facebook"].referrer_domains
