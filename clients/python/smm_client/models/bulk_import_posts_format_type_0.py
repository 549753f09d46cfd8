from typing import Literal

BulkImportPostsFormatType0 = Literal['csv', 'json']

BULK_IMPORT_POSTS_FORMAT_TYPE_0_VALUES: set[BulkImportPostsFormatType0] = { 'csv', 'json',  }

def check_bulk_import_posts_format_type_0(value: str) -> BulkImportPostsFormatType0:
    if value in BULK_IMPORT_POSTS_FORMAT_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {BULK_IMPORT_POSTS_FORMAT_TYPE_0_VALUES!r}")
