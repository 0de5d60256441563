"""Summary benchmark: DUC 2004 ROUGE next to peers, the seed check, and speed.

Run: ``.venv/bin/python -m benchmarks.bench_summary`` (``--quick`` for DUC only on 10 clusters,
``--no-write`` to leave docs/BENCHMARKS.md alone). Every system gets the same harness: a summary
of the cluster's articles, truncated at 100 words, scored with rouge-score (ROUGE-1/2 recall,
Porter stemming, stopwords kept) against each of the 4 references, averaged per cluster and over
the clusters. Peers: sumy LexRank, TextRank and LSA (fed our own tokenizer so that no nltk data
is needed), the lead of the first article, and a greedy sentence oracle (an upper bound).
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks._report import DATA, table
from storyline.model import AnalyzedArticle, Article
from storyline.summarize import summarize
from storyline.text import analyze
from storyline.text.sentences import split_sentences
from storyline.text.tokens import tokenize

DUC = DATA / "duc2004"
WORDS = 100


@dataclass
class Cluster:
    """One DUC 2004 cluster: its article texts (empty files left out) and reference summaries."""

    name: str
    docs: list[str]
    references: list[str]


@dataclass
class Scores:
    """ROUGE recall per cluster for one system, and its run time."""

    rouge1: list[float] = field(default_factory=list)
    rouge2: list[float] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def r1(self) -> float:
        return statistics.fmean(self.rouge1) if self.rouge1 else 0.0

    @property
    def r2(self) -> float:
        return statistics.fmean(self.rouge2) if self.rouge2 else 0.0


def _doc_key(path: Path) -> int:
    return int(path.name[1:]) if path.name[1:].isdigit() else 0


def _plain_quotes(text: str) -> str:
    """DUC newswire writes quotes the Penn Treebank way (``like this''): make them plain double quotes."""
    return text.replace("``", '"').replace("''", '"')


def load_duc(root: Path = DUC, limit: int | None = None) -> list[Cluster]:
    """The DUC 2004 task 2 clusters with their four references (empty articles skipped, quotes made plain)."""
    clusters = []
    for folder in sorted((root / "docs").iterdir()):
        docs = [_plain_quotes(p.read_text(encoding="utf-8", errors="replace").strip())
                for p in sorted(folder.iterdir(), key=_doc_key)]
        refs_dir = root / "reference_summaries" / folder.name
        refs = [p.read_text(encoding="utf-8", errors="replace").strip() for p in sorted(refs_dir.iterdir())]
        clusters.append(Cluster(folder.name, [d for d in docs if d], refs))
        if limit and len(clusters) >= limit:
            break
    return clusters


def truncate(text: str, words: int = WORDS) -> str:
    """The first ``words`` whitespace-separated words of ``text`` (DUC: truncate at 100 words)."""
    return " ".join(text.split()[:words])


def analyzed(texts: Sequence[str], language: str = "en", prefix: str = "doc") -> list[AnalyzedArticle]:
    """Articles analysed with storyline.text.analyze (what the product summarizes)."""
    out = []
    for k, text in enumerate(texts):
        article = Article(text=text, language=language, external_id=f"{prefix}{k}", source=f"{prefix}{k}")
        out.append(AnalyzedArticle(article, analyze(article)))
    return out


class _Tokenizer:
    """sumy tokenizer object backed by storyline's splitter (no nltk punkt data needed)."""

    def __init__(self, language: str = "en") -> None:
        self.language = language

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(s.text for s in split_sentences(paragraph, self.language))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(t.text for t in tokenize(sentence) if t.text[:1].isalnum())


