"""Statistics stated in the reports: extraction, built-in sums, year-over-year repetition.

- `keys`: every statistic's stable English key, its Chinese label and what it means;
- `patterns`: the regular expressions and table labels, as data, each with the real text it matches;
- `extract`: `extract_stats(body)`, a pure function of the Markdown body (cache it by the body),
  and `finalize(...)`, which adds the report's format, hand-set values and the sum checks;
- `checks`: the built-in sums of the State Council's standard tables;
- `similarity`: how much of a report's text repeats the previous year's, and a side-by-side diff;
- `site`: the archive-wide tables (by agency, by year) that pages and data files are made from.

This module imports nothing heavy, so `schema` can use `keys` cheaply.
"""
