"""Presentation helpers shared by the workspace and the portal."""

import threading
from typing import Any

import markdown as markdown_lib
import nh3
from django import template
from django.forms import BoundField
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

ALLOWED_TAGS = {
    "a",
    "p",
    "br",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
MARKDOWN_EXTENSIONS = ["fenced_code", "sane_lists", "nl2br"]


def _markdown_without_raw_html() -> markdown_lib.Markdown:
    """Raw HTML in people's text is shown as text, not interpreted (nh3 is the second line)."""
    converter = markdown_lib.Markdown(extensions=MARKDOWN_EXTENSIONS)
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    return converter


_converters = threading.local()


def _converter() -> markdown_lib.Markdown:
    """One converter per thread, reset between texts: building one (its parser and
    extensions) cost more than converting a typical comment, once per comment on a page."""
    converter: markdown_lib.Markdown | None = getattr(_converters, "markdown", None)
    if converter is None:
        converter = _converters.markdown = _markdown_without_raw_html()
    return converter.reset()


def render_markdown(text: str) -> str:
    html = _converter().convert(text or "")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener nofollow",
    )


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    """Markdown to HTML, sanitised: links only to http, https and mailto, never scripts."""
    return mark_safe(render_markdown(str(text or "")))


@register.inclusion_tag("core/_timeline_entry.html")
def timeline_entry(item: Any) -> dict[str, Any]:
    """One entry of a ticket timeline (a comment or a recorded change)."""
    return {"item": item}


@register.simple_tag
def plain_select(field: BoundField) -> SafeString:
    """The <select> of a choice field with flat choices, written directly. Django's widget
    templates include a template for each option, which cost more than the rest of a queue's
    filter bar; this renders the same markup."""
    value = field.value()
    chosen = set() if value is None else {str(value)}
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (choice, " selected" if str(choice) in chosen else "", label)
            for choice, label in field.field.choices  # type: ignore[attr-defined]
        ),
    )
    attrs = flatatt(field.field.widget.attrs)
    return format_html(
        '<select name="{}" id="{}"{}>{}</select>', field.html_name, field.auto_id, attrs, options
    )
