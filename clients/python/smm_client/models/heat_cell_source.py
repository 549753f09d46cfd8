from typing import Literal

HeatCellSource = Literal['blended', 'history', 'prior']

HEAT_CELL_SOURCE_VALUES: set[HeatCellSource] = { 'blended', 'history', 'prior',  }

def check_heat_cell_source(value: str) -> HeatCellSource:
    if value in HEAT_CELL_SOURCE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {HEAT_CELL_SOURCE_VALUES!r}")