def sumy_system(name: str) -> Callable[[Cluster], str]:
    """A sumy summarizer (LexRank, TextRank or LSA) with English stemmer and stopwords, 100 words."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    cls = {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer, "lsa": LsaSummarizer}[name]
    summarizer = cls(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    tokenizer = _Tokenizer()

    def run(cluster: Cluster) -> str:
        parser = PlaintextParser.from_string("\n\n".join(cluster.docs), tokenizer)
        picked = summarizer(parser.document, 8)
        return truncate(" ".join(str(s) for s in picked))

    return run


def lead_system(cluster: Cluster) -> str:
    """The first 100 words of the first article."""
    return truncate(cluster.docs[0])


def storyline_system(cluster: Cluster) -> str:
    """storyline.summarize on the analysed articles, 100-word budget."""
    summary = summarize(analyzed(cluster.docs), words=WORDS)
    return truncate(summary.text)


def oracle_system(cluster: Cluster) -> str:
    """Greedy sentence oracle: add the sentence that most raises ROUGE-1+2 recall against the refs."""
    from nltk.stem import porter
    from rouge_score import tokenize as rtok

    stemmer = porter.PorterStemmer()

    def toks(text: str) -> list[str]:
        return [stemmer.stem(w) if len(w) > 3 else w for w in rtok.tokenize(text, None)]

    refs = [toks(r) for r in cluster.references]
    ref_grams = [(Counter(r), Counter(itertools.pairwise(r))) for r in refs]
    sents = [s.text for d in cluster.docs for s in split_sentences(d, "en") if len(s.text.split()) >= 5]
    sent_toks = [toks(s) for s in sents]

    def value(tokens: list[str]) -> float:
        tokens = tokens[: int(WORDS * 1.1)]
        uni, bi = Counter(tokens), Counter(itertools.pairwise(tokens))
        total = 0.0
        for ru, rb in ref_grams:
            total += sum((uni & ru).values()) / max(sum(ru.values()), 1)
            total += sum((bi & rb).values()) / max(sum(rb.values()), 1)
        return total

    chosen: list[int] = []
    current: list[str] = []
    best = 0.0
    while len(" ".join(sents[i] for i in chosen).split()) < WORDS:
        gains = [(value(current + sent_toks[i]), i) for i in range(len(sents)) if i not in chosen]
        if not gains:
            break
        score, i = max(gains)
        if score <= best:
            break
        best, current = score, current + sent_toks[i]
        chosen.append(i)
    return truncate(" ".join(sents[i] for i in chosen))


def score_systems(clusters: Sequence[Cluster], systems: dict[str, Callable[[Cluster], str]]) -> dict[str, Scores]:
    """Run every system on every cluster and score it with rouge-score (recall, stemmed)."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    results = {name: Scores() for name in systems}
    for cluster in clusters:
        for name, system in systems.items():
            t0 = time.perf_counter()
            text = truncate(system(cluster))
            results[name].seconds += time.perf_counter() - t0
            per_ref = [scorer.score(ref, text) for ref in cluster.references]
            results[name].rouge1.append(statistics.fmean(s["rouge1"].recall for s in per_ref))
            results[name].rouge2.append(statistics.fmean(s["rouge2"].recall for s in per_ref))
    return results


def duc_table(results: dict[str, Scores], clusters: int) -> str:
    rows = [[name, s.r1, s.r2, f"{s.seconds / max(clusters, 1) * 1000:.0f} ms"] for name, s in results.items()]
    return table(["system", "ROUGE-1 R", "ROUGE-2 R", "time / cluster"], rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="DUC only, first 10 clusters, storyline + lead")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/BENCHMARKS.md alone")
    args = parser.parse_args(argv)
    if not DUC.exists():
        print(f"DUC 2004 not found at {DUC}; set STORYLINE_DATA", file=sys.stderr)
        return 1
    clusters = load_duc(limit=10 if args.quick else None)
    systems: dict[str, Callable[[Cluster], str]] = {"storyline": storyline_system, "lead (first article)": lead_system}
    if not args.quick:
        systems.update({"sumy LexRank": sumy_system("lexrank"), "sumy TextRank": sumy_system("textrank"),
                        "sumy LSA": sumy_system("lsa"), "oracle (greedy on ROUGE)": oracle_system})
    results = score_systems(clusters, systems)
    print(duc_table(results, len(clusters)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
