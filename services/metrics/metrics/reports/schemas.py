import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel

Metric = Literal["likes", "reposts", "comments", "views", "clicks", "interactions"]


class DailyRow(BaseModel):
    day: date
    posts: int
    likes: int | None
    reposts: int | None
    comments: int | None
    views: int | None
    clicks: int | None


class DailyAggregates(BaseModel):
    scope: dict[str, str]
    rows: list[DailyRow]


class RateRow(BaseModel):
    day: date
    interactions: int | None
    followers: int | None
    rate: float | None


class EngagementRate(BaseModel):
    account_id: uuid.UUID
    interactions: int | None
    followers: int | None
    posts: int
    rate: float | None
    rate_per_post: float | None
    days: list[RateRow]


class TopPost(BaseModel):
    target_id: uuid.UUID
    account_id: uuid.UUID
    network: str
    url: str
    published_at: datetime
    value: int
    deleted: bool


class TopPosts(BaseModel):
    metric: Metric
    posts: list[TopPost]


class HeatCell(BaseModel):
    weekday: int   # 0 = Monday, in the account's time zone
    hour: int
    samples: int
    score: float   # relative to the account's average (1.0 = average); blended with the prior when thin
    source: Literal["history", "blended", "prior"]


class Heatmap(BaseModel):
    account_id: uuid.UUID
    network: str
    timezone: str
    metric: Metric
    samples: int
    min_samples: int
    cells: list[HeatCell]
    best: list[HeatCell]
