"""The one article generator of the tests and benchmarks: text, Markdown, HTML and JSONL articles.

Two kinds of use share it:

- random, seeded articles built from the word lists below (`generate_corpus`, `article`, `big_text`):
  `bench/speed.py` times the linter on them, in all three file formats the walker picks up;
- renderers for articles whose content a caller fixes (`markdown`, `jsonl`, `html_page`) and the file
  writer (`write`): `tests/audit_archive.py` builds its archive with them, the robustness tests write
  their inputs with `write`.

Standard library only, so `bench/speed.py` runs without the test dependencies; it lives in `tests/` because
pytest puts this folder on `sys.path` (the bench script adds it itself). All text is template-built from the
word lists, so it is ours to ship, and the same seed always yields the same bytes.
"""

from __future__ import annotations

import html
import json
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KB = 1000  # decimal units, like bench/speed.py
FORMATS = ("text", "markdown", "html")
EXTENSION = {"text": "txt", "markdown": "md", "html": "html"}
# Share of each format in `generate_corpus` (the rest split evenly between text and Markdown).
HTML_SHARE = 0.3

DE_FIRST = [
    "Anna",
    "Lukas",
    "Sabine",
    "Thomas",
    "Julia",
    "Michael",
    "Katrin",
    "Stefan",
    "Leonie",
    "Jonas",
    "Petra",
    "Murat",
    "Aylin",
    "Frank",
    "Ines",
    "Jürgen",
]
DE_LAST = [
    "Schmidt",
    "Müller",
    "Weber",
    "Wagner",
    "Becker",
    "Hoffmann",
    "Schulz",
    "Koch",
    "Richter",
    "Yilmaz",
    "Krüger",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Lange",
    "Özdemir",
]
EN_FIRST = [
    "James",
    "Mary",
    "Robert",
    "Linda",
    "David",
    "Susan",
    "Daniel",
    "Karen",
    "Kevin",
    "Priya",
    "Carlos",
    "Emily",
    "Omar",
    "Grace",
    "Liam",
    "Hannah",
]
EN_LAST = [
    "Johnson",
    "Williams",
    "Brown",
    "Garcia",
    "Miller",
    "Davis",
    "Martinez",
    "Clark",
    "Lewis",
    "Walker",
    "Patel",
    "Nguyen",
    "Turner",
    "Hughes",
    "Foster",
    "Reed",
]
DE_CITIES = [
    "Berlin",
    "Hamburg",
    "München",
    "Köln",
    "Frankfurt",
    "Stuttgart",
    "Dresden",
    "Leipzig",
    "Hannover",
    "Düsseldorf",
    "Bremen",
    "Mainz",
    "Kiel",
    "Erfurt",
]
EN_CITIES = [
    "WASHINGTON",
    "NEW YORK",
    "LONDON",
    "CHICAGO",
    "SYDNEY",
    "TORONTO",
    "DENVER",
    "ATLANTA",
    "BOSTON",
    "SEATTLE",
    "DUBLIN",
    "HOUSTON",
]
DE_AGENCIES = ["dpa", "afp", "AP", "Reuters", "epd", "KNA", "dts"]
DE_INITIALS = ["fte", "red", "lnw", "lby", "sk", "mba", "jk"]
EN_AGENCIES = ["AP", "Reuters", "AFP", "Bloomberg"]
MONTHS_EN = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]
DE_MONTHS = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]
DE_DAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
EN_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

