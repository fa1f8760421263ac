"""A fixture archive for the audit tests, generated from templates whose findings are known by construction.

Each article is described by a `Spec` (language, date, section, authors, credited agencies, the findings it
must produce, the rules that apply to it, suppressions); the tests compute every expected aggregate from
these specs, never from the implementation. The templates were checked one by one against the default
rule pack; a template that stops producing exactly its listed findings makes the tests fail loudly. The
files are rendered and written by the shared generator (tests/article_generator.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import article_generator as generator

# Rules of the default pack that apply to every German or English article (no `when`, no images needed).
BASE_RULES = frozenset(
    {
        "agency-credit",
        "anonymous-source",
        "correction-note",
        "presumption-of-innocence",
        "unattributed-claim",
        "unattributed-quote",
        "unknown-language",
        "unused-suppression",
        "vague-attribution",
    }
)
DEFAULT_RULES = sorted(
    BASE_RULES
    | {"advertising-label", "ai-disclosure", "image-credit", "opinion-label", "poll-source", "symbolic-image"}
)
SEVERITY = {
    "agency-credit": "error",
    "image-credit": "error",
    "advertising-label": "error",
    "unattributed-quote": "warning",
    "vague-attribution": "info",
    "anonymous-source": "info",
}


@dataclass
class Variant:
    """A template: body per language, agencies its credit line names, findings, extra applicable rules."""

    body: dict[str, str]
    agencies: dict[str, list[str]]
    findings: dict[str, int]
    extra_rules: frozenset[str] = frozenset()
    front: str = ""  # extra front matter
    needs_author: bool = False  # no credit line: the byline satisfies agency-credit
    no_author: bool = False  # an author would satisfy agency-credit and hide the finding
    phrase: dict[str, str] = field(default_factory=dict)  # the vague/anonymous phrase as written
    reason: dict[str, str] = field(default_factory=dict)  # suppression reason


VARIANTS: dict[str, Variant] = {
    "clean": Variant(
        {
            "de": "Der Bundestag hat am Donnerstag das Gesetz zur Wohnungsbauförderung beschlossen. Die Abstimmung "
            "fiel knapp aus.\n\nDie Opposition kündigte an, vor dem Verfassungsgericht zu klagen. (dpa/afp)\n",
            "en": "Parliament passed the housing bill on Thursday after a long debate. The vote was close.\n\n"
            "The opposition said it would challenge the law in court. (Reuters)\n",
        },
        {"de": ["dpa", "afp"], "en": ["reuters"]},
        {},
    ),
    "vague": Variant(
        {
            "de": "Die Stadt plant einen neuen Radweg entlang des Flusses. Medienberichten zufolge soll der Bau im "
            "Herbst beginnen.\n\nDer Stadtrat stimmt im Mai ab. (dpa)\n",
            "en": "The city plans a new bike lane along the river. According to media reports, construction could "
            "start in autumn.\n\nThe council votes in May. (AP)\n",
        },
        {"de": ["dpa"], "en": ["ap"]},
        {"vague-attribution": 1},
        phrase={"de": "Medienberichten zufolge", "en": "According to media reports"},
    ),
    "anon": Variant(
        {
            "de": "Die Koalition ringt um den Haushalt. Aus Regierungskreisen verlautete, eine Einigung stehe "
            "bevor.\n\nDas Kabinett tagt am Mittwoch. (epd)\n",
            "en": "The coalition is struggling to agree on a budget. A deal is close, people familiar with the "
            "matter said.\n\nThe cabinet meets on Wednesday. (AFP)\n",
        },
        {"de": ["epd"], "en": ["afp"]},
        {"anonymous-source": 1},
        phrase={"de": "Aus Regierungskreisen", "en": "people familiar with the matter"},
    ),
    "quote": Variant(
        {
            "de": "Die Feuerwehr war mit vielen Kräften im Einsatz. Der Brand war am Abend gelöscht.\n\n"
            "„Das war der schwerste Einsatz seit vielen Jahren in unserer Stadt.“\n\nDie Ursache ist unklar. (dpa)\n",
            "en": "Firefighters worked through the night. The fire was out by morning.\n\n"
            '"This was the worst fire our city has seen in many years."\n\nThe cause is unknown. (Reuters)\n',
        },
        {"de": ["dpa"], "en": ["reuters"]},
        {"unattributed-quote": 1},
    ),
    "nocredit": Variant(
        {
            "de": "Der Zoo hat ein neues Gehege für die Elefanten eröffnet. Die Besucher kamen zahlreich.\n\n"
            "Der Eintritt bleibt unverändert.\n",
            "en": "The zoo opened a new elephant enclosure on Sunday. Many visitors came.\n\n"
            "Admission prices stay the same.\n",
        },
        {"de": [], "en": []},
        {"agency-credit": 1},
        no_author=True,
    ),
    "image": Variant(
        {
            "de": "![Feuerwehr im Einsatz](feuer.jpg)\n\nDie Feuerwehr war mit vielen Kräften im Einsatz. Der Brand "
            "war am Abend gelöscht.\n\nDie Ursache ist unklar. (dpa)\n",
            "en": "![Firefighters at work](fire.jpg)\n\nFirefighters worked through the night. The fire was out by "
            "morning.\n\nThe cause is unknown. (Reuters)\n",
        },
        {"de": ["dpa"], "en": ["reuters"]},
        {"image-credit": 1},
        frozenset({"image-credit"}),
    ),
    "imageok": Variant(
        {
            "de": "![Feuerwehr im Einsatz](feuer.jpg)\n\nDie Feuerwehr war mit vielen Kräften im Einsatz. Der Brand "
            "war am Abend gelöscht.\n\nDie Ursache ist unklar. (dpa)\n",
            "en": "![Firefighters at work](fire.jpg)\n\nFirefighters worked through the night. The fire was out by "
            "morning.\n\nThe cause is unknown. (Reuters)\n",
        },
        {"de": ["dpa"], "en": ["reuters"]},
        {},
        frozenset({"image-credit"}),
        front="image_credit: Michael Kappeler/dpa",
    ),
    "sponsored": Variant(
        {
            "de": "Die neue Küchenlinie ist ab sofort im Handel erhältlich. Sie kostet weniger als erwartet.\n\n"
            "Mehr Informationen gibt es im Geschäft.\n",
            "en": "The new kitchen range is now available in stores. It costs less than expected.\n\n"
            "More information is available in stores.\n",
        },
        {"de": [], "en": []},
        {"advertising-label": 1, "agency-credit": 1},
        frozenset({"advertising-label"}),
        front="sponsored: true",
        no_author=True,
    ),
    "image_nocredit": Variant(
        {
            "de": "![Feuerwehr im Einsatz](feuer.jpg)\n\nDie Feuerwehr war mit vielen Kräften im Einsatz. Der Brand "
            "war am Abend gelöscht.\n\nDie Ursache ist unklar.\n",
            "en": "![Firefighters at work](fire.jpg)\n\nFirefighters worked through the night. The fire was out by "
            "morning.\n\nThe cause is unknown.\n",
        },
        {"de": [], "en": []},
        {"image-credit": 1, "agency-credit": 1},
        frozenset({"image-credit"}),
        no_author=True,
    ),
    "suppressed": Variant(
        {
            "de": "Die Stadt plant einen neuen Radweg.\n\n<!-- editorial-lint-disable-next-line vague-attribution "
            "-- Quelle im Archiv belegt -->\nMedienberichten zufolge soll der Bau im Herbst beginnen.\n\n"
            "Der Stadtrat stimmt im Mai ab.\n",
            "en": "The city plans a new bike lane.\n\n<!-- editorial-lint-disable-next-line vague-attribution "
            "-- Source verified in the archive -->\nAccording to media reports, construction could start in "
            "autumn.\n\nThe council votes in May.\n",
        },
        {"de": [], "en": []},
        {},
        needs_author=True,
        reason={"de": "Quelle im Archiv belegt", "en": "Source verified in the archive"},
    ),
}
ORDER = list(VARIANTS)
MONTHS = ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06", None]  # None: undated
SECTIONS = ["politik", "wirtschaft", "sport"]
AUTHORS: list[list[str]] = [[], ["Anna Schmidt"], ["Ben Meyer"], ["Anna Schmidt", "Carla Diaz"]]


@dataclass
class Spec:
    path: str
    lang: str
    variant: str
    month: str | None
    section: str | None
    authors: list[str]
    agencies: list[str]
    findings: dict[str, int]
    applies: frozenset[str]
    title: str
    suppressed: int = 0
    reason: str | None = None

    @property
    def errors(self) -> int:
        return sum(n for rule, n in self.findings.items() if SEVERITY[rule] == "error")

    def count(self, severity: str) -> int:
        return sum(n for rule, n in self.findings.items() if SEVERITY[rule] == severity)


def _markdown_spec(i: int) -> Spec:
    lang = "de" if i % 2 == 0 else "en"
    name = ORDER[(i // 2) % len(ORDER)]
    variant = VARIANTS[name]
    month = MONTHS[i % len(MONTHS)]
    section = None if i % 13 == 0 else SECTIONS[i % len(SECTIONS)]
    authors = (
        [] if variant.no_author else list(AUTHORS[i % len(AUTHORS)]) or (["Dora Weber"] if variant.needs_author else [])
    )
    news = i % 5 == 0  # `type: news` makes opinion-label apply (the templates hold no evaluative language)
    applies = BASE_RULES | variant.extra_rules | ({"opinion-label"} if news else set())
    return Spec(
        f"{month or 'undated'}/{i:03d}-{name}-{lang}.md",
        lang,
        name,
        month,
        section,
        authors,
        variant.agencies[lang],
        dict(variant.findings),
        frozenset(applies),
        f"Artikel {i} ({name})",
        suppressed=1 if variant.reason else 0,
        reason=variant.reason.get(lang),
    )


def _markdown(i: int, spec: Spec) -> str:
    variant = VARIANTS[spec.variant]
    fields = [("title", spec.title), ("lang", spec.lang)]
    if spec.month:
        day = 1 + i % 27
        # Every third dated article uses the German form dd.mm.yyyy (quoted: YAML would not read it as a date).
        fields.append(
            ("date", f"'{day:02d}.{spec.month[5:]}.{spec.month[:4]}'" if i % 3 == 0 else f"{spec.month}-{day:02d}")
        )
    if spec.section:
        fields.append(("section", spec.section))
    if spec.authors:
        fields.append(("author", spec.authors[0] if len(spec.authors) == 1 else f"[{', '.join(spec.authors)}]"))
    if i % 5 == 0:
        fields.append(("type", "news"))
    if variant.front:
        key, value = variant.front.split(": ", 1)
        fields.append((key, value))
    return generator.markdown(fields, variant.body[spec.lang])


# JSONL records: a CMS export with dd.mm.yyyy dates, section "kultur".
JSONL_RECORDS = [
    ("k1", "de", "clean", "2024-05", ["Eva Roth"]),
    ("k2", "en", "nocredit", "2024-06", []),
    ("k3", "de", "vague", "2024-02", []),
    ("k4", "en", "quote", None, ["Eva Roth"]),
]
MARKDOWN_COUNT = 56


def build(root: Path) -> list[Spec]:
    """Write the archive under ``root`` (Markdown tree + export.jsonl); return one Spec per article."""
    specs = []
    for i in range(MARKDOWN_COUNT):
        spec = _markdown_spec(i)
        spec.path = str(generator.write(root / "archive", spec.path, _markdown(i, spec)))
        specs.append(spec)
    records = []
    for number, (rid, lang, name, month, authors) in enumerate(JSONL_RECORDS, start=1):
        variant = VARIANTS[name]
        record = {
            "id": rid,
            "title": f"Export {rid}",
            "body": variant.body[lang],
            "body_format": "markdown",
            "lang": lang,
            "section": "kultur",
            "author": authors[0] if authors else None,
        }
        if month:
            record["date"] = f"{number + 10}.{month[5:]}.{month[:4]}"
        records.append(record)
        specs.append(
            Spec(
                f"{root / 'export.jsonl'}#{rid}",
                lang,
                name,
                month,
                "kultur",
                authors,
                variant.agencies[lang],
                dict(variant.findings),
                frozenset(BASE_RULES | variant.extra_rules),
                f"Export {rid}",
            )
        )
    generator.write(root, "export.jsonl", generator.jsonl(records))
    return specs
