"""Network-wide priors for the best-time heatmap, used where a tenant's own history is thin.

Relative engagement by local weekday and hour (1.0 = average), shaped after the patterns
public industry studies report: weekday working hours and early evening are strong, nights
weak; LinkedIn is a weekday-business network, the consumer networks hold up at weekends.
"""
WEEKDAY = {"default": (1.0, 1.1, 1.1, 1.1, 1.0, 0.85, 0.8),
           "linkedin": (1.05, 1.2, 1.2, 1.15, 0.95, 0.45, 0.4),
           "instagram": (1.0, 1.05, 1.05, 1.05, 1.0, 0.95, 0.9)}
_HOURS = (0.3, 0.2, 0.15, 0.15, 0.2, 0.35, 0.6, 0.9, 1.2, 1.4, 1.45, 1.4,
          1.35, 1.3, 1.2, 1.15, 1.15, 1.25, 1.35, 1.3, 1.1, 0.9, 0.6, 0.4)


def prior(network: str, weekday: int, hour: int) -> float:
    return WEEKDAY.get(network, WEEKDAY["default"])[weekday] * _HOURS[hour]