DE_ROLES = [
    "die Bürgermeisterin",
    "der Innenminister",
    "die Sprecherin des Ministeriums",
    "der Vorsitzende des Betriebsrats",
    "die Polizeisprecherin",
    "der Trainer",
    "die Fraktionschefin",
    "ein Sprecher der Stadtwerke",
    "die Landrätin",
    "der Geschäftsführer",
]
DE_SUBJECTS = [
    "die Stadt",
    "das Ministerium",
    "der Verein",
    "die Landesregierung",
    "das Unternehmen",
    "die Polizei",
    "der Stadtrat",
    "die Gewerkschaft",
    "der Konzern",
    "die Schulbehörde",
    "der Landkreis",
    "die Klinik",
]
DE_PERFECT = [
    "die Pläne bereits überarbeitet",
    "mit den Gesprächen begonnen",
    "keine Fehler gemacht",
    "alle Auflagen erfüllt",
    "die Kosten unterschätzt",
    "frühzeitig gewarnt",
    "die Entscheidung lange vorbereitet",
    "zusätzliche Mittel beantragt",
]
DE_STATE = [
    "gut vorbereitet",
    "auf einem guten Weg",
    "nicht zuständig",
    "über die Entwicklung besorgt",
    "zu weiteren Gesprächen bereit",
    "mit dem Ergebnis zufrieden",
    "von der Entscheidung überrascht",
]
DE_INFINITIVE = [
    "die Pläne überarbeiten",
    "mehr Geld für den Nahverkehr bereitstellen",
    "die Gespräche fortsetzen",
    "den Neubau bis zum Herbst abschließen",
    "weitere Stellen schaffen",
    "die Gebühren erhöhen",
    "die Ermittlungen ausweiten",
    "einen Runden Tisch einberufen",
]
DE_QUOTES = [
    "Wir haben lange darüber gesprochen",
    "Das ist ein wichtiger Schritt für die Region",
    "Wir lassen uns nicht unter Druck setzen",
    "Die Zahlen sprechen eine klare Sprache",
    "Niemand hat mit so vielen Anmeldungen gerechnet",
    "Wir müssen jetzt handeln",
    "Das war ein schwarzer Tag für den Verein",
    "Es gibt keinen Grund zur Sorge",
]
DE_VAGUE = [
    "Experten zufolge",
    "Beobachtern zufolge",
    "Kritikern zufolge",
    "Wie aus unterrichteten Kreisen verlautete,",
    "Medienberichten zufolge",
    "Wie es heißt,",
]
DE_FACTS = [
    "Am {day} kamen rund {n} Menschen zu der Veranstaltung in {city}.",
    "Die Kosten belaufen sich nach ersten Schätzungen auf {n} Millionen Euro.",
    "Der Beschluss soll im {month} in Kraft treten.",
    "Bereits im vergangenen Jahr hatte {subject} ähnliche Pläne vorgestellt.",
    "{Subject} reagierte zunächst nicht auf eine Anfrage.",
    "Die Zahl der Fälle stieg im Vergleich zum Vorjahr um {n} Prozent.",
    "In {city} sind von der Regelung etwa {n}00 Haushalte betroffen.",
    "Die Sitzung dauerte bis in den späten Abend.",
]

EN_ROLES = [
    "the mayor",
    "a spokeswoman for the department",
    "the union leader",
    "the company's chief executive",
    "a police spokesman",
    "the head coach",
    "the state senator",
    "a hospital official",
]
EN_SUBJECTS = [
    "the city",
    "the department",
    "the club",
    "the state government",
    "the company",
    "the police",
    "the council",
    "the union",
    "the school board",
]
EN_CLAIMS = [
    "had revised the plans",
    "was prepared for further talks",
    "had made no mistakes",
    "would expand the investigation",
    "expected costs to rise",
    "had warned about the risks early",
    "was not responsible",
]
EN_QUOTES = [
    "We have talked about this for a long time",
    "This is an important step for the region",
    "We will not be pressured",
    "The numbers speak for themselves",
    "Nobody expected this many people",
    "We need to act now",
    "There is no reason for concern",
]
EN_VAGUE = ["critics say", "experts say", "observers believe", "sources familiar with the matter said", "some argue"]
EN_FACTS = [
    "About {n} people attended the meeting in {city} on {day}.",
    "Early estimates put the cost at {n} million dollars.",
    "The decision is expected to take effect in {month}.",
    "{Subject} did not immediately respond to a request for comment.",
    "The number of cases rose {n} percent from a year earlier.",
    "The session ran late into the evening.",
]


def cap(text: str) -> str:
    """Upper-case the first letter only (str.capitalize would lower-case nouns)."""
    return text[:1].upper() + text[1:]


def _name(rng: random.Random, lang: str) -> str:
    first, last = (DE_FIRST, DE_LAST) if lang == "de" else (EN_FIRST, EN_LAST)
    return f"{rng.choice(first)} {rng.choice(last)}"


def _fill(rng: random.Random, template: str, lang: str) -> str:
    subject = rng.choice(DE_SUBJECTS if lang == "de" else EN_SUBJECTS)
    return template.format(
        n=rng.randint(2, 95),
        city=rng.choice(DE_CITIES) if lang == "de" else rng.choice(EN_CITIES).title(),
        day=rng.choice(DE_DAYS if lang == "de" else EN_DAYS),
        month=rng.choice(DE_MONTHS if lang == "de" else MONTHS_EN),
        subject=subject,
        Subject=cap(subject),
    )


