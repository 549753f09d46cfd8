from typing import Literal

from pydantic import BaseModel, Field, field_validator


class Band(BaseModel):
    until_s: float = Field(gt=0, description="while the post is younger than this ...")
    every_s: float = Field(gt=0, description="... poll it this often")


class ScheduleSettings(BaseModel):
    plan: Literal["free", "standard", "pro"] = "standard"
    bands: list[Band] | None = Field(None, description="Own bands instead of the plan's; ascending until_s")

    @field_validator("bands")
    @classmethod
    def _ascending(cls, bands: list[Band] | None) -> list[Band] | None:
        if bands is not None:
            if not bands:
                raise ValueError("give at least one band, or none to use the plan's")
            if any(a.until_s >= b.until_s for a, b in zip(bands, bands[1:])):
                raise ValueError("bands must be in ascending until_s")
        return bands


class ScheduleRead(ScheduleSettings):
    effective_bands: list[Band]
