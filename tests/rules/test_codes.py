import pytest

from rules.codes import parse_code


@pytest.mark.parametrize(
    "raw, law, section, subsections, wrapper",
    [
        ("HS 11357(A)", "HS", "11357", ("a",), None),
        ("11357(a) HS", "HS", "11357", ("a",), None),
        ("H&S 11359", "HS", "11359", (), None),
        ("H & S 11359", "HS", "11359", (), None),
        ("HSC 11360(a)", "HS", "11360", ("a",), None),
        ("664/11359 HS", "HS", "11359", (), "attempt"),
        ("PC 182(a)(1)/11360", "HS", "11360", (), "conspiracy"),
        ("187-664 PC", "PC", "187", (), "attempt"),
        ("HS 11530", "HS", "11530", (), None),
        ("11530.5 HS", "HS", "11530.5", (), None),
        ("11357.5 HS", "HS", "11357.5", (), None),
        ("288A PC", "PC", "288a", (), None),
        ("653F(A) PC", "PC", "653f", ("a",), None),
        ("11360(A)(3)(C) HS", "HS", "11360", ("a", "3", "c"), None),
        ("SEE COMMENT FOR CHARGE 11358 HS-CULTIVATE", "HS", "11358", (), None),
        ("PC 4573.6", "PC", "4573.6", (), None),
        ("PC 664/HS 11359", "HS", "11359", (), "attempt"),
        ("PC 32/HS 11360(a)", "HS", "11360", ("a",), "accessory"),
    ],
)
def test_spellings(raw, law, section, subsections, wrapper) -> None:
    code = parse_code(raw)
    assert (code.law, code.section, code.subsections, code.wrapper) == (law, section, subsections, wrapper)


def test_unreadable_text_has_no_target() -> None:
    assert parse_code("SEE COMMENT FOR CHARGE").target is None


def test_display_is_normalised() -> None:
    assert parse_code("664/11359 hs").display == "PC 664/HS 11359"
    assert parse_code("11357(b) HS").display == "HS 11357(b)"