def _de_sentence(rng: random.Random) -> str:
    """One German sentence: facts, quotes, Konjunktiv-I reported speech or a vague source."""
    role, name = rng.choice(DE_ROLES), _name(rng, "de")
    subject = rng.choice(DE_SUBJECTS)
    kind = rng.randrange(9)
    if kind == 0:
        return f"„{rng.choice(DE_QUOTES)}“, sagte {name}."
    if kind == 1:
        return f'"{rng.choice(DE_QUOTES)}", sagte {role} {name} am {rng.choice(DE_DAYS)}.'
    if kind == 2:
        return f"{cap(role)} sagte, {subject} habe {rng.choice(DE_PERFECT)}."
    if kind == 3:
        return f"{cap(subject)} sei {rng.choice(DE_STATE)}, sagte er."
    if kind == 4:
        return f"Man werde {rng.choice(DE_INFINITIVE)}, sagte sie."
    if kind == 5 and rng.random() < 0.4:
        return f"{rng.choice(DE_VAGUE)} will {subject} {rng.choice(DE_INFINITIVE)}."
    return _fill(rng, rng.choice(DE_FACTS), "de")


def _en_sentence(rng: random.Random) -> str:
    """One English sentence: facts, quotes, reported speech or a vague source."""
    role, name = rng.choice(EN_ROLES), _name(rng, "en")
    subject = rng.choice(EN_SUBJECTS)
    kind = rng.randrange(8)
    if kind == 0:
        return f'"{rng.choice(EN_QUOTES)}," {name} said.'
    if kind == 1:
        return f"“{rng.choice(EN_QUOTES)},” said {name}, {role}."
    if kind == 2:
        return f"{cap(role)} said {subject} {rng.choice(EN_CLAIMS)}."
    if kind == 3 and rng.random() < 0.4:
        return f"{cap(subject)} {rng.choice(EN_CLAIMS)}, {rng.choice(EN_VAGUE)}."
    return _fill(rng, rng.choice(EN_FACTS), "en")


def paragraph(rng: random.Random, lang: str) -> str:
    make = _de_sentence if lang == "de" else _en_sentence
    return " ".join(make(rng) for _ in range(rng.randint(2, 6)))


def _dateline(rng: random.Random, lang: str) -> str:
    if lang == "de":
        agencies = "/".join(rng.sample(DE_AGENCIES[:3], rng.randint(1, 2)))
        return f"{rng.choice(DE_CITIES)} ({agencies}) - "
    if rng.random() < 0.5:
        return f"{rng.choice(EN_CITIES)} (AP) — "
    return f"{rng.choice(EN_CITIES)}, {rng.choice(MONTHS_EN)} {rng.randint(1, 28)} (Reuters) - "


def _tail_credit(rng: random.Random, lang: str) -> str:
    if lang == "de":
        agencies = rng.sample(DE_AGENCIES, rng.randint(1, 3))
        return rng.choice(
            [
                f"({'/'.join([*agencies, rng.choice(DE_INITIALS)])})",
                f"Quelle: {agencies[0]}",
                f"mit Material von {' und '.join(agencies[:2])}",
            ]
        )
    return f"(Reporting by {_name(rng, 'en')}; Editing by {_name(rng, 'en')})"


def _image_credit(rng: random.Random, lang: str) -> str:
    word = "Foto" if lang == "de" else "Photo"
    holder = rng.choice(
        [f"{_name(rng, lang)}/dpa", f"{_name(rng, lang)}/Reuters", _name(rng, lang), "privat", "Symbolbild"]
    )
    return f"{word}: {holder}"


# --------------------------------------------------------------------------
# Renderers: an article's fields and body as a file of one format.
# --------------------------------------------------------------------------


def markdown(fields: Sequence[tuple[str, str]], body: str) -> str:
    """YAML front matter (each value written as given: the caller quotes what YAML would misread),
    a blank line, then the body."""
    return "\n".join(["---", *(f"{key}: {value}" for key, value in fields), "---", "", body])


def jsonl(records: Iterable[dict[str, Any]]) -> str:
    """One JSON object per line (a CMS export), non-ASCII kept as written."""
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


# JSON-LD types for the front-matter `type` values (what a news site's CMS emits).
_JSONLD_TYPE = {"news": "NewsArticle", "analysis": "AnalysisNewsArticle", "opinion": "OpinionNewsArticle"}


