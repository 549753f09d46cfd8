""" Contains all the data models used in inputs/outputs """

from .account_connection_read import AccountConnectionRead
from .account_create import AccountCreate
from .account_create_network import AccountCreateNetwork
from .account_read import AccountRead
from .account_read_network import AccountReadNetwork
from .admin_key_issued import AdminKeyIssued
from .alert_delivery_read import AlertDeliveryRead
from .api_key_issued import ApiKeyIssued
from .attribution_operations_healthz_response_operations_healthz import AttributionOperationsHealthzResponseOperationsHealthz
from .attribution_operations_readyz_response_operations_readyz import AttributionOperationsReadyzResponseOperationsReadyz
from .attribution_operator_admin_list_dead_letters_status import AttributionOperatorAdminListDeadLettersStatus
from .audit_entry import AuditEntry
from .audit_entry_target import AuditEntryTarget
from .band import Band
from .brand_create import BrandCreate
from .brand_read import BrandRead
from .brand_update import BrandUpdate
from .bulk_import_posts_format_type_0 import BulkImportPostsFormatType0
from .bulk_import_posts_json_import_row import BulkImportPostsJsonImportRow
from .calendar_get_network_type_0 import CalendarGetNetworkType0
from .calendar_get_view import CalendarGetView
from .calendar_ics_network_type_0 import CalendarIcsNetworkType0
from .campaign_create import CampaignCreate
from .campaign_read import CampaignRead
from .channel_line import ChannelLine
from .channels_report import ChannelsReport
from .comment_create import CommentCreate
from .comment_read import CommentRead
from .config_read import ConfigRead
from .config_update import ConfigUpdate
from .connection_create import ConnectionCreate
from .connection_create_credentials_type_0 import ConnectionCreateCredentialsType0
from .connection_create_network import ConnectionCreateNetwork
from .connection_read import ConnectionRead
from .connection_started import ConnectionStarted
from .cost_create import CostCreate
from .cost_create_currency import CostCreateCurrency
from .cost_create_kind import CostCreateKind
from .cost_create_network_type_0 import CostCreateNetworkType0
from .cost_read import CostRead
from .cost_read_currency import CostReadCurrency
from .cost_read_kind import CostReadKind
from .cost_read_network_type_0 import CostReadNetworkType0
from .credentials_put import CredentialsPut
from .credentials_put_credentials import CredentialsPutCredentials
from .credentials_put_network import CredentialsPutNetwork
from .daily_aggregates import DailyAggregates
from .daily_aggregates_scope import DailyAggregatesScope
from .daily_row import DailyRow
from .dead_letter_read import DeadLetterRead
from .deletion_read import DeletionRead
from .deletion_read_status import DeletionReadStatus
from .delivery_read import DeliveryRead
from .destination import Destination
from .destination_choice import DestinationChoice
from .draft_check import DraftCheck
from .draft_check_read import DraftCheckRead
from .draft_target_check import DraftTargetCheck
from .draft_target_check_violations_item import DraftTargetCheckViolationsItem
from .engagement_history import EngagementHistory
from .engagement_history_polling_status import EngagementHistoryPollingStatus
from .engagement_history_stopped_kind_type_0 import EngagementHistoryStoppedKindType0
from .engagement_point_read import EngagementPointRead
from .engagement_rate import EngagementRate
from .follower_point_read import FollowerPointRead
from .follower_series import FollowerSeries
from .heat_cell import HeatCell
from .heat_cell_source import HeatCellSource
from .heatmap import Heatmap
from .heatmap_metric import HeatmapMetric
from .journey_credit import JourneyCredit
from .journey_touch import JourneyTouch
from .key_create import KeyCreate
from .key_create_scopes_item import KeyCreateScopesItem
from .key_issued import KeyIssued
from .key_read import KeyRead
from .key_read_status import KeyReadStatus
from .key_rotate import KeyRotate
from .line_item import LineItem
from .media_ref import MediaRef
from .media_ref_kind import MediaRefKind
from .metrics_account_read import MetricsAccountRead
from .metrics_account_read_polling_status import MetricsAccountReadPollingStatus
from .metrics_account_read_stopped_kind_type_0 import MetricsAccountReadStoppedKindType0
from .metrics_credentials_put import MetricsCredentialsPut
from .metrics_credentials_put_credentials import MetricsCredentialsPutCredentials
from .metrics_credentials_put_network import MetricsCredentialsPutNetwork
from .metrics_operations_healthz_response_operations_healthz import MetricsOperationsHealthzResponseOperationsHealthz
from .metrics_operations_readyz_response_operations_readyz import MetricsOperationsReadyzResponseOperationsReadyz
from .metrics_operator_admin_list_dead_letters_status import MetricsOperatorAdminListDeadLettersStatus
from .order_accepted import OrderAccepted
from .order_in import OrderIn
from .order_in_currency import OrderInCurrency
from .order_journey import OrderJourney
from .order_journey_credits import OrderJourneyCredits
from .page_account_read import PageAccountRead
from .page_alert_delivery_read import PageAlertDeliveryRead
from .page_audit_entry import PageAuditEntry
from .page_brand_read import PageBrandRead
from .page_campaign_read import PageCampaignRead
from .page_comment_read import PageCommentRead
from .page_cost_read import PageCostRead
from .page_dead_letter_read import PageDeadLetterRead
from .page_delivery_read import PageDeliveryRead
from .page_key_read import PageKeyRead
from .page_plan_read import PagePlanRead
from .page_post_read import PagePostRead
from .page_promo_read import PagePromoRead
from .page_reclassification_read import PageReclassificationRead
from .page_recurrence_read import PageRecurrenceRead
from .page_rules_read import PageRulesRead
from .page_site_key_read import PageSiteKeyRead
from .page_template_read import PageTemplateRead
from .page_tenant_read import PageTenantRead
from .page_transition_read import PageTransitionRead
from .page_webhook_read import PageWebhookRead
from .pillar_in import PillarIn
from .pillar_read import PillarRead
from .pillars_replace import PillarsReplace
from .plan_assign import PlanAssign
from .plan_limits import PlanLimits
from .plan_read import PlanRead
from .plan_use import PlanUse
from .planner_operations_healthz_response_operations_healthz import PlannerOperationsHealthzResponseOperationsHealthz
from .planner_operations_readyz_response_operations_readyz import PlannerOperationsReadyzResponseOperationsReadyz
from .planner_operator_admin_list_dead_letters_status import PlannerOperatorAdminListDeadLettersStatus
from .post_create import PostCreate
from .post_read import PostRead
from .post_reschedule import PostReschedule
from .post_update import PostUpdate
from .posts_list_status_type_0 import PostsListStatusType0
from .preview_in import PreviewIn
from .preview_read import PreviewRead
from .problem import Problem
from .problem_errors_type_0_item import ProblemErrorsType0Item
from .problem_violations_type_0_item import ProblemViolationsType0Item
from .promo_in import PromoIn
from .promo_read import PromoRead
from .publish_target_read import PublishTargetRead
from .publisher_operations_healthz_response_operations_healthz import PublisherOperationsHealthzResponseOperationsHealthz
from .publisher_operations_readyz_response_operations_readyz import PublisherOperationsReadyzResponseOperationsReadyz
from .publisher_operator_admin_list_dead_letters_status import PublisherOperatorAdminListDeadLettersStatus
from .queue_add import QueueAdd
from .rate_row import RateRow
from .reclassification_in import ReclassificationIn
from .reclassification_read import ReclassificationRead
from .reclassification_read_status import ReclassificationReadStatus
from .recurrence_create import RecurrenceCreate
from .recurrence_read import RecurrenceRead
from .reports_best_times_metric import ReportsBestTimesMetric
from .reports_channels_model import ReportsChannelsModel
from .reports_network_daily_network import ReportsNetworkDailyNetwork
from .reports_revenue_by_post_model import ReportsRevenueByPostModel
from .reports_roi_level import ReportsRoiLevel
from .reports_roi_model import ReportsRoiModel
from .reports_selling_currency_type_0 import ReportsSellingCurrencyType0
from .reports_selling_measure import ReportsSellingMeasure
from .reports_selling_response_reports_selling import ReportsSellingResponseReportsSelling
from .reports_top_posts_metric import ReportsTopPostsMetric
from .reports_top_posts_network_type_0 import ReportsTopPostsNetworkType0
from .revenue_report import RevenueReport
from .review_decision import ReviewDecision
from .review_link_create import ReviewLinkCreate
from .review_link_read import ReviewLinkRead
from .review_view import ReviewView
from .roi_line import RoiLine
from .roi_report import RoiReport
from .rule_in import RuleIn
from .rule_in_channel import RuleInChannel
from .rule_in_click_ids_type_0_item import RuleInClickIdsType0Item
from .rule_in_referrer import RuleInReferrer
from .rule_in_utm import RuleInUtm
from .rules_in import RulesIn
from .rules_read import RulesRead
from .schedule_read import ScheduleRead
from .schedule_settings import ScheduleSettings
from .secret_rotate import SecretRotate
from .secret_rotated import SecretRotated
from .service_progress import ServiceProgress
from .service_progress_status import ServiceProgressStatus
from .shop_secret_in import ShopSecretIn
from .shop_secrets_read import ShopSecretsRead
from .shops_set_secret_platform import ShopsSetSecretPlatform
from .shops_shopify_webhook_response_shops_shopify_webhook import ShopsShopifyWebhookResponseShopsShopifyWebhook
from .shops_shopify_webhook_shopify_order import ShopsShopifyWebhookShopifyOrder
from .shops_shopify_webhook_shopify_order_currency import ShopsShopifyWebhookShopifyOrderCurrency
from .shops_shopify_webhook_shopify_order_note_attributes_type_0_item import ShopsShopifyWebhookShopifyOrderNoteAttributesType0Item
from .shops_shopify_webhook_shopify_order_shopify_customer import ShopsShopifyWebhookShopifyOrderShopifyCustomer
from .shops_shopify_webhook_shopify_order_shopify_discount import ShopsShopifyWebhookShopifyOrderShopifyDiscount
from .shops_shopify_webhook_shopify_order_shopify_line import ShopsShopifyWebhookShopifyOrderShopifyLine
from .shops_shopify_webhook_shopify_refund import ShopsShopifyWebhookShopifyRefund
from .shops_shopify_webhook_shopify_refund_refund_line_items_item import ShopsShopifyWebhookShopifyRefundRefundLineItemsItem
from .shops_shopify_webhook_shopify_refund_transactions_item import ShopsShopifyWebhookShopifyRefundTransactionsItem
from .shops_shopify_webhook_x_shopify_topic import ShopsShopifyWebhookXShopifyTopic
from .shops_woocommerce_webhook_response_shops_woocommerce_webhook import ShopsWoocommerceWebhookResponseShopsWoocommerceWebhook
from .shops_woocommerce_webhook_woo_order import ShopsWoocommerceWebhookWooOrder
from .shops_woocommerce_webhook_woo_order_currency import ShopsWoocommerceWebhookWooOrderCurrency
from .shops_woocommerce_webhook_woo_order_meta_data_item import ShopsWoocommerceWebhookWooOrderMetaDataItem
from .shops_woocommerce_webhook_woo_order_refunds_item import ShopsWoocommerceWebhookWooOrderRefundsItem
from .shops_woocommerce_webhook_woo_order_woo_coupon import ShopsWoocommerceWebhookWooOrderWooCoupon
from .shops_woocommerce_webhook_woo_order_woo_line import ShopsWoocommerceWebhookWooOrderWooLine
from .shops_woocommerce_webhook_xwc_webhook_topic import ShopsWoocommerceWebhookXWCWebhookTopic
from .site_key_create import SiteKeyCreate
from .site_key_read import SiteKeyRead
from .site_tag_beacon_json_beacon_in import SiteTagBeaconJsonBeaconIn
from .slot_in import SlotIn
from .slot_read import SlotRead
from .slots_replace import SlotsReplace
from .smm_summary import SmmSummary
from .stopped_account import StoppedAccount
from .stopped_account_polling_status import StoppedAccountPollingStatus
from .stopped_account_stopped_kind_type_0 import StoppedAccountStoppedKindType0
from .stopped_reads import StoppedReads
from .stopped_target import StoppedTarget
from .stopped_target_polling_status import StoppedTargetPollingStatus
from .stopped_target_stopped_kind_type_0 import StoppedTargetStoppedKindType0
from .target_create import TargetCreate
from .target_read import TargetRead
from .target_resolve import TargetResolve
from .target_resolve_outcome import TargetResolveOutcome
from .target_revenue import TargetRevenue
from .template_create import TemplateCreate
from .template_read import TemplateRead
from .tenant_create import TenantCreate
from .tenant_plan_read import TenantPlanRead
from .tenant_read import TenantRead
from .tenant_read_status import TenantReadStatus
from .text_count import TextCount
from .top_post import TopPost
from .top_posts import TopPosts
from .top_posts_metric import TopPostsMetric
from .transition_read import TransitionRead
from .usage_day import UsageDay
from .usage_read import UsageRead
from .utm import UTM
from .webhook_create import WebhookCreate
from .webhook_create_events_item import WebhookCreateEventsItem
from .webhook_created import WebhookCreated
from .webhook_read import WebhookRead
from .webhooks_facebook_push_facebook_push import WebhooksFacebookPushFacebookPush
from .webhooks_facebook_push_facebook_push_push_entry import WebhooksFacebookPushFacebookPushPushEntry
from .webhooks_facebook_push_facebook_push_push_entry_push_change import WebhooksFacebookPushFacebookPushPushEntryPushChange
from .webhooks_facebook_push_facebook_push_push_entry_push_change_push_value import WebhooksFacebookPushFacebookPushPushEntryPushChangePushValue
from .webhooks_list_deliveries_status_type_0 import WebhooksListDeliveriesStatusType0

