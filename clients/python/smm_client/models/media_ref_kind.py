from typing import Literal

MediaRefKind = Literal['document', 'gif', 'image', 'video']

MEDIA_REF_KIND_VALUES: set[MediaRefKind] = { 'document', 'gif', 'image', 'video',  }

def check_media_ref_kind(value: str) -> MediaRefKind:
    if value in MEDIA_REF_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MEDIA_REF_KIND_VALUES!r}")