@dataclass(frozen=True)
class Block:
    """One block of an article body: a paragraph, a sub-heading or a photo with its credit."""

    kind: str  # "p", "h2" or "img"
    text: str  # the paragraph or heading; a photo's alt text
    src: str = ""
    credit: str = ""


@dataclass
class Story:
    """An article before it is rendered: what every format shows, in one place."""

    lang: str
    title: str
    byline: str | None
    lead: str
    blocks: list[Block]
    fields: dict[str, str] = field(default_factory=dict)  # date, section, type, source, image, image_credit


def html_page(story: Story) -> str:
    """A news page: meta tags and JSON-LD in the head, navigation and footer around an <article> with
    headline, byline, photos in <figure> with a credit caption, and the paragraphs."""
    esc = html.escape
    meta = story.fields
    head = ['<meta charset="utf-8">', f"<title>{esc(story.title)}</title>"]
    for name, key in (("author", "author"), ("article:published_time", "date"), ("article:section", "section")):
        value = story.byline if key == "author" else meta.get(key)
        if value:
            attr = "name" if name == "author" else "property"
            head.append(f'<meta {attr}="{name}" content="{esc(value)}">')
    if "image" in meta:
        head.append(f'<meta property="og:image" content="{esc(meta["image"])}">')
    ld: dict[str, Any] = {"@context": "https://schema.org", "@type": _JSONLD_TYPE.get(meta.get("type", ""), "Article")}
    ld["headline"] = story.title
    if story.byline:
        ld["author"] = {"@type": "Person", "name": story.byline}
    script = json.dumps(ld, ensure_ascii=False).replace("</", "<\\/")  # no "</script>" inside the script
    head.append(f'<script type="application/ld+json">{script}</script>')
    byline_word = "Von" if story.lang == "de" else "By"
    body = [f"<h1>{esc(story.title)}</h1>"]
    if story.byline:
        body.append(f'<p class="byline">{byline_word} {esc(story.byline)}</p>')
    if "image" in meta:
        body.append(_figure(Block("img", story.title, meta["image"], meta.get("image_credit", ""))))
    body.append(f"<p>{esc(story.lead)}</p>")
    for block in story.blocks:
        if block.kind == "img":
            body.append(_figure(block))
        else:
            body.append(f"<{block.kind}>{esc(block.text)}</{block.kind}>")
    section = meta.get("section", "")
    nav = f'<nav><a href="/">Start</a> <a href="/{esc(section)}/">{esc(cap(section))}</a></nav>'
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{story.lang}">',
            "<head>",
            *head,
            "</head>",
            "<body>",
            f"<header>{nav}</header>",
            "<main>",
            "<article>",
            *body,
            "</article>",
            "</main>",
            '<footer><p><a href="/impressum">Impressum</a></p></footer>',
            "</body>",
            "</html>",
            "",
        ]
    )


def _figure(image: Block) -> str:
    esc = html.escape
    caption = f"<figcaption>{esc(image.credit)}</figcaption>" if image.credit else ""
    return f'<figure><img src="{esc(image.src)}" alt="{esc(image.text)}">{caption}</figure>'


def _markdown_block(block: Block) -> str:
    if block.kind == "img":
        return f'![{block.text}]({block.src} "{block.credit}")'
    return f"## {block.text}" if block.kind == "h2" else block.text


def render(story: Story, fmt: str) -> str:
    """The story as a text, Markdown or HTML file."""
    if fmt == "html":
        return html_page(story)
    if fmt == "markdown":
        # json.dumps yields valid YAML double-quoted scalars, so free text needs no care.
        fields = [("title", json.dumps(story.title, ensure_ascii=False)), ("lang", story.lang)]
        fields += [(key, story.fields[key]) for key in ("date", "section", "type", "source") if key in story.fields]
        if story.byline:
            fields.append(("author", json.dumps(story.byline, ensure_ascii=False)))
        if "image" in story.fields:
            fields.append(("image", story.fields["image"]))
            fields.append(("image_credit", json.dumps(story.fields["image_credit"], ensure_ascii=False)))
        return markdown(fields, "\n\n".join([story.lead, *map(_markdown_block, story.blocks)]) + "\n")
    by = [f"{'Von' if story.lang == 'de' else 'By'} {story.byline}"] if story.byline else []
    paragraphs = (b.text for b in story.blocks if b.kind != "img")  # plain text has no photos
    return "\n\n".join([*by, story.title, story.lead, *paragraphs]) + "\n"


