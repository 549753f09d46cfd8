import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from smmkit.plans import PlanRead


class PlanUse(BaseModel):
    month_starts_at: datetime = Field(description="Posts per month count from here (UTC)")
    posts_this_month: int = Field(ge=0)
    connected_accounts: int = Field(ge=0)


class TenantPlanRead(BaseModel):
    tenant_id: uuid.UUID
    plan: PlanRead
    assigned_at: datetime | None = Field(description="When the operator assigned it; null: the default plan")
    use: PlanUse = Field(description="What the tenant uses of the quotas the planner counts (seats: the web app)")
