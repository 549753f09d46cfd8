from typing import Literal

PostsListStatusType0 = Literal['approved', 'cancelled', 'draft', 'failed', 'in_review', 'published', 'scheduled']

POSTS_LIST_STATUS_TYPE_0_VALUES: set[PostsListStatusType0] = { 'approved', 'cancelled', 'draft', 'failed', 'in_review', 'published', 'scheduled',  }

def check_posts_list_status_type_0(value: str) -> PostsListStatusType0:
    if value in POSTS_LIST_STATUS_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {POSTS_LIST_STATUS_TYPE_0_VALUES!r}")
