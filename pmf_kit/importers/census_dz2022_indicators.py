"""The Census 2022 indicators of the 2022 data zone data set: what each counts, from which table.

Each indicator is a count of people or households in some categories over a denominator (the
table's total unless stated), from one output-area table summed to data zones, and, where NRS
also publishes the figure on the 2022 data zones themselves, from that official table, which is
used instead (`census_dz2022` reports how far the two differ). Where a 2011 data set's census
indicator has the same definition, it has the same id.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Official:
    """The same figure in one of NRS's 2022 data zone exports, found by its variable name."""

    variable: str
    counted: tuple[str, ...]


@dataclass(frozen=True)
class CensusFigure:
    """One indicator: labels counted over labels of the denominator, from an output-area table."""

    indicator_id: str
    table_id: str
    title: str
    theme: str
    what: str
    counted: tuple[str, ...]
    denominator: tuple[str, ...] = ()
    """Labels summed for the denominator; empty means the table's total (its first column)."""
    polarity: str = "neutral"
    unit: str = "percent"
    official: Official | None = None


TENURE = "Household tenure - 5 groups, collapsed"
CARS = "Number of cars or vans"
SIZE = "Household size - 5 groups, collapsed"
COMPOSITION = "Household composition - 10 groups, collapsed"
ACCOMMODATION = "Type of accomodation"
"""(sic: NRS's spelling in the export)"""
OFFICIAL_VARIABLES = (TENURE, CARS, SIZE, COMPOSITION, ACCOMMODATION)
ACCOMMODATION_TABLE = "dz2022 accommodation"
"""Accommodation type has no output-area table here: the indicator is read from the official
export only."""

AGES = "All people: {}"
BANDS = ("0 - 4", "5 - 9", "10 - 14", "15", "16 - 17", "18 - 19", "20 - 24", "25 - 29", "30 - 34", "35 - 39",
         "40 - 44", "45 - 49", "50 - 54", "55 - 59", "60 - 64", "65 - 69", "70 - 74", "75 - 79", "80 - 84", "85 and over")
SEX_BY_AGE = tuple(f"{sex}: {band}" for sex in ("Female", "Male") for band in BANDS)
"""Every sex-by-age cell of UV102b: residents are their sum, as population.csv is, so the count
and the population figures of a profile agree (NRS perturbs the table's own total separately)."""
FLATS = ("Flat, maisonette or apartment: Purpose-built block of flats or tenement",
         "Flat, maisonette or apartment: Part of a converted or shared house (including bed-sits)",
         "Flat, maisonette or apartment: In a commercial building")
UNEMPLOYED = ("Economically Active (excluding full-time students) - Unemployed - Available for work",
              "Economically Active full-time students - Unemployed - Available for work")
ACTIVE = ("Economically Active (excluding full time students) - Total", "Economically Active full-time students - Total")

