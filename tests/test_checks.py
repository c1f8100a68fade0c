"""The shared checks layer: one template, one error class per kind of mistake, capped echoes."""
from __future__ import annotations

import argparse
import math
import os

import numpy as np
import pandas as pd
import pytest

from r2pkit import checks, countries, paths
from r2pkit.errors import (CheckError, OutOfRangeError, PathError, R2PKitError, TableError, UnknownNameError,
                           WrongTypeError, one_of, require_table)


@pytest.mark.parametrize("bad", [True, np.bool_(False), "3", 2.5, math.nan, math.inf, -math.inf, None, [3], 1 + 2j])
def test_whole_number_refuses_what_is_not_a_whole_number(bad):
    with pytest.raises(WrongTypeError) as err:
        checks.whole_number(bad, "top", lo=1)
    assert str(err.value).startswith("top=") and "a whole number of at least 1" in str(err.value)
    assert err.value.name == "top" and err.value.expected == "a whole number of at least 1"


@pytest.mark.parametrize("good, expected", [(3, 3), (np.int64(4), 4), (5.0, 5), (np.float32(6), 6)])
def test_whole_number_takes_whole_numbers_of_any_numeric_type(good, expected):
    got = checks.whole_number(good, "top", lo=1)
    assert got == expected and type(got) is int


@pytest.mark.parametrize("bad", [0, -1, 10**20, 2**63])
def test_whole_number_out_of_range_and_overflow(bad):
    with pytest.raises(OutOfRangeError):
        checks.whole_number(bad, "n", lo=1)


def test_number_bounds_open_and_closed():
    assert checks.number(1, "w", lo=0, hi=1) == 1.0
    with pytest.raises(OutOfRangeError, match="more than 0"):
        checks.number(0, "w", lo=0, lo_open=True)
    for bad in (math.nan, math.inf, "0.5", True, 10**400):
        with pytest.raises(WrongTypeError):
            checks.number(bad, "w", lo=0, hi=1)


def test_choice_folds_case_accents_and_spaces_and_suggests():
    assert checks.choice("  TÜRKIYE ", ["Türkiye"], "a host") == "Türkiye"
    with pytest.raises(UnknownNameError) as err:
        checks.choice("Turkye", ["Türkiye", "Lebanon"], "a host", name="host")
    e = err.value
    assert (e.value, e.suggestion, e.allowed) == ("Turkye", "Türkiye", ["Türkiye", "Lebanon"])
    assert str(e) == "host='Turkye' is not a host. Did you mean 'Türkiye'? Choose one of: Türkiye, Lebanon."
    assert isinstance(e, KeyError) and isinstance(e, R2PKitError)


def test_choice_exact_and_aliases():
    with pytest.raises(UnknownNameError):
        checks.choice("Text", ["text"], "a style", fold=None)
    assert checks.choice("Britain", ["GBR"], "a state", aliases={"britain": "GBR"}) == "GBR"
    with pytest.raises(UnknownNameError, match="Did you mean 'GBR'"):
        checks.choice("Britian", ["GBR"], "a state", aliases={"britain": "GBR"})


def test_year_in_years():
    assert checks.year(np.int64(2015), range(2011, 2020)) == 2015
    with pytest.raises(OutOfRangeError, match="Choose a year from 2011 to 2019"):
        checks.year(2020, range(2011, 2020))
    with pytest.raises(OutOfRangeError, match="Choose one of: 2011, 2015"):
        checks.year(2013, [2015, 2011])
    with pytest.raises(WrongTypeError):
        checks.year(2015.5, range(2011, 2020))


def test_flag_and_text():
    assert checks.flag(np.bool_(True), "x") is True
    for bad in (0, 1, "yes", None):
        with pytest.raises(WrongTypeError, match="is not True or False"):
            checks.flag(bad, "x")
    with pytest.raises(WrongTypeError):
        checks.text(3, "title")
    with pytest.raises(OutOfRangeError, match="at most 3 characters"):
        checks.text("abcd", "title", longest=3)


