from pydantic import BaseModel, Field, field_validator

from smmkit.plans import Band, ascending

__all__ = ["Band", "ScheduleRead", "ScheduleSettings"]


class ScheduleSettings(BaseModel):
    bands: list[Band] | None = Field(None, max_length=20, description="Own bands instead of the plan's; ascending "
                                     "until_s, none polling faster than the plan's fastest band")

    @field_validator("bands")
    @classmethod
    def _ascending(cls, bands: list[Band] | None) -> list[Band] | None:
        return ascending(bands)


class ScheduleRead(ScheduleSettings):
    plan: str = Field(description="The tenant's plan (the operator assigns it): its bands apply without own ones")
    effective_bands: list[Band]