__all__ = (
    "AccountConnectionRead",
    "AccountCreate",
    "AccountCreateNetwork",
    "AccountRead",
    "AccountReadNetwork",
    "AdminKeyIssued",
    "AlertDeliveryRead",
    "ApiKeyIssued",
    "AttributionOperationsHealthzResponseOperationsHealthz",
    "AttributionOperationsReadyzResponseOperationsReadyz",
    "AttributionOperatorAdminListDeadLettersStatus",
    "AuditEntry",
    "AuditEntryTarget",
    "Band",
    "BrandCreate",
    "BrandRead",
    "BrandUpdate",
    "BulkImportPostsFormatType0",
    "BulkImportPostsJsonImportRow",
    "CalendarGetNetworkType0",
    "CalendarGetView",
    "CalendarIcsNetworkType0",
    "CampaignCreate",
    "CampaignRead",
    "ChannelLine",
    "ChannelsReport",
    "CommentCreate",
    "CommentRead",
    "ConfigRead",
    "ConfigUpdate",
    "ConnectionCreate",
    "ConnectionCreateCredentialsType0",
    "ConnectionCreateNetwork",
    "ConnectionRead",
    "ConnectionStarted",
    "CostCreate",
    "CostCreateCurrency",
    "CostCreateKind",
    "CostCreateNetworkType0",
    "CostRead",
    "CostReadCurrency",
    "CostReadKind",
    "CostReadNetworkType0",
    "CredentialsPut",
    "CredentialsPutCredentials",
    "CredentialsPutNetwork",
    "DailyAggregates",
    "DailyAggregatesScope",
    "DailyRow",
    "DeadLetterRead",
    "DeletionRead",
    "DeletionReadStatus",
    "DeliveryRead",
    "Destination",
    "DestinationChoice",
    "DraftCheck",
    "DraftCheckRead",
    "DraftTargetCheck",
    "DraftTargetCheckViolationsItem",
    "EngagementHistory",
    "EngagementHistoryPollingStatus",
    "EngagementHistoryStoppedKindType0",
    "EngagementPointRead",
    "EngagementRate",
    "FollowerPointRead",
    "FollowerSeries",
    "HeatCell",
    "HeatCellSource",
    "Heatmap",
    "HeatmapMetric",
    "JourneyCredit",
    "JourneyTouch",
    "KeyCreate",
    "KeyCreateScopesItem",
    "KeyIssued",
    "KeyRead",
    "KeyReadStatus",
    "KeyRotate",
    "LineItem",
    "MediaRef",
    "MediaRefKind",
    "MetricsAccountRead",
    "MetricsAccountReadPollingStatus",
    "MetricsAccountReadStoppedKindType0",
    "MetricsCredentialsPut",
    "MetricsCredentialsPutCredentials",
    "MetricsCredentialsPutNetwork",
    "MetricsOperationsHealthzResponseOperationsHealthz",
    "MetricsOperationsReadyzResponseOperationsReadyz",
    "MetricsOperatorAdminListDeadLettersStatus",
    "OrderAccepted",
    "OrderIn",
    "OrderInCurrency",
    "OrderJourney",
    "OrderJourneyCredits",
    "PageAccountRead",
    "PageAlertDeliveryRead",
    "PageAuditEntry",
    "PageBrandRead",
    "PageCampaignRead",
    "PageCommentRead",
    "PageCostRead",
    "PageDeadLetterRead",
    "PageDeliveryRead",
    "PageKeyRead",
    "PagePlanRead",
    "PagePostRead",
    "PagePromoRead",
    "PageReclassificationRead",
    "PageRecurrenceRead",
    "PageRulesRead",
    "PageSiteKeyRead",
    "PageTemplateRead",
    "PageTenantRead",
    "PageTransitionRead",
    "PageWebhookRead",
    "PillarIn",
    "PillarRead",
    "PillarsReplace",
    "PlanAssign",
    "PlanLimits",
    "PlannerOperationsHealthzResponseOperationsHealthz",
    "PlannerOperationsReadyzResponseOperationsReadyz",
    "PlannerOperatorAdminListDeadLettersStatus",
    "PlanRead",
    "PlanUse",
    "PostCreate",
    "PostRead",
    "PostReschedule",
    "PostsListStatusType0",
    "PostUpdate",
    "PreviewIn",
    "PreviewRead",
    "Problem",
    "ProblemErrorsType0Item",
    "ProblemViolationsType0Item",
    "PromoIn",
    "PromoRead",
    "PublisherOperationsHealthzResponseOperationsHealthz",
    "PublisherOperationsReadyzResponseOperationsReadyz",
    "PublisherOperatorAdminListDeadLettersStatus",
    "PublishTargetRead",
    "QueueAdd",
    "RateRow",
    "ReclassificationIn",
    "ReclassificationRead",
    "ReclassificationReadStatus",
    "RecurrenceCreate",
    "RecurrenceRead",
    "ReportsBestTimesMetric",
    "ReportsChannelsModel",
    "ReportsNetworkDailyNetwork",
    "ReportsRevenueByPostModel",
    "ReportsRoiLevel",
    "ReportsRoiModel",
    "ReportsSellingCurrencyType0",
    "ReportsSellingMeasure",
    "ReportsSellingResponseReportsSelling",
    "ReportsTopPostsMetric",
    "ReportsTopPostsNetworkType0",
    "RevenueReport",
    "ReviewDecision",
    "ReviewLinkCreate",
    "ReviewLinkRead",
    "ReviewView",
    "RoiLine",
    "RoiReport",
    "RuleIn",
    "RuleInChannel",
    "RuleInClickIdsType0Item",
    "RuleInReferrer",
    "RuleInUtm",
    "RulesIn",
    "RulesRead",
    "ScheduleRead",
    "ScheduleSettings",
    "SecretRotate",
    "SecretRotated",
    "ServiceProgress",
    "ServiceProgressStatus",
    "ShopSecretIn",
    "ShopSecretsRead",
    "ShopsSetSecretPlatform",
    "ShopsShopifyWebhookResponseShopsShopifyWebhook",
    "ShopsShopifyWebhookShopifyOrder",
    "ShopsShopifyWebhookShopifyOrderCurrency",
    "ShopsShopifyWebhookShopifyOrderNoteAttributesType0Item",
    "ShopsShopifyWebhookShopifyOrderShopifyCustomer",
    "ShopsShopifyWebhookShopifyOrderShopifyDiscount",
    "ShopsShopifyWebhookShopifyOrderShopifyLine",
    "ShopsShopifyWebhookShopifyRefund",
    "ShopsShopifyWebhookShopifyRefundRefundLineItemsItem",
    "ShopsShopifyWebhookShopifyRefundTransactionsItem",
    "ShopsShopifyWebhookXShopifyTopic",
    "ShopsWoocommerceWebhookResponseShopsWoocommerceWebhook",
    "ShopsWoocommerceWebhookWooOrder",
    "ShopsWoocommerceWebhookWooOrderCurrency",
    "ShopsWoocommerceWebhookWooOrderMetaDataItem",
    "ShopsWoocommerceWebhookWooOrderRefundsItem",
    "ShopsWoocommerceWebhookWooOrderWooCoupon",
    "ShopsWoocommerceWebhookWooOrderWooLine",
    "ShopsWoocommerceWebhookXWCWebhookTopic",
    "SiteKeyCreate",
    "SiteKeyRead",
    "SiteTagBeaconJsonBeaconIn",
    "SlotIn",
    "SlotRead",
    "SlotsReplace",
    "SmmSummary",
    "StoppedAccount",
    "StoppedAccountPollingStatus",
    "StoppedAccountStoppedKindType0",
    "StoppedReads",
    "StoppedTarget",
    "StoppedTargetPollingStatus",
    "StoppedTargetStoppedKindType0",
    "TargetCreate",
    "TargetRead",
    "TargetResolve",
    "TargetResolveOutcome",
    "TargetRevenue",
    "TemplateCreate",
    "TemplateRead",
    "TenantCreate",
    "TenantPlanRead",
    "TenantRead",
    "TenantReadStatus",
    "TextCount",
    "TopPost",
    "TopPosts",
    "TopPostsMetric",
    "TransitionRead",
    "UsageDay",
    "UsageRead",
    "UTM",
    "WebhookCreate",
    "WebhookCreated",
    "WebhookCreateEventsItem",
    "WebhookRead",
    "WebhooksFacebookPushFacebookPush",
    "WebhooksFacebookPushFacebookPushPushEntry",
    "WebhooksFacebookPushFacebookPushPushEntryPushChange",
    "WebhooksFacebookPushFacebookPushPushEntryPushChangePushValue",
    "WebhooksListDeliveriesStatusType0",
)
