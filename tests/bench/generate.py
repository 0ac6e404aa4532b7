"""A synthetic corpus in the style of the seeds, for the benchmark (``tests/bench/bench.py``).

Digest files (a topic tag, then articles of title / ``Publisher· date`` / body line) and
Markdown articles (front matter, headings, paragraphs and a table of shares), written from
one table of "true" figures so that the only contradictions are the planted ones. Density
is seed-like: about 2.5 kB, 6 figures and 2 framed claims per article. Most prose is
composed from random parts, so that about half the sentences of a 10k corpus are distinct
(titles, table rows and the figure statements repeat, as in real digests): factlint
remembers each distinct sentence it parsed, and a corpus of a few repeated sentences would
measure that memo, not the parser. Reproducible: the same ``--seed`` gives the same bytes.

    python tests/bench/generate.py OUT_DIR --articles 10000 [--conflicts 20] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from pathlib import Path

MATERIALS = ("rare earth", "lithium", "cobalt", "nickel", "graphite", "gallium",
             "germanium", "tungsten", "antimony", "manganese", "vanadium", "tin")
COUNTRIES = ("China", "Australia", "Chile", "Indonesia", "Brazil", "Canada", "Russia",
             "India", "Vietnam", "Argentina", "Peru", "Kazakhstan", "Myanmar", "Zambia",
             "South Africa", "Mexico", "Bolivia", "Philippines", "Morocco", "Norway")
PUBLISHERS = ("Sou Hu Cai Jing", "Mining Weekly", "Metal Bulletin", "新浪财经", "Reuters Digest",
              "Trade Desk", "澎湃新闻", "Commodity Wire")
TOPICS = ("关键矿产", "稀土联盟", "Battery metals", "Critical minerals")
FILLER = (
    "Analysts said the policy reflects a broader push to secure supply chains for "
    "high-tech manufacturing and the energy transition [{a}][{b}].",
    "The ministry announced new licensing rules on {day} March, and industry groups "
    "asked for clarity on how the measures would be enforced.",
    "Traders in Shanghai and London reported thin volumes as buyers waited for the "
    "next round of talks, scheduled for the week of {day} June.",
    "Group {g}: Market Dynamics - Prices recovered slightly in the second half as "
    "inventories fell and smelters resumed operations after maintenance.",
    "Executives argued that permitting delays, not geology, are the main obstacle to new "
    "projects outside the dominant producer, citing Section 301 reviews and local opposition.",
    "Investors remain cautious: several juniors postponed offtake agreements while "
    "governments debated price floors and strategic stockpiles [{a}].",
    "The report notes that recycling could cover a growing part of demand after 2030, "
    "although collection rates remain low in most markets.",
)
UNFRAMED = (
    "In a survey, {p}% of buyers said they expected higher prices, the most since {y}.",
    "The company employs about {n},000 people across {k} sites.",
    "Shipments were delayed by {k} weeks at the port, according to brokers.",
    "Freight rates for the route were quoted near {n} dollars a tonne last week.",
    "The talks lasted {k} days and ended without a joint statement.",
)


# Prose without figures, composed from parts so that sentences rarely repeat (a corpus of
# real articles repeats little; a parser that remembers sentences must not look faster here
# than it is on real text).
OPENERS = ("", "", "Meanwhile, ", "Separately, ", "By contrast, ", "At the same time, ",
           "For now, ", "As expected, ", "In {month}, ", "According to {org}, ",
           "Earlier this {period}, ", "Behind the headlines, ")
SUBJECTS = ("analysts at {org}", "the ministry", "traders in {city}", "several juniors",
            "executives at {org}", "buyers in {region}", "{adj} producers", "regulators in {city}",
            "industry groups", "investors", "smelters in {region}", "port operators in {city}",
            "officials in {region}", "downstream manufacturers", "consultants at {org}",
            "lawmakers in {region}", "refiners", "{adj} traders", "fund managers in {city}")
VERBS = ("said", "warned", "argued", "noted", "reported", "suggested", "cautioned",
         "stressed", "expected", "acknowledged", "told reporters", "insisted")
CLAUSES = ("{noun} would remain {state} until {time}",
           "the {noun} reflects a broader push to secure {noun2}",
           "{noun} had {moved} since {time}",
           "permitting delays, not geology, are holding back {noun}",
           "talks on {noun} would resume {time}",
           "new rules for {noun} still lack clarity on {noun2}",
           "{noun2} matters more than {noun} for {adj} buyers",
           "the outlook for {noun} depends on {noun2}",
           "{adj} demand for {noun2} has {moved}",
           "governments should coordinate on {noun} before {time}")
TAILS = ("", "", "", " [{a}]", " [{a}][{b}]", ", citing {noun2}",
         ", according to people familiar with the matter", " in a note to clients",
         ", without giving details")
WORDS = {
    "org": ("Benchmark Minerals", "Fastmarkets", "the IEA", "Wood Mackenzie", "CRU",
            "the USGS", "Roskill", "Adamas", "the World Bank", "S&P Global", "BloombergNEF",
            "Project Blue"),
    "city": ("Shanghai", "London", "Perth", "Toronto", "Santiago", "Jakarta", "Rotterdam",
             "Singapore", "Baotou", "Kinshasa", "Lima", "Vancouver"),
    "region": ("Europe", "Japan", "Korea", "North America", "Southeast Asia", "the Gulf",
               "Latin America", "Africa", "India", "Scandinavia"),
    "adj": ("smaller", "established", "western", "independent", "state-backed", "cautious",
            "larger", "integrated", "regional", "specialist", "new", "leading"),
    "noun": ("supply chains", "offtake agreements", "export licences", "price floors",
             "strategic stockpiles", "permitting", "recycling capacity", "magnet output",
             "processing plants", "battery demand", "freight costs", "inventories",
             "tariff reviews", "project finance", "exploration budgets", "spot prices",
             "long-term contracts", "environmental audits", "power costs", "labour costs"),
    "noun2": ("energy security", "domestic processing", "traceability", "feedstock",
              "technical expertise", "market transparency", "skilled labour", "water rights",
              "grid connections", "local content rules", "customs data", "insurance cover"),
    "state": ("tight", "volatile", "uncertain", "under review", "subdued", "elevated",
              "contested", "fragile"),
    "moved": ("tightened", "eased", "stalled", "improved", "weakened", "recovered",
              "slowed", "picked up"),
    "time": ("the end of the quarter", "the next round of talks", "early next year",
             "the summer", "the spring", "the autumn", "the election", "the next review",
             "the new licensing round", "the budget", "later this month"),
    "month": ("January", "February", "March", "April", "May", "June", "July",
              "September", "October", "November", "December"),
    "period": ("week", "month", "quarter", "year"),
}


def _prose(rng: random.Random) -> str:
    """One sentence with no figure (citation markers aside), composed from random parts."""
    fill = {k: rng.choice(v) for k, v in WORDS.items()}
    fill.update(a=str(rng.randint(1, 9)), b=str(rng.randint(10, 30)))
    sentence = (f"{rng.choice(OPENERS)}{rng.choice(SUBJECTS)} {rng.choice(VERBS)} that "
                f"{rng.choice(CLAUSES)}{rng.choice(TAILS)}.").format(**fill)
    return sentence[0].upper() + sentence[1:]


@dataclass(frozen=True)
class Truth:
    """The figures every article agrees with (except planted conflicts)."""

    mining: dict[tuple[str, str], int]  # (country, material) -> share of world mining, %
    refining: dict[tuple[str, str], int]
    reserves: dict[tuple[str, str], float]  # million tonnes


def make_truth(rng: random.Random) -> Truth:
    """Shares per material that add up to at most 95%, and reserves."""
    mining: dict[tuple[str, str], int] = {}
    refining: dict[tuple[str, str], int] = {}
    reserves: dict[tuple[str, str], float] = {}
    for material in MATERIALS:
        for table in (mining, refining):
            countries = rng.sample(COUNTRIES, 5)
            left = 95
            for i, country in enumerate(countries):
                share = rng.randint(max(1, left // 3), max(2, left * 2 // 3)) if i < 4 else 0
                share = min(share, left - (4 - i))
                if share <= 0:
                    break
                table[(country, material)] = share
                left -= share
        for country in rng.sample(COUNTRIES, 6):
            reserves[(country, material)] = round(rng.uniform(0.2, 50.0), 1)
    return Truth(mining, refining, reserves)


def _lead(rng: random.Random) -> str:
    """A neutral opening for a statement of a figure (no date, no hedge), often none."""
    lead = rng.choice(("", "", "", "According to {org}, ", "Data from {org} show that ",
                       "At the same time, ", "Meanwhile, ", "In {city}, traders noted that "))
    return lead.format(org=rng.choice(WORDS["org"]), city=rng.choice(WORDS["city"]))


def _sentence(rng: random.Random, truth: Truth, material: str,
              conflict: bool) -> tuple[str, str]:
    """One framed statement about ``material`` and its key (for the conflict manifest)."""
    options = [(k, v) for k, v in truth.mining.items() if k[1] == material]
    kind = rng.choice(("mining", "refining", "reserves"))
    if kind == "refining":
        options = [(k, v) for k, v in truth.refining.items() if k[1] == material]
    elif kind == "reserves":
        (country, _), tonnes = rng.choice(
            [(k, v) for k, v in truth.reserves.items() if k[1] == material])
        if conflict:
            tonnes = round(tonnes * 2 + 1, 1)
        verb = rng.choice(("holds", "has"))
        return (f"{_lead(rng)}{country} {verb} {tonnes} million tons of {material} reserves.",
                f"{country}|{material} reserves")
    (country, _), share = rng.choice(options)
    if conflict:
        share = share + 20 if share < 70 else share - 20
    verb = rng.choice(("controls", "accounts for", "produces", "holds"))
    return (f"{_lead(rng)}{country} {verb} {share}% of global {material} {kind}.",
            f"{country}|{material} {kind}")


def _body(rng: random.Random, truth: Truth, material: str, conflict: bool,
          claims: int = 2) -> tuple[list[str], list[str]]:
    parts: list[str] = []
    keys: list[str] = []
    for i in range(claims):
        text, key = _sentence(rng, truth, material, conflict and i == 0)
        parts.append(text)
        keys.append(key)
    for template in rng.sample(UNFRAMED, 3):
        parts.append(template.format(p=rng.randint(2, 40), y=rng.randint(2008, 2022),
                                     n=rng.randint(2, 90), k=rng.randint(2, 12)))
    while sum(len(p) for p in parts) < 2300:
        if rng.random() < 0.2:  # the seeds' own shapes: labels, bullets, markers, dates
            parts.append(rng.choice(FILLER).format(a=rng.randint(1, 9), b=rng.randint(10, 30),
                                                   day=rng.randint(1, 28),
                                                   g=rng.randint(1, 5)))
        else:
            parts.append(_prose(rng))
    rng.shuffle(parts)
    return parts, keys


def digest_file(rng: random.Random, truth: Truth, articles: int,
                conflicts: set[int], first: int) -> tuple[str, list[str]]:
    """A digest file of ``articles`` articles; the numbers in ``conflicts`` get a wrong figure."""
    lines = [rng.choice(TOPICS), "Search documents"]
    planted: list[str] = []
    for n in range(first, first + articles):
        material = rng.choice(MATERIALS)
        parts, keys = _body(rng, truth, material, n in conflicts)
        if n in conflicts:
            planted.append(keys[0])
        date = (f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} "
                f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}")
        lines += [f"{material.title()} supply chains under pressure as buyers diversify",
                  f"{rng.choice(PUBLISHERS)}· {date}",
                  "Core Viewpoint - " + " ".join(parts)]
    return "\n".join(lines) + "\n", planted


def markdown_file(rng: random.Random, truth: Truth, conflict: bool) -> tuple[str, list[str]]:
    """One Markdown article with front matter, paragraphs and a table of mining shares."""
    material = rng.choice(MATERIALS)
    parts, keys = _body(rng, truth, material, conflict)
    rows = sorted(((c, s) for (c, m), s in truth.mining.items() if m == material),
                  key=lambda r: -r[1])
    table = ["| Country | Share of world mining |", "|---|---|"]
    table += [f"| {c} | {s}% |" for c, s in rows]
    half = len(parts) // 2
    text = "\n".join([
        "---", f"title: The {material} market in 2024", "date: 2024-11-05",
        f"topic: {material}", "---", "", f"# The {material} market in 2024", "",
        " ".join(parts[:half]), "", f"## {material.title()} mining by country", "",
        *table, "", "## Outlook", "", " ".join(parts[half:]), "",
    ])
    return text, keys[:1] if conflict else []


def generate(out: Path, articles: int, conflicts: int, seed: int,
             markdown_share: float = 0.3) -> dict[str, object]:
    """Write the corpus under ``out``; returns the manifest (also written as manifest.json)."""
    rng = random.Random(seed)
    truth = make_truth(rng)
    conflicted = set(rng.sample(range(articles), min(conflicts, articles)))
    out.mkdir(parents=True, exist_ok=True)
    planted: list[str] = []
    n = 0
    file_no = 0
    total = 0
    while n < articles:
        folder = out / f"part{file_no // 1000:03d}"
        folder.mkdir(exist_ok=True)
        if rng.random() < markdown_share:
            text, keys = markdown_file(rng, truth, n in conflicted)
            name, count = f"article_{file_no:06d}.md", 1
        else:
            count = min(5, articles - n)
            text, keys = digest_file(rng, truth, count, conflicted, n)
            name = f"digest_{file_no:06d}.txt"
        data = text.encode("utf-8")
        (folder / name).write_bytes(data)
        total += len(data)
        planted += keys
        n += count
        file_no += 1
    manifest = {"articles": articles, "files": file_no, "bytes": total, "seed": seed,
                "planted_conflicts": planted}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


def one_key(out: Path, claims: int) -> Path:
    """A corpus whose ``claims`` statements all share one key (all agree but one)."""
    out.mkdir(parents=True, exist_ok=True)
    per_file = 100
    for f in range(claims // per_file):
        lines = ["Rare earth notes", "", *(
            f"China controls {69 if (f, i) != (0, 0) else 40}% of global rare earth mining."
            for i in range(per_file))]
        (out / f"key_{f:04d}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return out


def many_figures(out: Path, figures: int) -> Path:
    """One document with ``figures`` quantities (a long report of shipments)."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    sentences = [f"Shipment {i} weighed {rng.randint(10, 900)} tons and cost "
                 f"${rng.randint(1, 90)} million." for i in range(figures // 2)]
    paragraphs = [" ".join(sentences[i:i + 20]) for i in range(0, len(sentences), 20)]
    (out / "report.txt").write_text("Shipment log\n\n" + "\n\n".join(paragraphs) + "\n",
                                    encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--conflicts", type=int, default=None,
                        help="planted conflicts (default: one per 500 articles)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    conflicts = args.conflicts if args.conflicts is not None else max(1, args.articles // 500)
    manifest = generate(args.out, args.articles, conflicts, args.seed)
    print(f"{manifest['articles']} articles in {manifest['files']} files, "
          f"{int(manifest['bytes']) / 1e6:.1f} MB, "  # type: ignore[call-overload]
          f"{len(manifest['planted_conflicts'])} planted conflicts")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
