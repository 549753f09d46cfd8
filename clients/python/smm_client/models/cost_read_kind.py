from typing import Literal

CostReadKind = Literal['agency', 'boost', 'content', 'other', 'salaries', 'tools']

COST_READ_KIND_VALUES: set[CostReadKind] = { 'agency', 'boost', 'content', 'other', 'salaries', 'tools',  }

def check_cost_read_kind(value: str) -> CostReadKind:
    if value in COST_READ_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {COST_READ_KIND_VALUES!r}")