def test_table_kinds_of_mistake():
    t = pd.DataFrame({"year": [2015], "refugees": ["many"], "date": ["not a date"]})
    with pytest.raises(TableError, match="no column 'host'"):
        checks.table(t, ("year", "host"), "syria_refugees_by_host")
    with pytest.raises(TableError, match="holds text, not numbers"):
        checks.table(t, ("year",), types={"refugees": "number"})
    with pytest.raises(TableError, match="not dates"):
        checks.table(t, types={"date": "date"})
    with pytest.raises(TableError, match="at least one row"):
        checks.table(t.iloc[:0], ("year",), empty=False)
    with pytest.raises(TableError, match="two columns called 'year'"):
        checks.table(pd.DataFrame([[1, 2]], columns=["year", "year"]), ("year",))
    with pytest.raises(TableError, match=r"not a table \(pandas DataFrame\)"):
        checks.table({"year": [2015]}, ("year",))
    assert checks.table(pd.DataFrame({"d": pd.to_datetime(["2015-01-01"]), "n": [1.0]}),
                        types={"d": "date", "n": "whole"}) is not None


def test_paths(tmp_path):
    f = tmp_path / "a.csv"
    f.write_text("x")
    assert checks.path(str(f)) == f
    with pytest.raises(PathError, match="it is a folder"):
        checks.path(tmp_path, "--input")
    with pytest.raises(PathError, match="it is a file"):
        checks.path(f, "DIR", kind="folder")
    with pytest.raises(PathError, match="that exists"):
        checks.path(tmp_path / "missing.csv")
    assert checks.path(tmp_path / "new" / "x.csv", exists=False, writable=True) == tmp_path / "new" / "x.csv"
    with pytest.raises(PathError):
        checks.path("x" * 5000)
    with pytest.raises(PathError):
        checks.path(3)
    if os.geteuid() != 0:  # root may write anywhere
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o500)
        with pytest.raises(PathError, match="may write"):
            checks.path(ro / "x.csv", exists=False, writable=True)


def test_a_huge_value_is_never_echoed_whole():
    huge = "ha" * 10**6
    for call in (lambda: checks.choice(huge, ["a"], "a thing"), lambda: checks.whole_number(huge, "n"),
                 lambda: checks.number([huge] * 1000, "n"), lambda: checks.year({huge: huge}),
                 lambda: checks.whole_number(10**100000, "n")):
        with pytest.raises(CheckError) as err:
            call()
        assert len(str(err.value)) < 400


def test_argument_makes_argparse_types_with_the_same_sentence():
    parse = checks.argument(checks.choice, ["text", "bibtex"], "a citation style", name="--style")
    assert parse("BibTeX") == "bibtex"
    with pytest.raises(argparse.ArgumentTypeError, match="Did you mean 'bibtex'"):
        parse("bib")
    assert checks.argument(checks.number, "--timeout", lo=0, lo_open=True)("2.5") == 2.5


def test_older_helpers_use_the_same_layer():
    with pytest.raises(UnknownNameError, match="Did you mean 'UN'"):
        one_of("U.N.", ["single state", "UN"], "an actor")
    with pytest.raises(TableError, match="no column 'host'"):
        require_table(pd.DataFrame({"year": []}), ("year", "host"), "syria_refugees_by_host")


def test_countries_resolve_and_paths():
    known = [("Türkiye", "TUR"), ("Lebanon", "LBN")]
    assert countries.resolve("Turkey", known, "a host") == ("Türkiye", "TUR")
    assert countries.resolve("lbn", known, "a host") == ("Lebanon", "LBN")
    with pytest.raises(UnknownNameError, match="Did you mean 'Lebanon'"):
        countries.resolve("Lebanom", known, "a host")
    assert (paths.datasets() / "datapackage.json").is_file()
    assert paths.exercises().name == "exercises"


def test_errors_survive_pickling():
    import pickle

    err = pickle.loads(pickle.dumps(UnknownNameError(value="x", expected="a y", allowed=["z"])))
    assert str(err) == "'x' is not a y. Choose one of: z."
