"""Real end-user wording for generated tickets, read from the StackFAQ collection at run time.

Subjects are users' own questions and paraphrases (Gmail, Facebook, GitHub ... "how do I");
agent replies are the community answers to them. Nothing is invented, and search benchmarks
query words that really occur.
"""

import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from latitude.bench.datasets import SHARED_DATASETS

DEFAULT_FAQ = SHARED_DATASETS / "stackfaq-webapps" / "stackfaq-dev.xml"
FAQ_ENV = "LATITUDE_BENCH_FAQ"
SPACES = re.compile(r"\s+")
REPLY_LIMIT = 1200


@dataclass(frozen=True)
class Thread:
    subject: str
    paraphrases: tuple[str, ...]
    answers: tuple[str, ...]


def _clean(text: str | None) -> str:
    return SPACES.sub(" ", text or "").strip()


def faq_path() -> Path:
    return Path(os.environ.get(FAQ_ENV) or DEFAULT_FAQ)


def load_threads(path: Path | None = None) -> list[Thread]:
    root = ET.parse(path or faq_path()).getroot()
    threads = []
    for pair in root.iter("qapair"):
        threads.append(
            Thread(
                subject=_clean(pair.findtext("question"))[:200],
                paraphrases=tuple(_clean(node.text) for node in pair.findall("rephr") if node.text),
                answers=tuple(
                    _clean(node.text)[:REPLY_LIMIT] for node in pair.findall("answer") if node.text
                ),
            )
        )
    return [
        thread for thread in threads if thread.subject and thread.paraphrases and thread.answers
    ]
