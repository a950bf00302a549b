"""The markdown filter: people's text becomes HTML that cannot run anything."""

import re

import pytest

from latitude.core.templatetags.latitude_tags import markdown_filter

HOSTILE = [
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "![img](https://example.org/x.png)",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_renders_inert(text: str) -> None:
    html = markdown_filter(text)

    assert "<script" not in html
    assert "<img" not in html
    assert "<svg" not in html
    assert not re.search(r"<a [^>]*href=\"(?!https?:|mailto:)", html, re.IGNORECASE)


def test_raw_html_is_shown_as_text_rather_than_dropped() -> None:
    assert "&lt;div&gt;" in markdown_filter("the <div> is broken")


@pytest.mark.parametrize(
    ("text", "href"),
    [
        ("[a](https://example.org/x?y=1)", "https://example.org/x?y=1"),
        ("[a](http://example.org)", "http://example.org"),
        ("[a](mailto:desk@example.org)", "mailto:desk@example.org"),
    ],
)
def test_allowed_links_keep_their_target_and_get_a_safe_rel(text: str, href: str) -> None:
    html = markdown_filter(text)

    assert f'href="{href}"' in html
    assert 'rel="noopener nofollow"' in html


def test_ordinary_markdown_formats() -> None:
    html = markdown_filter("**bold** and `code`\n\n- one\n- two")

    assert "<strong>bold</strong>" in html
    assert "<code>code</code>" in html
    assert "<li>one</li>" in html


def test_empty_or_missing_text_is_empty() -> None:
    assert markdown_filter("") == ""
    assert markdown_filter(None) == ""  # type: ignore[arg-type]
