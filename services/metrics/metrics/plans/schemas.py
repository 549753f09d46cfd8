from typing import Literal

from pydantic import BaseModel, Field, field_validator

from smmkit.validation import DAY_S, seconds

# A post is read for at most a year, at most once a second and at least once a month: a band beyond that
# would overflow the schedule's date arithmetic (or hammer the networks).
BandUntil = seconds(at_least=1, at_most=366 * DAY_S, number=float,
                    description="while the post is younger than this ...")
BandEvery = seconds(at_least=1, at_most=31 * DAY_S, number=float, description="... poll it this often")


class Band(BaseModel):
    until_s: BandUntil
    every_s: BandEvery


class ScheduleSettings(BaseModel):
    plan: Literal["free", "standard", "pro"] = "standard"
    bands: list[Band] | None = Field(None, max_length=20, description="Own bands instead of the plan's; ascending until_s")

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
