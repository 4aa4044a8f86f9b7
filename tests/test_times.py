"""Dates and times, normalized against the publication date (2024-03-14, a Thursday, unless a test says)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dateline.records import Result

Run = Callable[..., Result]


def values(result: Result) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in result.times]


@pytest.mark.parametrize(("sentence", "want"), [
    ("The mayor said on Monday that the vote would wait.", ("Monday", "DATE", "2024-03-11")),
    ("The council will meet on Monday.", ("Monday", "DATE", "2024-03-18")),
    ("The council met on Thursday.", ("Thursday", "DATE", "2024-03-14")),
    ("The plant closed on June 16.", ("June 16", "DATE", "2023-06-16")),
    ("The plant will reopen on June 16.", ("June 16", "DATE", "2024-06-16")),
    ("Two men were arrested in February.", ("February", "DATE", "2024-02")),
    ("The port opened on March 3, 1998.", ("March 3, 1998", "DATE", "1998-03-03")),
    ("Prices rose sharply in October 2019.", ("October 2019", "DATE", "2019-10")),
    ("The law passed in 2011.", ("2011", "DATE", "2011")),
    ("The town grew fast in the 1990s.", ("the 1990s", "DATE", "199")),
    ("The mill closed two years ago.", ("two years ago", "DATE", "2022")),
    ("Sales fell last week.", ("last week", "DATE", "2024-W10")),
    ("The mayor will travel next month.", ("next month", "DATE", "2024-04")),
    ("It rained yesterday.", ("yesterday", "DATE", "2024-03-13")),
    ("The talks lasted six months.", ("six months", "DURATION", "P6M")),
    ("The board meets every week.", ("every week", "SET", "P1W")),
    ("The ferry leaves at 3 p.m.", ("3 p.m.", "TIME", "2024-03-14T15:00")),
    ("The market is open now.", ("now", "DATE", "PRESENT_REF")),
    ("Profits fell in the third quarter.", ("the third quarter", "DATE", "2023-Q3")),  # not yet begun in 2024
    ("The festival moves to a new site next summer.", ("next summer", "DATE", "2025-SU")),
])
def test_expression(run: Run, sentence: str, want: tuple[str, str, str]) -> None:
    assert want in values(run(sentence))


def test_names_are_not_dates(run: Run) -> None:
    assert values(run("She hosts “The Sunday Show” and may run for office.")) == []


def test_quote_is_dated_by_the_expression_on_its_cue(run: Run) -> None:
    r = run("Anna Price said on Tuesday that the bridge would open next year.")
    (q,) = r.quotes
    assert q.date == "2024-03-12"


@pytest.mark.parametrize(("sentence", "published", "want"), [
    # DATE, with TimeML's spans: "on", "in" stay outside; "last", "this", "the" stay inside
    ("The strike ended last year.", "2021-06-21", ("last year", "DATE", "2020")),
    ("The garden opens this spring.", "2021-02-10", ("this spring", "DATE", "2021-SP")),
    ("Rents rose in the second quarter.", "2021-09-30", ("the second quarter", "DATE", "2021-Q2")),
    ("Sales jumped in third-quarter trading.", "1989-10-30", ("third-quarter", "DATE", "1989-Q3")),
    ("The dam was finished in nineteen ninety-six.", "1998-02-13", ("nineteen ninety-six", "DATE", "1996")),
    ("Prices peaked in early 1997.", "1998-02-13", ("early 1997", "DATE", "1997")),
    ("The vote was held last May.", "1998-02-27", ("last May", "DATE", "1997-05")),
    ("Two helicopters crashed last February.", "1998-03-01", ("last February", "DATE", "1997-02")),
    ("Threats became routine over the past decade.", "1998-10-25", ("the past decade", "DURATION", "P10Y")),
    ("Inspectors may stay for no more than sixty days.", "1998-02-22",
     ("no more than sixty days", "DURATION", "P60D")),
    ("Eight trading days later the index recovered.", "1989-10-30", ("Eight trading days", "DURATION", "P8D")),
    ("The company, which reported a loss for the third quarter, earned more a year earlier.", "1989-11-02",
     ("a year earlier", "DATE", "1988-Q3")),
    # TIME
    ("The ferry left at 10 p.m. Wednesday.", "1998-02-13", ("10 p.m. Wednesday", "TIME", "1998-02-11T22:00")),
    ("The minister spoke this morning.", "2021-06-21", ("this morning", "TIME", "2021-06-21TMO")),
    # DURATION
    ("The talks lasted two years.", "2021-06-21", ("two years", "DURATION", "P2Y")),
    ("Rents have risen over the past six months.", "2021-06-21", ("the past six months", "DURATION", "P6M")),
    ("He signed a two-year contract.", "2021-06-21", ("two-year", "DURATION", "P2Y")),
    ("The strike has lasted nearly forty years.", "2021-06-21", ("nearly forty years", "DURATION", "P40Y")),
    ("The fires have burned for weeks.", "2021-06-21", ("weeks", "DURATION", "PXW")),
    # SET
    ("The board reports annually.", "2021-06-21", ("annually", "SET", "P1Y")),
    ("The market opens each Thursday.", "2021-06-21", ("each Thursday", "SET", "XXXX-WXX-4")),
    ("The ferry sails on Tuesday nights.", "2021-06-21", ("Tuesday nights", "SET", "XXXX-WXX-2TNI")),
    # the vague ones
    ("Prices have recently fallen.", "2021-06-21", ("recently", "DATE", "PAST_REF")),
    ("The bridge will reopen soon.", "2021-06-21", ("soon", "DATE", "FUTURE_REF")),
    ("Rents have climbed in recent years.", "2021-06-21", ("recent years", "DURATION", "PXY")),
])
def test_every_kind_of_expression(run: Run, sentence: str, published: str, want: tuple[str, str, str]) -> None:
    assert want in values(run(sentence, published))


@pytest.mark.parametrize(("sentence", "want"), [
    ("The council met on Monday.", "2024-03-11"),            # past tense: the Monday before
    ("The council meets again on Monday.", "2024-03-11"),    # unmarked: news reports what happened
    ("The council will meet on Monday.", "2024-03-18"),      # future tense: the Monday after
    ("The council will meet next Monday.", "2024-03-18"),
    ("The sale is scheduled to close on Monday.", "2024-03-18"),  # an infinitive looks ahead
    ("The council met last Monday.", "2024-03-11"),
    ("The envoy could arrive as early as Monday.", "2024-03-18"),  # words before the day look ahead
    ("The crowd staged a rally to mark the vote on Monday.", "2024-03-11"),  # an infinitive under a past verb
    ("The mayor postponed any decision until Monday.", "2024-03-18"),
])
def test_a_weekday_takes_its_direction_from_tense_and_words(run: Run, sentence: str, want: str) -> None:
    (t,) = run(sentence).times
    assert t.value == want


def test_a_month_keeps_its_granularity_and_goes_to_the_closest_year(run: Run) -> None:
    got = values(run("Prices fell in December and will rise in May.", "2024-03-14"))
    assert got == [("December", "DATE", "2023-12"), ("May", "DATE", "2024-05")]


def test_the_next_day_counts_from_the_date_the_article_gave(run: Run) -> None:
    got = values(run("The flood came on June 16, 2019. The next day the river fell.", "2021-06-21"))
    assert ("The next day", "DATE", "2019-06-17") in got


def test_weeks_keep_their_iso_number(run: Run) -> None:
    assert ("this week", "DATE", "2021-W25") in values(run("Talks resumed this week.", "2021-06-21"))


def test_a_quote_is_dated_by_the_expression_on_its_cue(run: Run) -> None:
    r = run("Mayor Anna Price said on Monday that the bridge would reopen.", "2021-06-23")
    (q,) = r.quotes
    assert q.date == "2021-06-21"


def test_a_day_that_names_an_event_long_past_is_that_day(run: Run) -> None:
    assert values(run("He backed the Patriot Act after the Sept. 11 terrorist attacks.", "2016-03-16")) == [
        ("Sept. 11", "DATE", "2001-09-11")]
    # the same month and day on something else is this year's or last
    assert values(run("She left a Sept. 11 memorial event early.", "2016-09-12")) == [
        ("Sept. 11", "DATE", "2016-09-11")]


def test_a_holiday_after_a_year_written_out_is_that_years(run: Run) -> None:
    got = values(run("Campaigning against Romney in 2012, he barely mentioned it. But soon after Election Day, "
                     "he spoke of it.", "2016-09-08"))
    assert got == [("2012", "DATE", "2012"), ("Election Day", "DATE", "2012-11-06")]


@pytest.mark.parametrize(("sentence", "published", "want"), [
    ("Families gathered on Thanksgiving Day.", "1999-12-01", ("Thanksgiving Day", "DATE", "1999-11-25")),
    ("The polls close on Election Day.", "1998-10-20", ("Election Day", "DATE", "1998-11-03")),
    ("The shop closed last Christmas.", "2021-06-21", ("last Christmas", "DATE", "2020-12-25")),
    ("The parade was held on Easter Sunday.", "2000-05-01", ("Easter", "DATE", "2000-04-23")),
    ("Pilgrims prayed as Easter week began.", "2000-04-17", ("Easter week", "DATE", "2000-W16")),
])
def test_holidays_are_dates(run: Run, sentence: str, published: str, want: tuple[str, str, str]) -> None:
    assert want in values(run(sentence, published))


def test_the_year_ended_is_a_span_and_that_year_the_year_named(run: Run) -> None:
    got = values(run("Profit rose in the year ended June 30. The plant opened in 1988, and that year it hired 40.",
                     "1989-10-30"))
    assert ("the year", "DURATION", "P1Y") in got
    assert ("that year", "DATE", "1988") in got


@pytest.mark.parametrize(("sentence", "want"), [
    ("The dividend is payable Dec. 7.", ("Dec. 7", "DATE", "2024-12-07")),      # "payable" looks ahead
    ("Inspectors have worked there since Oct. 9.", ("Oct. 9", "DATE", "2023-10-09")),  # "since" looks back
])
def test_the_words_before_a_date_say_which_way_it_lies(run: Run, sentence: str, want: tuple[str, str, str]) -> None:
    assert want in values(run(sentence))


@pytest.mark.parametrize(("sentence", "want"), [
    ("The flight took 5 1/2 hours.", ("5 1/2 hours", "DURATION", "PT5H30M")),
    ("The trial lasted 2 1/2 years.", ("2 1/2 years", "DURATION", "P2Y6M")),
    ("The blast lasted a minute and a half.", ("a minute and a half", "DURATION", "PT1M30S")),
    ("He served seven and a half years in office.", ("seven and a half years", "DURATION", "P7Y6M")),
    ("It was the winter of nineteen ninety-four.", ("winter of nineteen ninety-four", "DATE", "1994-WI")),
    ("In January nineteen ninety-seven the mill closed.", ("January nineteen ninety-seven", "DATE", "1997-01")),
])
def test_halves_and_spelled_years(run: Run, sentence: str, want: tuple[str, str, str]) -> None:
    assert want in values(run(sentence))


@pytest.mark.parametrize("sentence", [
    "Mr. Reupke, 52 years old, will succeed him.",   # an age
    "A second group of directors resigned.",          # an ordinal
    "A second-place finish helped him.",              # an ordinal, hyphened
    "According to the Daily Caller, she left.",       # a name
    "The show went off the air a quarter-century ago.",  # a quarter of a century, not of a year
    "Just over a quarter, 26 percent, say so.",       # a fraction
    "She spoke on the last day of the convention.",   # the last of something, not the day before now
    "I cannot remember the last day I took off.",     # the same
    "Sanders built his Super Tuesday strategy on it.",  # a day with a name of its own, not a Tuesday near now
    "They may leave as soon as the threats end.",     # a conjunction
    "He was taken to a hospital and was soon released.",  # soon after the story's moment
    "Shares fell 3 in the morning session.",           # points, not a clock
])
def test_words_that_look_like_times_and_are_not(run: Run, sentence: str) -> None:
    assert run(sentence).times == []


@pytest.mark.parametrize(("sentence", "published", "want"), [
    # a clock time takes the day written after it, past a time zone or a note in brackets
    ("The tender offer runs until 5 p.m. EST Nov. 9.", "1989-11-02", ("5 p.m. EST Nov. 9", "TIME", "1989-11-09T17:00")),
    ("The tremor struck at 4:10 a.m. (0910 GMT) Sunday.", "2001-05-07", ("4:10 a.m.", "TIME", "2001-05-06T04:10")),
    ("He will leave at 4 in the morning (4 a.m. EDT Thursday).", "2000-04-05",
     ("4 in the morning", "TIME", "2000-04-06T04:00")),  # the same hour in brackets, with its day
    # a quarter or half of a year named
    ("The mine lost money in the third quarter of 1984.", "1989-10-27",
     ("the third quarter of 1984", "DATE", "1984-Q3")),
    ("Sales will slow in the last half of 1989.", "1989-10-26", ("the last half of 1989", "DATE", "1989-H2")),
    ("Orders have been strong in the current quarter.", "1989-10-26", ("the current quarter", "DATE", "1989-Q4")),
    # counted from the last date the article named
    ("The bakery opened in March. The following month, it hired ten cooks.", "1989-10-27",
     ("The following month", "DATE", "1989-04")),
    ("She moved to Lyon in June 1998 and left later that year.", "2000-01-28", ("later that year", "DATE", "1998")),
    ("The judge will hear the case the week of March 6.", "2000-02-24", ("the week of March 6", "DATE", "2000-W10")),
    ("Shares slipped at mid-afternoon yesterday.", "1989-11-02",
     ("mid-afternoon yesterday", "TIME", "1989-11-01TAF")),
    ("The mill shut a decade ago.", "1999-03-12", ("a decade ago", "DATE", "1989")),
    ("The pier has stood for almost a hundred years.", "1998-02-13", ("a hundred years", "DURATION", "P100Y")),
    ("The index closed lower on Friday, down 4% from the previous Friday.", "1989-10-30",
     ("the previous Friday", "DATE", "1989-10-20")),
    ("The printer earned $2 million in the quarter ended July 31.", "1989-10-30", ("the quarter", "DATE", "1989-Q2")),
    ("The talks ended last Wednesday.", "1998-02-13", ("last Wednesday", "DATE", "1998-02-11")),
    ("The chapel was built in the 11th century.", "1998-02-13", ("the 11th century", "DATE", "10")),
    ("Rents doubled in the nineties.", "1998-02-13", ("the nineties", "DATE", "199")),
    ("The fund pays out every quarter.", "1998-02-13", ("every quarter", "SET", "P1Q")),
    ("Shells fell on the port last night.", "1998-01-20", ("last night", "TIME", "1998-01-19TNI")),
    ("Rates may ease in the near term.", "1989-10-26", ("the near term", "DATE", "FUTURE_REF")),
    ("On Tuesday, the union plans to hold a rally.", "1998-10-26", ("Tuesday", "DATE", "1998-10-27")),
    ("In the year-earlier third quarter, the bank earned $3 million.", "1989-10-27",
     ("the year-earlier third quarter", "DATE", "1988-Q3")),
    ("The council hopes the city will one day host the games.", "1998-03-03", ("one day", "DATE", "FUTURE_REF")),
    ("Sales should grow over the next couple of years.", "1989-10-26", ("the next couple of years", "DURATION", "P2Y")),
    ("Traders are jumpy these days.", "1989-10-30", ("these days", "DATE", "PRESENT_REF")),
    ("Kellogg's current share is under 40%.", "1989-10-30", ("current", "DATE", "PRESENT_REF")),
    ("Holders may buy at the then current price.", "1989-10-30", ("then current", "DATE", "PAST_REF")),
    ("The summit opens on April 24 and 25.", "1999-03-12", ("25", "DATE", "1999-04-25")),
    ("The ferry will leave at 4 in the morning.", "2000-04-05", ("4 in the morning", "TIME", "2000-04-05T04:00")),
    ("She will focus on the debate tomorrow night.", "2016-09-25", ("tomorrow night", "TIME", "2016-09-26TNI")),
    ("Lawyers left a third day-long meeting.", "2000-04-03", ("day-long", "DURATION", "P1D")),
    ("The suspect will appear before a judge at midday.", "1999-10-08", ("midday", "TIME", "1999-10-08T12:00")),
    ("Three days later, the index closed higher.", "1989-10-30", ("Three days", "DURATION", "P3D")),
    ("The contract runs for an additional year.", "1989-10-30", ("an additional year", "DURATION", "P1Y")),
    ("Shares slipped by mid afternoon.", "1998-03-06", ("mid afternoon", "TIME", "1998-03-06TAF")),
    ("Sales will rise in the current fiscal year.", "1989-10-30", ("the current fiscal year", "DATE", "1989")),
    ("Receipts fell to $3 million last year from $4 million the year before.", "1998-09-07",
     ("the year", "DATE", "1996")),
    ("The treaty overruled a 1971 Convention on flights.", "1998-02-27", ("1971", "DATE", "1971")),
])
def test_dates_named_with_another(run: Run, sentence: str, published: str, want: tuple[str, str, str]) -> None:
    assert want in values(run(sentence, published))


def test_the_reported_quarter_anchors_the_year_ago_one(run: Run) -> None:
    got = values(run("The brewer posted a third-quarter loss. In the 1988 quarter it earned $3 million. In the latest "
                     "quarter, sales fell.", "1989-11-02"))
    assert ("the 1988 quarter", "DATE", "1988-Q3") in got
    assert ("the latest quarter", "DATE", "1989-Q3") in got


@pytest.mark.parametrize(("sentence", "published", "want"), [
    ("The union scheduled a news conference Thursday.", "1999-05-05", "1999-05-06"),  # scheduled for: ahead
    ("Until Thursday, the police had not named a suspect.", "1999-05-07", "1999-05-06"),  # a past perfect: before
    ("The ministry extended its deadline until Tuesday.", "2000-04-03", "2000-04-04"),  # a deadline: ahead
    ("A public memorial service is planned Friday.", "2016-06-05", "2016-06-10"),  # planned now: ahead
    ("The vote was scheduled Tuesday.", "2016-06-05", "2016-05-31"),  # scheduled then, on a day past
])
def test_scheduling_and_until(run: Run, sentence: str, published: str, want: str) -> None:
    (t,) = run(sentence, published).times
    assert t.value == want


@pytest.mark.parametrize(("sentence", "published", "want"), [
    ("The index stayed below its record high set on Aug. 6.", "1998-02-06", "1997-08-06"),
    ("Buyers liked the models introduced in April.", "1989-10-26", "1989-04"),
    ("Police have been searching for him since shortly after the Oct. 23 killing.", "1999-05-06", "1998-10-23"),
    ("Critics questioned her decision to meet him at the end of June.", "2016-09-14", "2016-06"),
])
def test_a_participle_or_perfect_looks_back(run: Run, sentence: str, published: str, want: str) -> None:
    (t,) = run(sentence, published).times
    assert t.value == want


@pytest.mark.parametrize("sentence", [
    "The plan saves $2 million a year in rent.",                 # a rate
    "The airline adds 700 seats a week on the route.",
    'The senator spoke on the network\'s "This Week" program.',  # titles
    "This is Radio Harbour Today.",
    "Phones shape today's youth.",                                # the present in general
    "The funds hold more than a quarter of the market.",          # a fraction
    "The vote matters to the future of the region.",              # prospects
    "Police found his 1987 Chevrolet Cavalier.",                  # a model year
    "Marchers joined the annual March for Life.",                 # an event's name
    "The agency retaliated against Christmas trees.",             # things, not the day
    "As The Daily Beast called them, the hosts were loud.",       # a paper's name
    "For the people of Poland, high noon comes at last.",         # an idiom
    'She spoke on the show "60 Minutes" at length.',              # a title
])
def test_rates_titles_and_the_general_present_are_not_times(run: Run, sentence: str) -> None:
    assert run(sentence).times == []


def test_last_year_in_a_quarters_comparison_is_that_quarter_a_year_before(run: Run) -> None:
    got = values(run("The insurer earned $24 million in the third quarter, compared with a loss of $3 million last "
                     "year. For the first nine months, profit rose 8% from a year earlier.", "1989-11-02"))
    assert ("last year", "DATE", "1988-Q3") in got
    assert ("a year earlier", "DATE", "1988") in got  # after "nine months": the year, not the quarter
    got = values(run("The insurer earned $24 million in the third quarter. In the first nine months, net was $306 "
                     "million, compared with a loss of $195 million in the 1988 period.", "1989-11-02"))
    assert ("the 1988 period", "DATE", "1988") in got  # likewise: not 1988-Q3


def test_a_day_or_clock_time_takes_the_date_the_story_just_named(run: Run) -> None:
    got = values(run("The doctor was shot on Oct. 23, 1998. He was hit at 10 p.m. in his kitchen. The day before last "
                     "Tuesday's hearing, the family met. Shares rose after Oct. 12, the day before the crash.",
                     "1999-04-19"))
    assert ("10 p.m.", "TIME", "1998-10-23T22:00") in got
    assert ("The day before last Tuesday", "DATE", "1999-04-12") in got  # one expression, as in TimeML
    assert ("the day", "DATE", "1998-10-12") in got


def test_a_clock_time_far_from_its_day_is_on_the_day_the_story_gave_the_same_happening(run: Run) -> None:
    told = "Slepian was shot to death last Oct. 23 at his home. The rifle was found April 8. "
    filler = "The rifle was tested in Washington by agents who would not say what they found. " * 4
    got = values(run(told + filler + "Slepian was shot to death at 10 p.m. in his kitchen.", "1999-04-19"))
    assert ("10 p.m.", "TIME", "1998-10-23T22:00") in got  # "was shot", as on Oct. 23, not April 8 named last
    got = values(run(told + filler + "The house was searched at 6 a.m.", "1999-04-19"))
    assert ("6 a.m.", "TIME", "1999-04-19T06:00") in got  # a happening the story did not date: as before


def test_the_early_hours_of_a_day_are_that_day(run: Run) -> None:
    got = values(run("Police arrested him in the early hours of Thursday morning.", "1999-10-08"))
    assert got == [("Thursday morning", "TIME", "1999-10-07TMO")]


def test_a_calendar_event_named_by_its_date_is_the_nearest_one(run: Run) -> None:
    got = values(run("The result of the Nov. 8 mayoral election may be close.", "2016-09-27"))
    assert got == [("Nov. 8", "DATE", "2016-11-08")]  # an election ahead, where "the Oct. 23 killing" lies behind


@pytest.mark.parametrize(("sentence", "published", "want"), [
    ("The tweet invited her to Monday night's debate.", "2016-09-25", ("Monday night", "TIME", "2016-09-26TNI")),
    ("She said that if he were to win in November, he would sign it.", "2016-09-23", ("November", "DATE", "2016-11")),
    ("The envoy is to take over on Jan. 1.", "2016-09-20", ("Jan. 1", "DATE", "2017-01-01")),
    # the present of a clause of time under a future one is ahead; its past is not
    ("Once the rule goes into effect on Dec. 1, workers will get more pay.", "2016-05-19",
     ("Dec. 1", "DATE", "2016-12-01")),
    ("When the board met in March, it voted.", "2016-05-19", ("March", "DATE", "2016-03")),
    # an event something happened at, in a clause in the past, is behind
    ("Trump has been attacking her since Clinton, at Monday's debate, cited his remarks.", "2016-09-30",
     ("Monday", "DATE", "2016-09-26")),
    # what an event may do says nothing of when it is; a contest in a month is the one ahead
    ("Monday's debate might not move mountains politically.", "2016-09-29", ("Monday", "DATE", "2016-09-26")),
    ("It tees up the November showdown with Trump.", "2016-07-27", ("November", "DATE", "2016-11")),
    # a span from a date to now sets no year for a month after it
    ("Groups that raised money since Jan. 1, 2015, outpaced others. In August, they raised $64 million.",
     "2016-09-22", ("August", "DATE", "2016-08")),
])
def test_a_planned_or_scheduled_event_is_the_nearest_or_ahead(run: Run, sentence: str, published: str,
                                                                want: tuple[str, str, str]) -> None:
    assert want in values(run(sentence, published))


@pytest.mark.parametrize(("sentence", "published", "want"), [
    # "last spring" is the latest spring already over: written in October, this year's; written in May, last year's
    ("The strike began last spring.", "1989-10-26", ("last spring", "DATE", "1989-SP")),
    ("The strike began last spring.", "1989-05-26", ("last spring", "DATE", "1988-SP")),
    ("This past fall was wet.", "2016-02-08", ("past fall", "DATE", "2015-FA")),
    ("The museum opens next fall.", "2015-12-11", ("next fall", "DATE", "2016-FA")),  # in spring, "this fall"
    # "this Thursday", written on a Monday, is three days on; in a past clause, the one before
    ("Trump is scheduled to meet Ryan this Thursday.", "2016-05-09", ("this Thursday", "DATE", "2016-05-12")),
    ("We meet this Sunday.", "2015-12-22", ("this Sunday", "DATE", "2015-12-27")),
    ("He spoke this Thursday.", "2016-05-09", ("this Thursday", "DATE", "2016-05-05")),
    # "from now" counts ahead as "ago" counts back; a span that is not one number is only before or after
    ("What will things be like a year from now?", "2015-11-11", ("a year from now", "DATE", "2016")),
    ("Two weeks from now, the vote will be held.", "2015-11-18", ("Two weeks from now", "DATE", "2015-W49")),
    ("Her standing two or three months from now may differ.", "2016-04-20",
     ("two or three months from now", "DATE", "FUTURE_REF")),
    ("Menendez approached Corker three or four months ago.", "2016-07-16",
     ("three or four months ago", "DATE", "PAST_REF")),
    # a holiday in a future clause is the next one
    ("The race will have changed by Election Day.", "2015-11-18", ("Election Day", "DATE", "2016-11-08")),
    # a season named bare follows its clause, unless it names a thing ("the fall campaign"), which is either side
    ("He is making a movie set to be released in the summer.", "2015-12-19", ("summer", "DATE", "2016-SU")),
    ("The numbers changed over the summer.", "2016-02-05", ("summer", "DATE", "2015-SU")),
    ("Looking ahead to the fall, the chairman hired a deputy.", "2016-04-23", ("fall", "DATE", "2016-FA")),
    ("Central to her strategy for the fall campaign was Ohio.", "2016-06-01", ("fall", "DATE", "2016-FA")),
    # "the next year" counts from the year last named, but "over the next year" from now
    ("In 1939 they fled; 10,000 are expected over the next year.", "2015-11-17", ("the next year", "DATE", "2016")),
    ("In 1939 they fled. The next year they settled.", "2015-11-17", ("The next year", "DATE", "1940")),
    # a month and day written out with its year before is that day again, however far back
    ("He blamed him for the attacks of Sept. 11, 2001. Bush defended his response to the Sept. 11 attacks.",
     "2016-02-17", ("Sept. 11", "DATE", "2001-09-11")),
    # "up to" and "around" bound an amount, not a day: "leading up to Monday's caucus" names Monday alone
    ("The debate grew in the months leading up to Monday's caucus.", "2016-02-02", ("Monday", "DATE", "2016-02-01")),
    ("Earlier Sunday, Trump spoke.", "2016-02-02", ("Earlier Sunday", "DATE", "2016-01-31")),
    ("It came out in the lead up to the 2012 election.", "2016-02-02", ("2012", "DATE", "2012")),
    # every minute is a minute, not a month
    ("Every minute counts.", "2016-01-20", ("Every minute", "SET", "PT1M")),
])
def test_what_news_writes_against_its_publication_date(run: Run, sentence: str, published: str,
                                                         want: tuple[str, str, str]) -> None:
    assert want in values(run(sentence, published))


@pytest.mark.parametrize(("sentence", "want"), [
    # a run of days, and a span whose length is not one number, are one expression each
    ("The summit was held May 3-4.", [("May 3-4", "DATE", "2023-05-03")]),
    ("The repairs will take two to four weeks.", [("two to four weeks", "DURATION", "PXW")]),
    ("Rates should stay low for the next 12 to 18 months.", [("the next 12 to 18 months", "DURATION", "PXM")]),
    # a day on the line after its month, in text wrapped at a fixed width
    ("The hearing was set for June\n16 by the judge.", [("June\n16", "DATE", "2024-06-16")]),
    # spelled numbers in every pattern
    ("Eleven years earlier the plant had closed.", [("Eleven years earlier", "DATE", "2013")]),
    ("The city signed a forty-year lease.", [("forty-year", "DURATION", "P40Y")]),
    # a fall is a decline unless it is the season
    ("The fall in prices hurt farmers.", []),
    ("The school opened last fall.", [("last fall", "DATE", "2023-FA")]),
    # the end of the year
    ("The deal should close by year-end.", [("year-end", "DATE", "2024-12-31")]),
    ("Shares are up 8% since year-end.", [("year-end", "DATE", "2023-12-31")]),
    # "Now," opening a sentence turns to something; it is not the present
    ("Now, the mayor says, the plan is dead.", []),
])
def test_what_other_news_writes(run: Run, sentence: str, want: list[tuple[str, str, str]]) -> None:
    assert values(run(sentence)) == want


@pytest.mark.parametrize(("sentence", "want"), [
    # published on a Thursday: an event named by its day follows the clause's verb where it has a tense
    ("The mayor will attend Friday's ceremony.", ("Friday", "DATE", "2024-03-15")),
    ("The mayor will attend a Friday ceremony.", ("Friday", "DATE", "2024-03-15")),
    ("The mayor attended Friday's ceremony.", ("Friday", "DATE", "2024-03-08")),
    # a meeting is called off before it is held: the nearest Tuesday, not the last one
    ("The Tuesday meeting was canceled.", ("Tuesday", "DATE", "2024-03-12")),
    # a plan events overtook: the nearest Friday
    ("The offer had been scheduled to expire at midnight Friday.", ("midnight Friday", "TIME", "2024-03-15T24:00")),
])
def test_an_event_named_by_its_day(run: Run, sentence: str, want: tuple[str, str, str]) -> None:
    assert want in values(run(sentence))


@pytest.mark.parametrize(("sentence", "published", "want"), [
    # a bare gerund has the tense of its clause
    ("Clinton quit giving paid speeches before announcing her run in April.", "2015-12-15",
     ("April", "DATE", "2015-04")),
    # a prospect looks ahead whatever the tense it is told in; "may" too
    ("Most said they were less likely to vote for him in November.", "2016-04-22", ("November", "DATE", "2016-11")),
    ("The board may vote on the plan in March.", "2016-04-22", ("March", "DATE", "2017-03")),
    ("The board will vote on the plan in March.", "2016-04-22", ("March", "DATE", "2017-03")),  # not the last one
    # but a prospect in the past perfect was overtaken: the nearest day
    ("The bid had been due to expire Friday evening.", "1989-10-30", ("Friday evening", "TIME", "1989-10-27TEV")),
    ("The fight will end at the party's July convention.", "2016-04-14", ("July", "DATE", "2016-07")),
    # the model's lemma "hop" for "hoping" is mended: a hope looks ahead
    ("They said they were hoping to meet her before Monday's caucuses.", "2016-01-31",
     ("Monday", "DATE", "2016-02-01")),
    # a participle modifying a noun has the tense of that noun's clause
    ("Trump will answer her speech denouncing him with a speech of his own Wednesday morning.", "2016-06-21",
     ("Wednesday morning", "TIME", "2016-06-22TMO")),
    # a plan made before now is for a time either side of it
    ("The party agreed to let him use its voter file in late November.", "2016-01-05",
     ("late November", "DATE", "2015-11")),
    ("Voters can register until Friday.", "2016-05-19", ("Friday", "DATE", "2016-05-20")),
    ("Sentiment will change if it looks like he can win in November.", "2016-04-09", ("November", "DATE", "2016-11")),
    # a clause cut short has its main clause's tense; a participle on a noun that is done stays done
    ("When asked in an interview in October, Trump said it was worth a look.", "2016-08-08",
     ("October", "DATE", "2015-10")),
    ("They said they would appeal the decision, announced Wednesday by the INS.", "2000-01-06",
     ("Wednesday", "DATE", "2000-01-05")),
    ("He should also get a boost from the win Tuesday.", "2016-02-10", ("Tuesday", "DATE", "2016-02-09")),
    # a calendar's event follows a verb that looks ahead, and a past one it took part in, not one that tells of it
    ("The vote on Tuesday will decide it.", "2016-04-27", ("Tuesday", "DATE", "2016-05-03")),
    ("The nominee for the Nov. 8 election later said he was joking.", "2016-07-31",
     ("Nov. 8", "DATE", "2016-11-08")),
    ("They said Russia leaked the emails to influence the Nov. 8 election.", "2016-07-31",
     ("Nov. 8", "DATE", "2016-11-08")),
    # a thing "to be delivered Wednesday" is still to come when written of
    ("The aides drafted a speech to be given Friday in Ohio.", "2015-11-17", ("Friday", "DATE", "2015-11-20")),
    ("On Monday he finished a report to be released Wednesday.", "2015-11-17", ("Wednesday", "DATE", "2015-11-18")),
    # what came "since" a dated event is after it; a chance of winning lies ahead
    ("She will take the stage after good news since their Oct. 13 debate.", "2015-11-13",
     ("Oct. 13", "DATE", "2015-10-13")),
    ("He is upbeat about her chances of winning in November.", "2016-01-19", ("November", "DATE", "2016-11")),
    # "won't" looks ahead as "will" does
    ("Independents won't decide the primary Tuesday.", "2016-02-05", ("Tuesday", "DATE", "2016-02-09")),
])
def test_the_clause_says_which_way_a_date_lies(run: Run, sentence: str, published: str,
                                               want: tuple[str, str, str]) -> None:
    assert want in values(run(sentence, published))


@pytest.mark.parametrize(("sentence", "published", "want"), [
    # a condition on a clause that looks ahead
    ("He was asked how ties would fare if he won the election on Nov. 8.", "2016-05-16",
     ("Nov. 8", "DATE", "2016-11-08")),
    # a condition in the present looks ahead; in the past, back
    ("If there is a close election on Tuesday, we need clarity.", "2016-03-11", ("Tuesday", "DATE", "2016-03-15")),
    ("If he was there on Tuesday, he saw it.", "2016-03-11", ("Tuesday", "DATE", "2016-03-08")),
    # a bare participle takes the tense of the verb it hangs on
    ("Saddam said he will begin withdrawing troops on Friday.", "1990-08-15", ("Friday", "DATE", "1990-08-17")),
    ("Eight refugees were detained attempting to enter Texas on Monday.", "2015-11-19",
     ("Monday", "DATE", "2015-11-16")),
    # what draws near lies ahead
    ("As Election Day nears, fewer voters are undecided.", "2016-02-18", ("Election Day", "DATE", "2016-11-08")),
    # a month joined to the one before it follows it, across the new year; a list does not
    ("Most ads reserved in December and January attack him.", "2015-11-27", ("January", "DATE", "2016-01")),
    ("Sales fell in May and March.", "2016-06-22", ("March", "DATE", "2016-03")),
    # a weekday joined to the one before it is the next such day after it
    ("The ruling could come as soon as Tuesday or Wednesday.", "2015-11-24", ("Wednesday", "DATE", "2015-11-25")),
    ("They met Wednesday and Monday.", "2015-11-26", ("Monday", "DATE", "2015-11-23")),  # not past the clause
    # six months either way is the one past, as news mostly reports
    ("Since her op-ed supporting biofuels in May, she has tacked left.", "2015-11-24", ("May", "DATE", "2015-05")),
])
def test_a_date_in_a_condition_or_a_run_of_months(run: Run, sentence: str, published: str,
                                                  want: tuple[str, str, str]) -> None:
    assert want in values(run(sentence, published))


def test_a_story_set_in_another_year_keeps_to_it(run: Run) -> None:
    got = values(run("The doors opened at 6:30 a.m. on March 19, 2002. But that morning, workers marched. Early the "
                     "next day, she walked the halls.", "2016-01-20"))
    assert got == [("6:30 a.m. on March 19, 2002", "TIME", "2002-03-19T06:30"),
                   ("that morning", "TIME", "2002-03-19TMO"), ("Early the next day", "DATE", "2002-03-20")]
    got = values(run("In June 2001, HP asked workers to take pay cuts. When Fiorina a month later announced layoffs, "
                     "workers fumed. In August, she flew to New York. At a conference that month, she spoke.",
                     "2016-01-20"))
    assert got[1:] == [("a month later", "DATE", "2001-07"), ("August", "DATE", "2001-08"),
                       ("that month", "DATE", "2001-08")]
    # but a day that names an event ("the Dec. 21, 1988, bombing") sets no story in its year
    got = values(run("They were charged in the Dec. 21, 1988, bombing. They were removed after Libya agreed in April "
                     "to hand them over.", "1999-06-07"))
    assert ("April", "DATE", "1999-04") in got


def test_the_day_before_counts_from_the_day_the_story_named(run: Run) -> None:
    got = values(run("Cruz won an endorsement on Thursday. He was also endorsed the day before by Fiorina.",
                     "2016-03-12"))
    assert ("the day", "DATE", "2016-03-09") in got
    got = values(run("He was shot on the night of Friday, Oct. 23. Two men showed up at his house the day after his "
                     "death.", "1998-11-21"))
    assert ("the day", "DATE", "1998-10-24") in got
    # but "the day after" a clause may as well be the day last named: left to the publication date
    got = values(run("Graham spoke on Friday. Her remarks came the day after Republicans ended their convention.",
                     "2016-07-22"))
    assert ("the day", "DATE", "2016-07-22") in got


def test_that_month_and_a_day_of_a_story_set_in_another_year(run: Run) -> None:
    got = values(run("In 1972, McGovern lost the election to Nixon that November.", "2016-04-26"))
    assert ("that November", "DATE", "1972-11") in got
    got = values(run("On March 2, 2015, the Times revealed the account. On March 25, the server was wiped.",
                     "2016-09-07"))
    assert ("March 25", "DATE", "2015-03-25") in got


def test_the_same_day_is_the_day_last_named(run: Run) -> None:
    got = values(run("Ayotte received the donations April 30, 2014. Camlica donated $2,400 to her on the same day.",
                     "2015-11-20"))
    assert ("the same day", "DATE", "2014-04-30") in got
    got = values(run("She sued on May 5. On the same day as the ruling, he spoke.", "2016-07-18"))
    assert ("the same day", "DATE", "2016-05-05") not in got  # "the same day as" names its own


def test_later_and_earlier_count_from_the_date_the_story_named(run: Run) -> None:
    got = values(run("June 16, 2015: Trump joins the race. When Christie entered the race two weeks later, Trump "
                     "had stolen his thunder. The plant closed in 1995. Three years later it reopened.", "2016-02-11"))
    assert ("two weeks later", "DATE", "2015-W27") in got  # the week of June 30, 2015, not of February 25
    assert ("Three years later", "DATE", "1998") in got
    # a figure compared with a year before counts from the period reported, not from the last date named
    got = values(run("The plant closed in 1995. Its profit rose to $5 million from $4 million a year earlier.",
                     "2016-02-11"))
    assert ("a year earlier", "DATE", "2015") in got
    # and where no figure is compared, a quarter named before does not make "a year ago" a quarter
    got = values(run("Her first-quarter average fell. Few imagined a year ago that she would trail.", "2016-04-20"))
    assert ("a year ago", "DATE", "2015") in got


def test_that_day_and_the_next_morning_count_from_what_the_story_named(run: Run) -> None:
    got = values(run("Dr. Slepian was killed last October. His name was crossed out that same day.", "1999-02-06"))
    assert ("that same day", "DATE", "1998-10-XX") in got  # a day of that October, which one unsaid
    filler = " The family had long argued over the boy's future and over who would speak for him." * 5
    got = values(run("The day before last Tuesday's hearing, the two men met." + filler +
                     " He appeared in court the next morning.", "2000-02-24"))
    assert ("the next morning", "TIME", "2000-02-22TMO") in got  # the day after Feb. 21, however far back


def test_a_day_the_clause_says_is_one_is_the_day_it_talks_about(run: Run) -> None:
    # "a day" is a day's length, unless a clause says which day it is: then the day it is about, which is
    # publication day in the present, the day its subject names, or in the past the day the story last named
    assert values(run("He spent a day in jail.", "1999-03-13")) == [("a day", "DURATION", "P1D")]
    assert values(run("Today is the eighth day of the blockade.", "1999-03-13")) == [
        ("Today", "DATE", "1999-03-13"), ("the eighth day", "DATE", "1999-03-13")]
    assert values(run("Tuesday was a very good day for Clinton.", "2016-03-16")) == [
        ("Tuesday", "DATE", "2016-03-15"), ("day", "DATE", "2016-03-15")]
    story = ('The bridge opened on Friday. The engineers spoke at the ceremony.\n\n'
             'Kowalski said it was "a proud day for the town and for the valley."')
    assert values(run(story, "1999-03-13"))[-1] == ("day", "DATE", "1999-03-12")
    story = "The debate was held Saturday night. On Tuesday, voters go to the polls. It had been a difficult night."
    assert values(run(story, "2016-02-09"))[-1] == ("night", "TIME", "2016-02-06TNI")
    # where the story's last date names no day, the day is one in the past, which it does not say
    assert values(run("He spoke to us in May. It was a good day for us.", "2016-08-30"))[-1] == (
        "day", "DATE", "PAST_REF")


def test_that_day_in_a_month_is_a_day_of_that_month(run: Run) -> None:
    got = values(run("Until that day in April, Mr. Clarke had never been in a coal mine.", "2016-10-02"))
    assert got == [("that day", "DATE", "2016-04-XX"), ("April", "DATE", "2016-04")]


def test_that_day_in_a_past_clause_is_no_day_ahead(run: Run) -> None:
    got = values(run("Advisers met earlier this month. They said it will not be over in February or March. The "
                     "strategy outlined that day was notable.", "2016-01-24"))
    assert got[-1] == ("that day", "DATE", "2016-01-XX")


def test_the_day_before_an_event_the_story_dated(run: Run) -> None:
    text = ("Clinton attacked Trump during the first presidential debate Monday night. In a column the day before "
            "the debate, two writers urged her on.")
    assert values(run(text, "2016-09-27"))[-1] == ("the day", "DATE", "2016-09-25")


def test_the_day_before_a_month_named_and_a_week_after_a_day_named(run: Run) -> None:
    got = values(run("They met again in July 2008, in Jerusalem. The day before, a man had attacked a bus.",
                     "2015-11-10"))
    assert got[-1] == ("The day", "DATE", "2008-07-XX")  # a day of that July, which one unsaid
    # "against" a thing, not a figure: the week after the day named, not after publication
    got = values(run("Two marches are planned for the opening day, July 18. A week later, protesters will march "
                     "against what they call a fraud.", "2016-06-23"))
    assert got[-1] == ("A week later", "DATE", "2016-W30")


def test_a_clock_time_after_its_day_and_half_a_month(run: Run) -> None:
    assert values(run("Candidates have until Friday at noon to file.", "2016-07-14")) == [
        ("Friday", "DATE", "2016-07-15"), ("noon", "TIME", "2016-07-15T12:00")]
    got = values(run("Palin was scheduled to speak Saturday morning between 10-11 a.m.", "2016-04-15"))
    assert got[-1] == ("11 a.m.", "TIME", "2016-04-16T11:00")
    # "the second half of February" is a part of the month, not the second half of a year
    assert values(run("She needs momentum into the second half of February.", "2016-02-04")) == [
        ("February", "DATE", "2016-02")]


def test_in_the_day_is_the_day_the_story_is_on(run: Run) -> None:
    got = values(run("Obama spent Thursday discussing Asia. He held private meetings earlier in the day.",
                     "2016-04-01"))
    assert got[-1] == ("the day", "DATE", "2016-03-31")
    # in a past clause, not a day the story said lies ahead
    got = values(run("Trump skipped the debate Thursday night. Iowa will vote Monday. Four others debated earlier in "
                     "the evening.", "2016-01-29"))
    assert got[-1] == ("the evening", "TIME", "2016-01-28TEV")
    assert values(run("Many voted for him back in the day.", "2016-02-28")) == [("the day", "DATE", "PAST_REF")]
    # "later" in a past clause, with no date named to count from, is no day after publication
    assert values(run("Then, only two months later, the company announced a merger.", "2015-12-30")) == [
        ("two months later", "DATE", "PAST_REF")]


def test_today_in_a_quotation_is_the_speakers(run: Run) -> None:
    # the day the sentence says it was said, outside the quotation; else publication day
    got = values(run('Durbin said on Thursday he "hand-delivered a letter to the attorney general today."',
                     "2015-12-04"))
    assert got == [("Thursday", "DATE", "2015-12-03"), ("today", "DATE", "2015-12-03")]
    got = values(run("“Tonight, I ask you to do for her what you did for me,” he said Wednesday.", "2016-07-29"))
    assert got[0] == ("Tonight", "TIME", "2016-07-27TNI")
    assert values(run("“We will win today,” Trump said.", "2016-07-29")) == [("today", "DATE", "2016-07-29")]
    # nor in another sentence of its paragraph, next to a verb of saying
    got = values(run('Last Monday, Bush told an Iowa audience that the group is taking hold in Libya. "Really?" Bush '
                     'said. "Libya today is completely chaotic."', "2015-12-07"))
    assert got[-1] == ("today", "DATE", "2015-11-30")
    # a day named in another sentence, with no saying by it, is not when the quotation was said
    got = values(run('Voting ended Sunday. "People celebrated yesterday, and today they are sad," an observer said.',
                     "2015-11-10"))
    assert got[1:] == [("yesterday", "DATE", "2015-11-09"), ("today", "DATE", "2015-11-10")]


def test_the_day_a_clause_describes_and_later_counted_from_a_day_named(run: Run) -> None:
    # "the day when …", "the day that …": a day the words describe and do not name
    got = values(run("Kiribati is buying land for the day that its own islands vanish.", "2016-09-08"))
    assert got == [("the day", "DATE", "FUTURE_REF")]
    got = values(run("We have got to achieve the day when every child is safe.", "2016-02-17"))
    assert got == [("the day", "DATE", "FUTURE_REF")]
    assert values(run("She remembers the day he died.", "2016-02-17")) == [("the day", "DATE", "PAST_REF")]
    # but "earlier in the day he spoke" is the day the story is on
    assert values(run("Earlier in the day he spoke.", "2016-02-17")) == [("the day", "DATE", "2016-02-17")]
    # "more than" inside the expression compares no figures; nothing past publication in a past clause
    got = values(run("On Nov. 11, 2014, the two leaders met. A little more than a year later, in Paris, the "
                     "countries agreed.", "2016-09-08"))
    assert got[-1] == ("more than a year later", "DATE", "2015")
    got = values(run("It wrote the rules under which we still live today, more than 200 years later.",
                     "2016-07-28"))
    assert got[-1] == ("more than 200 years later", "DATE", "PAST_REF")


def test_a_contract_month_in_market_news_lies_ahead(run: Run) -> None:
    # published 2024-03-14: "in February" in a past clause is last month, the February contract is next year's
    assert values(run("Traders sold February crude on Wednesday.")) == [
        ("February", "DATE", "2025-02"), ("Wednesday", "DATE", "2024-03-13")]
    assert values(run("Prices fell in February.")) == [("February", "DATE", "2024-02")]


def test_the_quarter_a_year_ago_is_one_expression_a_year_before_the_quarter_reported(run: Run) -> None:
    text = ("Acme said its profit rose in the third quarter. Sales were up 4% from the quarter a year ago and "
            "down from the comparable year-ago quarter at its rival.")
    assert values(run(text, "2024-10-30"))[1:] == [
        ("the quarter a year ago", "DATE", "2023-Q3"), ("the comparable year-ago quarter", "DATE", "2023-Q3")]


def test_a_schedule_in_the_present_is_the_nearest_day(run: Run) -> None:
    # published on a Friday: "meet Monday" in the present tense of news is the coming Monday
    assert values(run("The two leaders meet separately Monday with the envoy.", "2024-03-15")) == [
        ("Monday", "DATE", "2024-03-18")]


def test_in_an_earnings_story_the_quarter_reported_is_the_leads(run: Run) -> None:
    text = ("Acme posted a 20% gain in third-quarter net income.\n"
            "After a flat second quarter, Acme said, costs fell.\n"
            "In the 2024 period also, taxes were lower than a year ago.")
    assert values(run(text, "2024-11-01"))[2:] == [("the 2024 period", "DATE", "2024-Q3"),
                                                    ("a year ago", "DATE", "2023-Q3")]
