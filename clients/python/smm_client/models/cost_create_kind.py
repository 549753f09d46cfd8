from typing import Literal

CostCreateKind = Literal['agency', 'boost', 'content', 'other', 'salaries', 'tools']

COST_CREATE_KIND_VALUES: set[CostCreateKind] = { 'agency', 'boost', 'content', 'other', 'salaries', 'tools',  }

def check_cost_create_kind(value: str) -> CostCreateKind:
    if value in COST_CREATE_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {COST_CREATE_KIND_VALUES!r}")
