"""The site tag's source, and its version (a hash of the source: a new tag is a new URL to cache)."""
import base64
import hashlib
from pathlib import Path

SOURCE = (Path(__file__).with_name("t.js")).read_bytes()
VERSION = hashlib.sha256(SOURCE).hexdigest()[:12]
# Versioned URLs (``/t.js?v=VERSION``) never change; the bare URL is re-checked hourly so shops pick up a new tag.
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "public, max-age=3600"
ETAG = f'"{VERSION}"'
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")  # 1x1 transparent GIF
