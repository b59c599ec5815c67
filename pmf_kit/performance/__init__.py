"""LOIP performance: the KPI register, status rules, forecasts, benchmarks and the At a Glance table.

- `kpis`: outcomes and KPIs (data management sheet, baseline, target, trajectory), validated.
- `values`: a KPI's values at its geography, with limits, small counts suppressed.
- `status`: on track / at risk / off track / no data against the trajectory; trend words.
- `forecast`: linear forecast at the target period and the chance the target is met.
- `benchmark`: against the council, Scotland or a family group.
- `assessment`: every KPI at a reporting period, in one table.
- `at_a_glance`: that table as the report shows it, and its Excel export.
- `actions`, `case_studies`: action plans with their progress updates; case studies with consent.
- `narrative`: the drafted summary and inequalities note, and an analyst's own text.
- `loip_report`: one `show_*` function per section of the outcome report and the dashboard.

Above `charts`, `data` and `stats`; needs nothing from `profiles`.
"""

from pmf_kit.performance.assessment import Performance, assess
from pmf_kit.performance.forecast import FORECAST_METHOD, Forecast, linear_forecast, target_statement
from pmf_kit.performance.kpis import KPI, Milestone, Outcome, Register, load_outcomes, load_register
from pmf_kit.performance.status import STATUS_RULES, expected_value, kpi_status, trend_label

__all__ = [
    "FORECAST_METHOD", "KPI", "STATUS_RULES", "Forecast", "Milestone", "Outcome", "Performance",
    "Register", "assess", "expected_value", "kpi_status", "linear_forecast", "load_outcomes",
    "load_register", "target_statement", "trend_label",
]
