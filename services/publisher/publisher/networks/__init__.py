"""Network adapters: one module per network, all speaking ``base.Adapter``.

``ADAPTERS`` maps the network name stored on a publication target to its adapter class.
Build one with ``ADAPTERS[name](http=make_http_client(base_url), credentials=...)``;
pass ``media=MediaFetcher(MediaPolicy(allowed_networks=...))`` to let media downloads
reach a non-public host such as the sandbox.
"""

from publisher.networks.base import Adapter, MediaItem, Publication, PublishedPost
from smmkit.catalogue import implementations

# One module per catalogued network, named after it (publisher/networks/<network>.py).
ADAPTERS: dict[str, type[Adapter]] = implementations("publisher.networks", Adapter)

__all__ = ["ADAPTERS", "Adapter", "MediaItem", "Publication", "PublishedPost"]