# --------------------------------------------------------------------------
# Random articles (seeded): what bench/speed.py lints.
# --------------------------------------------------------------------------


def _body(rng: random.Random, lang: str, target: int, rich: bool) -> list[Block]:
    """Blocks until the article reaches about `target` bytes; `rich` formats also get photos and headings."""
    blocks: list[Block] = []
    size = 0
    while size < target:
        if rich and blocks and rng.random() < 0.12:
            credit = _image_credit(rng, lang)
            block = Block("img", rng.choice(DE_CITIES), f"bilder/{rng.randrange(10**6)}.jpg", credit)
        elif rich and blocks and rng.random() < 0.1:
            block = Block("h2", paragraph(rng, lang).split(".")[0])
        else:
            block = Block("p", paragraph(rng, lang))
        blocks.append(block)
        size += len(_markdown_block(block).encode()) + 2
    return blocks


def _fields(rng: random.Random, lang: str) -> dict[str, str]:
    fields = {
        "date": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "section": rng.choice(["politik", "sport", "wirtschaft", "lokales"]),
        "type": rng.choice(["news", "news", "analysis", "opinion"]),
        "source": rng.choice(["agency", "own", "mixed"]),
    }
    if rng.random() < 0.5:
        fields["image"] = f"bilder/aufmacher-{rng.randrange(1000)}.jpg"
        fields["image_credit"] = _image_credit(rng, lang)
    return fields


def story(rng: random.Random, lang: str, fmt: str, target: int) -> Story:
    """A whole article of about `target` bytes: optional byline, title, dated lead, body, image and tail
    credits; Markdown and HTML also get article fields (date, section, type, lead photo)."""
    title = paragraph(rng, lang).split(".")[0][:90]
    byline = _name(rng, lang) if rng.random() < 0.4 else None
    lead = (_dateline(rng, lang) if rng.random() < 0.5 else "") + paragraph(rng, lang)
    blocks = _body(rng, lang, target - len(lead.encode()) - 200, fmt != "text")
    if rng.random() < 0.5:
        blocks.insert(min(2, len(blocks)), Block("p", _image_credit(rng, lang)))
    if rng.random() < 0.7:
        blocks.append(Block("p", _tail_credit(rng, lang)))
    fields = _fields(rng, lang) if fmt != "text" else {}
    return Story(lang, title, byline, lead, blocks, fields)


def article(rng: random.Random, lang: str, fmt: str, target: int) -> str:
    """A random article of about `target` bytes as a file of format `fmt` ("text", "markdown", "html")."""
    return render(story(rng, lang, fmt, target), fmt)


@dataclass(frozen=True)
class Article:
    relpath: str
    text: str


def generate_corpus(n: int, seed: int, html_share: float = HTML_SHARE) -> list[Article]:
    """`n` articles, about 60 % German: a share of `html_share` HTML pages (exact, spread over the
    corpus), the rest text or Markdown at random, half and half."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        lang = "de" if rng.random() < 0.6 else "en"
        if int((i + 1) * html_share) > int(i * html_share):  # exactly ⌊n × share⌋ pages, spread evenly
            fmt = "html"
        else:
            fmt = "markdown" if rng.random() < 0.5 else "text"
        # Skewed toward short news items, like a real archive; 1-12 KB.
        target = int(rng.triangular(1 * KB, 12 * KB, 3 * KB))
        relpath = f"{lang}/{i // 100:02d}/article-{i:04d}.{EXTENSION[fmt]}"
        out.append(Article(relpath, article(rng, lang, fmt, target)))
    return out


def big_text(kb: int, seed: int) -> str:
    """One long German article of about `kb` KB, built by concatenating paragraphs."""
    rng = random.Random(seed + kb)
    parts = [_dateline(rng, "de") + paragraph(rng, "de")]
    size = len(parts[0].encode())
    while size < kb * KB:
        parts.append(paragraph(rng, "de"))
        size += len(parts[-1].encode()) + 2
    return "\n\n".join([*parts, _tail_credit(rng, "de")]) + "\n"


# --------------------------------------------------------------------------
# Files.
# --------------------------------------------------------------------------


def write(folder: Path, name: str, data: str | bytes) -> Path:
    """Write `data` (text as UTF-8, bytes as given) to folder/name, creating folders; return the path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def write_articles(root: Path, articles: Iterable[Article]) -> list[Path]:
    return [write(root, a.relpath, a.text) for a in articles]
