"""The sample's indicator catalogue, and how each indicator's counts are simulated.

Each indicator carries its catalogue metadata (what indicators.csv publishes) and the few
numbers that drive its simulation: a base rate, how much worse it is in the most deprived
data zones than the least, and how it changes year on year.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SOURCE = "Synthetic sample: pmf_kit generator"
SOURCE_SUPPRESSED_BELOW = 5
"""Where a source withholds small counts (one indicator's early years), it withholds 1 to 4."""
CALENDAR = "calendar"
FINANCIAL = "financial"


@dataclass(frozen=True)
class IndicatorSpec:
    """One indicator: catalogue fields, then simulation settings.

    `base` is the event probability (or rate per person, or mean) at Scotland's average
    deprivation in the first period; `gradient` is how many times higher the event is in the
    most deprived data zone than the least; `annual_change` multiplies the event rate each
    year; `shocks` multiplies single years (e.g. the pandemic). When `counts_shortfall` is
    set, the simulated event is the shortfall (absence, a leaver with no positive
    destination) and the published numerator is its complement.
    """

    indicator_id: str
    title: str
    theme: str
    definition: str
    numerator_label: str
    denominator_label: str
    unit: str
    polarity: str
    owner: str
    denominator: str
    base: float
    gradient: float
    annual_change: float
    draw: str
    period_type: str
    aggregation: str = "sum_ratio"
    suppression_threshold: int = 5
    counts_shortfall: bool = False
    rural_effect: float = 0.0
    shocks: dict[int, float] = field(default_factory=dict)
    missing_share: float = 0.0
    missing_period: str | None = None
    source_suppressed_periods: tuple[str, ...] = ()
    source: str = SOURCE

    @property
    def source_suppression(self) -> str:
        """The source's rule for the cells it withheld, in words, where it withheld any."""
        if not self.source_suppressed_periods:
            return ""
        return (f"counts of 1 to {SOURCE_SUPPRESSED_BELOW - 1} withheld by the source in "
                f"{' and '.join(self.source_suppressed_periods)}")

    @property
    def trend(self) -> str:
        """Whether the underlying series gets better or worse over the years, in words."""
        rising = self.annual_change > 0
        if self.unit == "mean":
            published_rises = rising
        else:
            published_rises = rising != self.counts_shortfall
        if self.polarity == "neutral":
            return "rising" if published_rises else "falling"
        better = published_rises == (self.polarity == "higher_is_better")
        return "improving" if better else "worsening"


HEALTH_TEAM = "Sample HSCP Information Team"
ECONOMY_TEAM = "Sample Council Economic Development"
EDUCATION_TEAM = "Sample Council Education Services"
SAFETY_TEAM = "Sample Community Safety Partnership"
HOUSING_TEAM = "Sample Council Housing Strategy"
CHILDREN_TEAM = "Sample Children's Services Partnership"

INDICATORS = (
    IndicatorSpec(
        "emergency_admissions", "Emergency hospital admissions", "Health",
        "Emergency (non-elective) admissions to acute hospitals per 100,000 residents.",
        "Emergency admissions", "Residents (all ages)", "rate_per_100000", "lower_is_better",
        HEALTH_TEAM, "residents", 0.095, 2.2, 0.015, "poisson", FINANCIAL,
        shocks={2020: 0.82}),
    IndicatorSpec(
        "alcohol_admissions", "Alcohol-related hospital stays", "Health",
        "General acute hospital stays with an alcohol-related diagnosis per 100,000 residents.",
        "Alcohol-related stays", "Residents (all ages)", "rate_per_100000", "lower_is_better",
        HEALTH_TEAM, "residents", 0.0065, 5.0, -0.02, "poisson", FINANCIAL),
    IndicatorSpec(
        "smoking_in_pregnancy", "Smoking in pregnancy", "Health",
        "Percentage of women recorded as current smokers at their first antenatal booking.",
        "Women smoking at booking", "Antenatal bookings", "percent", "lower_is_better",
        HEALTH_TEAM, "births", 0.14, 4.0, -0.04, "binomial", FINANCIAL,
        suppression_threshold=10),
    IndicatorSpec(
        "employment_deprived", "Employment deprivation", "Economy",
        "Percentage of the working-age population (16 to 64) who are employment deprived.",
        "Employment deprived people", "Residents aged 16 to 64", "percent", "lower_is_better",
        ECONOMY_TEAM, "aged_16_64", 0.085, 6.0, -0.02, "binomial", CALENDAR),
    IndicatorSpec(
        "claimant_count", "Claimant count", "Economy",
        "Percentage of residents aged 16 to 64 claiming out-of-work benefits.",
        "Claimants", "Residents aged 16 to 64", "percent", "lower_is_better",
        ECONOMY_TEAM, "aged_16_64", 0.03, 6.0, -0.03, "binomial", CALENDAR,
        shocks={2020: 2.0, 2021: 1.5}, missing_share=0.005),
    IndicatorSpec(
        "school_attendance", "School attendance", "Education",
        "Percentage of possible half-day sessions attended by pupils living in the area, "
        "by school year.",
        "Half-day sessions attended", "Possible half-day sessions", "percent",
        "higher_is_better", EDUCATION_TEAM, "half_day_sessions", 0.055, 1.9, 0.03,
        "binomial", FINANCIAL, counts_shortfall=True, missing_period="2020/21"),
    IndicatorSpec(
        "positive_destinations", "School leavers in positive destinations", "Education",
        "Percentage of school leavers in a positive initial destination (education, training, "
        "employment, volunteering), by school year of leaving.",
        "Leavers in a positive destination", "School leavers", "percent", "higher_is_better",
        EDUCATION_TEAM, "school_leavers", 0.065, 3.0, -0.04, "binomial", FINANCIAL,
        counts_shortfall=True, missing_share=0.01),
    IndicatorSpec(
        "average_tariff_score", "Average tariff score of school leavers", "Education",
        "Mean total tariff points of qualifications held by school leavers, by school year "
        "of leaving.",
        "Total tariff points", "School leavers", "mean", "higher_is_better",
        EDUCATION_TEAM, "school_leavers", 850.0, 1.7, 0.01, "mean", FINANCIAL,
        aggregation="population_weighted"),
    IndicatorSpec(
        "crime_rate", "Recorded crime", "Community safety",
        "Crimes (groups 1 to 5) recorded by the police per 1,000 residents.",
        "Recorded crimes", "Residents (all ages)", "rate_per_1000", "lower_is_better",
        SAFETY_TEAM, "residents", 0.032, 4.0, -0.025, "poisson", FINANCIAL),
    IndicatorSpec(
        "domestic_abuse", "Domestic abuse incidents", "Community safety",
        "Domestic abuse incidents recorded by the police per 1,000 residents aged 16 and over.",
        "Domestic abuse incidents", "Residents aged 16 and over", "rate_per_1000",
        "lower_is_better", SAFETY_TEAM, "aged_16_plus", 0.011, 3.5, 0.02, "poisson",
        FINANCIAL, suppression_threshold=10,
        source_suppressed_periods=("2016/17", "2017/18")),
    IndicatorSpec(
        "deliberate_fires", "Deliberate fires", "Community safety",
        "Deliberate fires attended by the fire and rescue service per 100,000 residents.",
        "Deliberate fires", "Residents (all ages)", "rate_per_100000", "lower_is_better",
        SAFETY_TEAM, "residents", 0.0018, 5.0, -0.01, "poisson", FINANCIAL),
    IndicatorSpec(
        "fuel_poverty", "Fuel poverty", "Housing",
        "Percentage of households in fuel poverty.",
        "Households in fuel poverty", "Households", "percent", "lower_is_better",
        HOUSING_TEAM, "households", 0.24, 1.8, 0.015, "binomial", CALENDAR,
        rural_effect=0.5, shocks={2022: 1.2, 2023: 1.25, 2024: 1.2}, missing_share=0.01),
    IndicatorSpec(
        "overcrowding", "Overcrowded households", "Housing",
        "Percentage of households living in overcrowded accommodation (bedroom standard).",
        "Overcrowded households", "Households", "percent", "lower_is_better",
        HOUSING_TEAM, "households", 0.03, 4.0, -0.01, "binomial", CALENDAR,
        rural_effect=-0.3),
    IndicatorSpec(
        "child_poverty", "Children in low-income families", "Children and young people",
        "Percentage of children aged 0 to 15 living in relative low-income families.",
        "Children in low-income families", "Children aged 0 to 15", "percent",
        "lower_is_better", CHILDREN_TEAM, "aged_0_15", 0.19, 5.0, 0.02, "binomial",
        CALENDAR),
    IndicatorSpec(
        "p1_overweight", "Primary 1 children at risk of overweight or obesity",
        "Children and young people",
        "Percentage of Primary 1 children whose body mass index puts them at risk of "
        "overweight or obesity, by school year.",
        "P1 children at risk of overweight or obesity", "P1 children measured", "percent",
        "lower_is_better", CHILDREN_TEAM, "p1_children", 0.22, 1.6, 0.01, "binomial",
        FINANCIAL, missing_share=0.01),
    IndicatorSpec(
        "low_birthweight", "Low birthweight babies", "Children and young people",
        "Percentage of live singleton births weighing under 2,500 g.",
        "Low birthweight births", "Live singleton births", "percent", "lower_is_better",
        CHILDREN_TEAM, "births", 0.06, 1.8, 0.005, "binomial", CALENDAR,
        suppression_threshold=10),
    IndicatorSpec(
        "home_care", "Older people receiving home care", "Older people",
        "Percentage of residents aged 65 and over receiving personal care at home.",
        "People aged 65+ receiving home care", "Residents aged 65 and over", "percent",
        "neutral", HEALTH_TEAM, "aged_65_plus", 0.055, 1.8, 0.01, "binomial", CALENDAR,
        missing_share=0.02),
    IndicatorSpec(
        "falls_admissions", "Emergency admissions after a fall, aged 65+", "Older people",
        "Emergency hospital admissions following a fall per 1,000 residents aged 65 and over.",
        "Falls admissions aged 65+", "Residents aged 65 and over", "rate_per_1000",
        "lower_is_better", HEALTH_TEAM, "aged_65_plus", 0.024, 1.5, 0.02, "poisson",
        FINANCIAL),
)

CATALOGUE_COLUMNS = ("indicator_id", "title", "theme", "definition", "numerator_label",
                     "denominator_label", "unit", "polarity", "source", "owner", "aggregation",
                     "suppression_threshold", "source_suppression")
