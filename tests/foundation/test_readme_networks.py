"""README's network table is the catalogue's (``smmkit.catalogue.table``): a change to a network shows there."""
from pathlib import Path

from smmkit.catalogue import CATALOGUE
from smmkit.catalogue.table import rendered, table

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_network_table_is_written_from_the_catalogue():
    readme = README.read_text()
    assert rendered(readme) == readme, "README's network table is stale: run `smm docs`"
    rows = table().splitlines()[2:]
    assert [r.split(" | ")[0].removeprefix("| ") for r in rows] == [s.title for s in CATALOGUE.values()]
    assert "| Google Business Profile | up to 1,500 characters | 1 | no | the call-to-action button |" in table()