FIGURES = [
    CensusFigure("census_residents", "UV102b", "Residents on census day 2022 (number)", "Population",
                 "All usual residents counted by Scotland's Census 2022 (the sum of the table's cells by sex and age, "
                 "as the population figures are)", SEX_BY_AGE, unit="count"),
    CensusFigure("census_children_0_15", "UV102b", "Children aged 0 to 15 (census 2022)", "Population",
                 "Percentage of usual residents aged 0 to 15",
                 tuple(AGES.format(band) for band in ("0 - 4", "5 - 9", "10 - 14", "15"))),
    CensusFigure("census_working_age_16_64", "UV102b", "Residents aged 16 to 64 (census 2022)", "Population",
                 "Percentage of usual residents aged 16 to 64",
                 tuple(AGES.format(band) for band in ("16 - 17", "18 - 19", "20 - 24", "25 - 29", "30 - 34",
                                                      "35 - 39", "40 - 44", "45 - 49", "50 - 54", "55 - 59",
                                                      "60 - 64"))),
    CensusFigure("census_aged_65_plus", "UV102b", "Residents aged 65 and over (census 2022)", "Population",
                 "Percentage of usual residents aged 65 and over",
                 tuple(AGES.format(band) for band in ("65 - 69", "70 - 74", "75 - 79", "80 - 84", "85 and over"))),
    CensusFigure("census_aged_85_plus", "UV102b", "Residents aged 85 and over (census 2022)", "Population",
                 "Percentage of usual residents aged 85 and over", (AGES.format("85 and over"),)),
    CensusFigure("census_minority_ethnic", "UV201", "Residents of minority ethnic groups (census 2022)",
                 "Population", "Percentage of usual residents whose ethnic group is not one of the White groups "
                 "(Mixed or multiple, Asian, African, Caribbean or Black, and other ethnic groups)",
                 ("Mixed or multiple ethnic group", "Asian, Asian Scottish or Asian British: Total", "African: Total",
                  "Caribbean or Black: Total", "Other ethnic groups: Total")),
    CensusFigure("census_gaelic_skills", "UV208", "Residents with some Gaelic (census 2022)", "Population",
                 "Percentage of usual residents aged 3 and over with any skill in Gaelic (understanding, "
                 "speaking, reading or writing)",
                 ("Understands but does not speak, read or write Gaelic", "Speaks, reads and writes Gaelic",
                  "Speaks but does not read or write Gaelic", "Speaks and reads but does not write Gaelic",
                  "Reads but does not speak or write Gaelic", "Other combination of skills in Gaelic")),
    CensusFigure("census_other_main_language", "UV212", "Residents whose main language is not English, Scots, "
                 "Gaelic or sign language (census 2022)", "Population", "Percentage of usual residents aged 3 "
                 "and over whose main language is another language", ("Other language",)),
    CensusFigure("census_veterans", "UV901", "UK Armed Forces veterans (census 2022)", "Population",
                 "Percentage of usual residents aged 16 and over who have served in the UK Armed Forces",
                 ("UK Armed Forces veteran",)),
    CensusFigure("census_bad_health", "UV302", "Residents in bad or very bad health (census 2022)", "Health",
                 "Percentage of usual residents who describe their general health as bad or very bad",
                 ("Bad", "Very bad"), polarity="lower_is_better"),
    CensusFigure("census_limited_a_lot", "UV303", "Day-to-day activities limited a lot (census 2022)", "Health",
                 "Percentage of usual residents whose day-to-day activities are limited a lot by a long-term "
                 "health problem or disability", ("Day-to-day activities limited a lot",), polarity="lower_is_better"),
    CensusFigure("census_limited", "UV303", "Day-to-day activities limited (census 2022)", "Health",
                 "Percentage of usual residents whose day-to-day activities are limited a lot or a little by a "
                 "long-term health problem or disability",
                 ("Day-to-day activities limited a lot", "Day-to-day activities limited a little"),
                 polarity="lower_is_better"),
    CensusFigure("census_mental_health_condition", "UV304", "Residents with a mental health condition "
                 "(census 2022)", "Health", "Percentage of usual residents who report a mental health condition "
                 "(one of the long-term conditions the census asks about; a person may report several)",
                 ("Mental health condition",), polarity="lower_is_better"),
    CensusFigure("census_unpaid_carers", "UV301", "Residents providing unpaid care (census 2022)", "Health",
                 "Percentage of usual residents aged 3 and over who look after or help anyone because of "
                 "long-term illness, disability or old age, unpaid", ("All unpaid carers",)),
    CensusFigure("census_carers_35_hours", "UV301", "Residents caring unpaid 35 or more hours a week (census 2022)",
                 "Health", "Percentage of usual residents aged 3 and over providing 35 or more hours of unpaid "
                 "care a week", ("Yes, 35 to 49 hours a week", "Yes, 50 or more hours a week")),
    CensusFigure("census_unemployed", "UV601", "Economically active residents unemployed (census 2022)",
                 "Work and income", "Percentage of economically active usual residents aged 16 and over "
                 "(full-time students included) who were unemployed and available for work",
                 UNEMPLOYED, ACTIVE, polarity="lower_is_better"),
    CensusFigure("census_long_term_sick", "UV601", "Residents not working because long-term sick or disabled "
                 "(census 2022)", "Work and income", "Percentage of usual residents aged 16 and over who are "
                 "economically inactive because long-term sick or disabled",
                 ("Economically inactive - Long term sick or disabled",), polarity="lower_is_better"),
    CensusFigure("census_no_qualifications", "UV501", "Adults with no qualifications (census 2022)", "Education",
                 "Percentage of usual residents aged 16 and over with no qualifications", ("No qualifications",),
                 polarity="lower_is_better"),
    CensusFigure("census_degree", "UV501", "Adults qualified to degree level (census 2022)", "Education",
                 "Percentage of usual residents aged 16 and over whose highest qualification is a degree or above",
                 ("Degree level qualifications or above",), polarity="higher_is_better"),
    CensusFigure("census_no_car", "UV405", "Households with no car or van (census 2022)", "Access to services",
                 "Percentage of occupied households with no car or van",
                 ("Number of cars or vans in household: No cars or vans",),
                 official=Official(CARS, ("Number of cars or vans in household: No cars or vans",))),
    CensusFigure("census_work_from_home", "UV701", "Workers mainly working at or from home (census 2022)",
                 "Access to services", "Percentage of usual residents aged 16 and over in employment who work "
                 "mainly at or from home", ("Work mainly at or from home",)),
    CensusFigure("census_active_travel_to_work", "UV701", "Workers walking or cycling to work (census 2022)",
                 "Access to services", "Percentage of usual residents aged 16 and over in employment whose main "
                 "way to work is on foot or by bicycle", ("On foot", "Bicycle"), polarity="higher_is_better"),
    CensusFigure("census_public_transport_to_work", "UV701", "Workers taking public transport to work "
                 "(census 2022)", "Access to services", "Percentage of usual residents aged 16 and over in "
                 "employment whose main way to work is bus, train, underground or tram",
                 ("Bus, minibus or coach", "Train", "Underground, subway or tram")),
    CensusFigure("census_owner_occupied", "UV404", "Households owning their home (census 2022)", "Housing",
                 "Percentage of occupied households owning their home outright, with a mortgage or loan, in "
                 "shared ownership or shared equity", ("Owned: Total",),
                 official=Official(TENURE, ("Owned: Owned outright",
                                            "Owned: Owns with a mortgage or loan or shared ownership"))),
    CensusFigure("census_social_rented", "UV404", "Households renting from a council or housing association "
                 "(census 2022)", "Housing", "Percentage of occupied households renting from a council or a "
                 "housing association or registered social landlord",
                 ("Social Rented: Council (LA) or Housing Association/ Registered Social Landlord",),
                 official=Official(TENURE, ("Social Rented: Council (LA) or Housing Association/ Registered "
                                            "Social Landlord",))),
    CensusFigure("census_private_rented", "UV404", "Households renting privately (census 2022)", "Housing",
                 "Percentage of occupied households renting from a private landlord, a letting agency or another "
                 "private arrangement", ("Private rented: Total",), official=Official(TENURE, ("Private rented",))),
    CensusFigure("census_flats", ACCOMMODATION_TABLE, "Households living in flats (census 2022)", "Housing",
                 "Percentage of occupied households whose home is a flat, maisonette or apartment", FLATS,
                 official=Official(ACCOMMODATION, FLATS)),
    CensusFigure("census_overcrowded_bedrooms", "UV415", "Households with too few bedrooms (census 2022)",
                 "Housing", "Percentage of occupied households with an occupancy rating for bedrooms of -1 or less "
                 "(at least one bedroom fewer than the household needs)",
                 ("Occupancy rating of bedrooms: -1 or less",), polarity="lower_is_better"),
    CensusFigure("census_no_central_heating", "UV407", "Households with no central heating (census 2022)",
                 "Housing", "Percentage of occupied households with no central heating", ("No central heating",),
                 polarity="lower_is_better"),
    CensusFigure("census_one_person_households", "UV406", "One-person households (census 2022)", "Housing",
                 "Percentage of occupied households of one person", ("One person",),
                 official=Official(SIZE, ("One person",))),
    CensusFigure("census_living_alone_66_plus", "UV113", "Households of one person aged 66 or over (census 2022)",
                 "Housing", "Percentage of households that are one person aged 66 or over living alone",
                 ("One person household: Aged 66 and over",),
                 official=Official(COMPOSITION, ("One person household: Aged 66 and over",))),
    CensusFigure("census_lone_parents", "UV113", "Lone parent households with dependent children (census 2022)",
                 "Housing", "Percentage of households that are a lone parent family with dependent children",
                 ("One family household: Lone parent family: One dependent child",
                  "One family household: Lone parent family: Two or more dependent children"),
                 official=Official(COMPOSITION, ("One family household: Lone parent: With dependent children",))),
]
