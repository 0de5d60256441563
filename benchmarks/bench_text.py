"""Text analysis benchmark: name mentions on MEANTIME (nl, en), speed on the DPG Dutch articles.

    .venv/bin/python -m benchmarks.bench_text [--frog] [--limit N]

MEANTIME gives tokenised sentences; the document text is rebuilt by joining tokens (no space
before closing punctuation), with a map from every token to its character span, so predicted
character spans map back onto gold token indices. Gold: mentions whose head is a proper noun
(PROPN) and whose type is PERSON/LOCATION/ORGANIZATION. Head match: the predicted span contains
the gold head token. Predictions that only hit other gold mentions (products, finance,
adjectives) or are country adjectives are not counted either way. MEANTIME annotates every
entity mention only in the title and the first four sentences (sentence ids 0 and 2-5; later
sentences carry only mentions coreferent with those), so both precision and recall are measured
in that window.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks._report import DATA, machine, table, write_section

MEANTIME = DATA / "meantime"
DPG = DATA / "dpgmedia2019" / "dpgMedia2019-articles-byarticle-all.jsonl"
TYPES = {"PERSON": "PER", "LOCATION": "LOC", "ORGANIZATION": "ORG"}
_NO_SPACE_BEFORE = {",", ".", ":", ";", "?", "!", ")", "]", "''", "%"}
_NO_SPACE_AFTER = {"(", "[", "``", "$", "#"}
WINDOW = 5  # last densely annotated sentence id


@dataclass
class Doc:
    """A MEANTIME document rebuilt as text, with each token's (sent_id, index) → character span."""

    key: str
    text: str
    spans: dict[tuple[int, int], tuple[int, int]]


@dataclass
class Gold:
    doc: str
    sent: int
    tokens: tuple[int, ...]
    head: int
    type: str
    counted: bool  # PROPN-headed PER/LOC/ORG


@dataclass
class Scores:
    tp_p: int = 0
    fp: int = 0
    tp_r: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp_p / (self.tp_p + self.fp) if self.tp_p + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp_r / (self.tp_r + self.fn) if self.tp_r + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Pred:
    doc: str
    tokens: frozenset[tuple[int, int]]
    type: str


@dataclass
class Result:
    language: str
    system: str
    scores: dict[str, Scores] = field(default_factory=dict)
    seconds: float = 0.0


def rebuild(doc: dict) -> Doc:
    """Join MEANTIME tokens into text; sentence 0 is the title, sentences start at id 2."""
    parts: list[str] = []
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    pos = 0
    rows = [(0, doc["title"].split())] + [(i + 2, s.split()) for i, s in enumerate(doc["sentences"])]
    for n, (sid, toks) in enumerate(rows):
        if n:
            sep = "\n\n" if n == 1 else " "
            parts.append(sep)
            pos += len(sep)
        prev = None
        for i, tok in enumerate(toks):
            surface = '"' if tok in ("``", "''") else tok
            if i and not (tok in _NO_SPACE_BEFORE or prev in _NO_SPACE_AFTER):
                parts.append(" ")
                pos += 1
            spans[(sid, i)] = (pos, pos + len(surface))
            parts.append(surface)
            pos += len(surface)
            prev = tok
    return Doc(doc["doc_id"], "".join(parts), spans)


def load(language: str) -> tuple[list[Doc], list[Gold]]:
    """MEANTIME documents and gold mentions of one language (deduplicated by span)."""
    folder = MEANTIME / language
    docs = [rebuild(json.loads(line)) for line in (folder / "docs.jsonl").open(encoding="utf-8")]
    golds: dict[tuple, Gold] = {}
    for m in json.loads((folder / "entities_mentions.json").read_text(encoding="utf-8")):
        if m["sent_id"] == 1 or m["sent_id"] > WINDOW:
            continue
        toks = tuple(m["tokens_number"])
        words = m["tokens_str"].split()
        head = next((t for t, w in zip(toks, words) if w == m["mention_head"]), toks[0])
        counted = m["mention_head_pos"] == "PROPN" and m["mention_full_type"] in TYPES
        key = (m["conll_doc_key"], m["sent_id"], toks)
        g = Gold(m["conll_doc_key"], m["sent_id"], toks, head, TYPES.get(m["mention_full_type"], "OTHER"), counted)
        if key not in golds or counted:
            golds[key] = g
    return docs, list(golds.values())


def _tokens_of(doc: Doc, start: int, end: int, index: dict[str, list]) -> frozenset[tuple[int, int]]:
    return frozenset(k for k, (s, e) in index[doc.key] if s < end and e > start)


def storyline_predict(docs: list[Doc], language: str) -> list[Pred]:
    """Name mentions from storyline.text (country adjectives left out: MEANTIME tags them ADJ)."""
    from storyline.model import Article
    from storyline.text import analyze

    index = {d.key: list(d.spans.items()) for d in docs}
    out: list[Pred] = []
    for doc in docs:
        analysis = analyze(Article(text=doc.text, language=language))
        for m in analysis.mentions:
            toks = _tokens_of(doc, m.start, m.end, index)
            if not m.adjective and toks and min(sid for sid, _ in toks) <= WINDOW:
                out.append(Pred(doc.key, toks, m.type))
    return out


def score(preds: list[Pred], golds: list[Gold]) -> dict[str, Scores]:
    """Precision/recall/F1, head-match and span-exact, typed and untyped."""
    by_doc: dict[str, list[Gold]] = {}
    for g in golds:
        by_doc.setdefault(g.doc, []).append(g)
    result = {name: Scores() for name in ("head", "head_typed", "exact", "exact_typed")}
    hit: dict[str, set[int]] = {name: set() for name in result}
    for p in preds:
        cands = by_doc.get(p.doc, [])
        for name, scores in result.items():
            exact = name.startswith("exact")
            typed = name.endswith("typed")
            matched_counted = matched_other = False
            for gi, g in enumerate(cands):
                gset = {(g.sent, t) for t in g.tokens}
                ok = (gset == set(p.tokens)) if exact else ((g.sent, g.head) in p.tokens)
                if not ok:
                    continue
                if not g.counted:
                    matched_other = True
                    continue
                if typed and g.type != p.type:
                    continue
                matched_counted = True
                hit[name].add(id(g))
            if matched_counted:
                scores.tp_p += 1
            elif not matched_other:
                scores.fp += 1
    counted = [g for g in golds if g.counted]
    for name, scores in result.items():
        scores.tp_r = sum(1 for g in counted if id(g) in hit[name])
        scores.fn = len(counted) - scores.tp_r
    return result


def evaluate(language: str, predict: Callable[[list[Doc], str], list[Pred]] = storyline_predict,
             limit: int | None = None) -> Result:
    """Run one system on MEANTIME ``language`` and score it."""
    docs, golds = load(language)
    annotated = {g.doc for g in golds}
    docs = [d for d in docs if d.key in annotated]  # some documents carry no entity annotation at all
    if limit:
        docs = docs[:limit]
        keep = {d.key for d in docs}
        golds = [g for g in golds if g.doc in keep]
    t0 = time.perf_counter()
    preds = predict(docs, language)
    seconds = time.perf_counter() - t0
    cached = getattr(predict, "cached_seconds", None)
    return Result(language, getattr(predict, "label", "storyline"), score(preds, golds),
                  cached if cached is not None else seconds)


def _frog_cache(docs: list[Doc]) -> Path:
    """Where frog's predictions for exactly these texts are cached (temp folder, keyed by a digest)."""
    import hashlib
    import tempfile

    digest = hashlib.sha256("\x00".join(d.text for d in docs).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir(), f"storyline-bench-frog-{digest}.json")


def frog_cached(docs: list[Doc], language: str) -> list[Pred]:
    """frog's cached predictions (LookupError when there is no cache: frog itself is not run)."""
    if not _frog_cache(docs).exists():
        raise LookupError("no cached frog output for these texts")
    preds = frog_predict(docs, language)
    frog_cached.cached_seconds = getattr(frog_predict, "cached_seconds", None)  # type: ignore[attr-defined]
    return preds


def frog_predict(docs: list[Doc], language: str) -> list[Pred]:
    """Debian's frog (NER only: --skip=mpac) on the same texts, one run over a folder; tokens are
    aligned back to character offsets by searching each token forward in the text."""
    import shutil
    import subprocess
    import tempfile

    cache = _frog_cache(docs)
    if cache.exists():  # frog takes minutes; its output for the same texts does not change
        data = json.loads(cache.read_text(encoding="utf-8"))
        rows = data["preds"] if isinstance(data, dict) else data
        frog_predict.cached_seconds = data.get("seconds") if isinstance(data, dict) else None  # type: ignore
        return [Pred(p["doc"], frozenset(tuple(t) for t in p["tokens"]), p["type"]) for p in rows]
    started = time.perf_counter()
    if shutil.which("frog") is None:
        raise RuntimeError("frog is not installed (apt-get install frog frogdata)")
    index = {d.key: list(d.spans.items()) for d in docs}
    out: list[Pred] = []
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp, "in"), Path(tmp, "out")
        src.mkdir()
        dst.mkdir()
        names = {}
        for n, doc in enumerate(docs):
            name = f"d{n:04d}.txt"
            names[name] = doc
            Path(src, name).write_text(doc.text, encoding="utf-8")
        subprocess.run(["frog", f"--testdir={src}/", f"--outputdir={dst}/", "--skip=mpac"], check=True,
                       capture_output=True, timeout=1800)
        for name, doc in names.items():
            produced = sorted(dst.glob(name + "*"))
            if not produced:
                continue
            pos = 0
            current: list[tuple[int, int]] = []
            label = None
            entities: list[tuple[int, int, str]] = []
            for line in produced[0].read_text(encoding="utf-8").splitlines():
                cols = line.split("\t")
                if len(cols) < 7:
                    continue
                word, tag = cols[1], cols[6]
                at = doc.text.find(word, pos)
                span = (at, at + len(word)) if at >= 0 else (pos, pos)
                if at >= 0:
                    pos = at + len(word)
                if tag.startswith("B-") or tag == "O" or (tag.startswith("I-") and label != tag[2:]):
                    if current and label:
                        entities.append((current[0][0], current[-1][1], label))
                    current, label = ([span], tag[2:]) if tag != "O" else ([], None)
                else:
                    current.append(span)
            if current and label:
                entities.append((current[0][0], current[-1][1], label))
            for start, end, lab in entities:
                toks = _tokens_of(doc, start, end, index)
                if toks and min(sid for sid, _ in toks) <= WINDOW:
                    out.append(Pred(doc.key, toks, lab if lab in ("PER", "LOC", "ORG") else "MISC"))
    cache.write_text(json.dumps({"seconds": time.perf_counter() - started,
                                 "preds": [{"doc": p.doc, "tokens": sorted(p.tokens), "type": p.type} for p in out]}),
                     encoding="utf-8")
    return out


frog_predict.label = "frog 0.20 (Debian)"  # type: ignore[attr-defined]
frog_cached.label = frog_predict.label  # type: ignore[attr-defined]


# --------------------------------------------------------------------------------------------
# Speed on DPG Dutch articles.
# --------------------------------------------------------------------------------------------


@dataclass
class Speed:
    """One pass over the articles in a fresh process (cold caches) and a second pass (warm caches)."""

    articles: int
    seconds: float
    floor_seconds: float
    peak_mb: float
    warm_seconds: float = 0.0
    warm_floor_seconds: float = 0.0
    load_seconds: float = 0.0  # one-time loading before the first pass (not in ``seconds``)

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds

    @property
    def ratio(self) -> float:
        return self.seconds / self.floor_seconds

    @property
    def warm_ratio(self) -> float:
        return self.warm_seconds / self.warm_floor_seconds if self.warm_floor_seconds else 0.0


def dpg_articles(limit: int | None = None) -> list[dict]:
    out = []
    with DPG.open(encoding="utf-8") as fh:
        for line in fh:
            out.append(json.loads(line))
            if limit and len(out) >= limit:
                break
    return out


def _worker(kind: str, limit: int | None) -> dict[str, float]:
    """Time two passes of ``kind`` (floor | analyze) over the DPG texts in CPU seconds of this process."""
    import simplemma

    from storyline.model import Article
    from storyline.text import analyze

    rows = dpg_articles(limit)
    t0 = time.process_time()
    if kind == "floor":
        simplemma.text_lemmatizer("De eerste zin laadt het woordenboek.", lang="nl")
        texts = [r["text"] for r in rows]

        def run() -> None:
            for text in texts:
                simplemma.text_lemmatizer(text, lang="nl")
    else:
        from storyline.text import load_resources

        analyze(Article(text="De eerste zin laadt de gazetteers in Sotsji."))
        load_resources()  # foreign sentences (en, de, fr, …) and English articles would load theirs mid-pass
        articles = [Article(text=r["text"], title=r.get("title")) for r in rows]

        def run() -> None:
            for article in articles:
                analyze(article)
    load = time.process_time() - t0  # one-time loading (dictionaries, gazetteers), not per-article work
    t0 = time.process_time()
    run()
    cold = time.process_time() - t0
    t0 = time.process_time()
    run()
    warm = time.process_time() - t0
    return {"articles": len(rows), "load": load, "cold": cold, "warm": warm,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _parallel(limit: int | None) -> dict[str, float]:
    """Wall seconds of ``analyze_many`` over the DPG texts in one worker process per CPU (pool start included)."""
    from storyline.model import Article
    from storyline.text import load_resources
    from storyline.text.parallel import analyze_many, default_jobs

    load_resources()  # one-time loading, in the parent: the forked workers inherit it
    articles = [Article(text=r["text"], title=r.get("title")) for r in dpg_articles(limit)]
    jobs = default_jobs()
    t0 = time.perf_counter()
    results = analyze_many(articles, jobs=jobs)
    wall = time.perf_counter() - t0
    assert len(results) == len(articles)
    return {"articles": len(articles), "jobs": jobs, "wall": wall}


def _stages(limit: int | None) -> dict[str, float]:
    """CPU seconds of each analysis step over the DPG texts: best of three passes after loading its data."""
    import simplemma

    from storyline.model import PartialDate
    from storyline.text.language import detect_language
    from storyline.text.names import find_mentions
    from storyline.text.quantities import find_quantities
    from storyline.text.quotes import find_quotes
    from storyline.text.sentences import split_sentences
    from storyline.text.times import find_times
    from storyline.text.tokens import lemmas_of_tokens, tokenize

    texts = [r["text"] for r in dpg_articles(limit)]
    out: dict[str, float] = {}

    def timed(name: str, fn):  # type: ignore[no-untyped-def]
        fn(0, texts[0])  # one-time loading (dictionaries, gazetteers, word lists) is not per-article work
        best = float("inf")
        # The timed passes drop each article's result, as analyze() does: keeping the results of all 1,438
        # articles (the tokens alone are ~570k objects) makes every full gc collection walk them, a cost
        # analyze() never pays, so the table would overstate the steps that allocate most. The inputs
        # kept for later steps are frozen out of the cyclic gc for the same reason.
        gc.collect()
        gc.freeze()
        for _ in range(3):  # best of three: the machine is shared, the minimum is the step's own cost
            t0 = time.process_time()
            for i, t in enumerate(texts):
                fn(i, t)
            best = min(best, time.process_time() - t0)
        gc.unfreeze()
        out[name] = best
        return [fn(i, t) for i, t in enumerate(texts)]  # the inputs of later steps (not timed)

    simplemma.text_lemmatizer("De eerste zin.", lang="nl")
    timed("floor: simplemma text_lemmatizer", lambda i, t: simplemma.text_lemmatizer(t, lang="nl"))
    timed("language", lambda i, t: detect_language(t))
    sents = timed("sentences", lambda i, t: split_sentences(t, "nl"))
    toks = timed("tokens", lambda i, t: [tokenize(x.text, x.start) for x in sents[i]])
    timed("lemmas", lambda i, t: [lemmas_of_tokens(k, "nl") for k in toks[i]])
    ments = timed("names", lambda i, t: find_mentions(t, sents[i], "nl", toks[i]))
    timed("quantities", lambda i, t: find_quantities(t, sents[i], "nl"))
    timed("times", lambda i, t: find_times(t, sents[i], PartialDate(2019, 3), "nl"))
    timed("quotes", lambda i, t: find_quotes(t, sents[i], ments[i], "nl"))
    return out


def _run_worker(kind: str, limit: int | None) -> dict[str, float]:
    """Run one timing worker in a fresh Python process (cold caches) and return its JSON."""
    import subprocess
    import sys

    cmd = [sys.executable, "-m", "benchmarks.bench_text", "--worker", kind] + (["--limit", str(limit)] if limit else [])
    done = subprocess.run(cmd, cwd=Path(__file__).resolve().parents[1], capture_output=True, text=True,
                          timeout=1800, check=False)
    if done.returncode:
        raise RuntimeError(f"benchmark worker {kind} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def speed(limit: int | None = None) -> Speed:
    """analyze() against simplemma tokenise+lemmatise alone on the same texts, each in a fresh process.

    CPU time of the worker process (one core), so other load on the machine counts little.
    """
    results = {kind: _run_worker(kind, limit) for kind in ("floor", "analyze")}
    a, f = results["analyze"], results["floor"]
    return Speed(int(a["articles"]), a["cold"], f["cold"], a["peak_mb"], a["warm"], f["warm"], a.get("load", 0.0))


NOTES = """Notes. MEANTIME annotates every entity mention only in the title and the first four
sentences (sentence ids 0, 2-5) of the documents that carry entity annotation at all (95 nl, 106 en);
precision and recall are measured there. Gold mentions include determiners and roles ("de USAF",
"Defensieanalist Paul Nesbit"), so span-exact scores are low for any system; head match is the
measure the targets use. Country adjectives (Amerikaanse) are not counted: MEANTIME tags them ADJ.
frog runs with `--skip=mpac` (tokeniser, tagger, NER) on the same rebuilt texts; its output is cached
per text digest in the temp folder (its time column is the first, uncached run; 0.0 = an older cache). The speed target of at most 3x the simplemma floor is missed:
simplemma's text_lemmatizer is a regex split plus cached dictionary lookups (~0.6 ms per article),
while tokens with character offsets alone cost about as much, and names, quantities, times and quotes
each cost one to three floors (table above). Without --frog, the frog row comes from its cache when
there is one (frog is not run). CPU seconds on this shared 2-core machine vary by up to ~1.5x between
runs with other load; compare figures of one run."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents (quick check)")
    parser.add_argument("--frog", action="store_true", help="also run Debian's frog on MEANTIME nl")
    parser.add_argument("--worker", choices=["floor", "analyze", "stages", "parallel"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        work = {"stages": _stages, "parallel": _parallel}.get(args.worker)
        print(json.dumps(work(args.limit) if work else _worker(args.worker, args.limit)))
        return
    results = [evaluate(lang, limit=args.limit) for lang in ("nl", "en")]
    if args.frog:
        results.append(evaluate("nl", frog_predict, limit=args.limit))
    else:  # keep the frog comparison when its output for these texts is cached (frog is not run)
        try:
            results.append(evaluate("nl", frog_cached, limit=args.limit))
        except LookupError:
            pass
    sp = speed(args.limit)
    stages = _run_worker("stages", args.limit)
    par = _run_worker("parallel", args.limit)
    rows = []
    for r in results:
        s = r.scores
        rows.append([r.language, r.system] + [v for k in ("head", "head_typed", "exact", "exact_typed")
                                               for v in (s[k].precision, s[k].recall, s[k].f1)] + [f"{r.seconds:.1f}"])
    headers = ["lang", "system"] + [f"{k} {m}" for k in ("head", "head typed", "exact", "exact typed")
                                    for m in ("P", "R", "F1")] + ["s"]
    body = ("### Name mentions on MEANTIME (PROPN-headed PERSON/LOCATION/ORGANIZATION)\n\n"
            "Targets: head-match untyped F1 >= 0.80, typed >= 0.70.\n\n" + table(headers, rows) + "\n\n"
            "### Speed on the DPG Dutch articles (CPU seconds of one process, one core)\n\n" +
            table(["articles", "pass", "analyze s", "articles/s", "floor s (simplemma text_lemmatizer)",
                   "ratio to floor", "peak MB"],
                  [[sp.articles, "one-time loading (before the passes)", f"{sp.load_seconds:.2f}", "", "", "", ""],
                   [sp.articles, "first (cold caches)", f"{sp.seconds:.2f}", f"{sp.per_second:.0f}",
                    f"{sp.floor_seconds:.2f}", f"{sp.ratio:.2f}", f"{sp.peak_mb:.0f}"],
                   [sp.articles, "second (warm caches)", f"{sp.warm_seconds:.2f}",
                    f"{sp.articles / sp.warm_seconds:.0f}", f"{sp.warm_floor_seconds:.2f}",
                    f"{sp.warm_ratio:.2f}", ""]]) +
            f"\n\nIn parallel (`storyline.text.parallel.analyze_many`, what `digest` and `--jobs` use): "
            f"{par['articles']:.0f} articles in {par['wall']:.2f} s wall with {par['jobs']:.0f} worker processes "
            f"(pool start included, loading before) = {par['articles'] / par['wall']:.0f} articles/s. "
            "Wall time: other load on the shared machine counts in full."
            "\n\nTargets: >= 150 articles/s and <= 3x the floor. analyze() includes language, sentences, "
            "tokens, lemmas, names, quantities, time expressions and quotes. One-time loading (gazetteers, "
            "wordfreq lists, simplemma dictionaries of all lemmatised languages: `storyline.text.load_resources`) "
            "happens before the passes and is shown on its own row.\n\n"
            "Where the time goes (best of three passes per step over the same texts, after one-time loading):\n\n" +
            table(["step", "CPU s", "x floor"],
                  [[k, f"{v:.2f}", f"{v / stages[next(iter(stages))]:.2f}"] for k, v in stages.items()]) +
            "\n\n" + NOTES)
    print(body)
    if not args.limit:
        write_section("text", "Text analysis (issue 3)", "python -m benchmarks.bench_text" +
                      (" --frog" if args.frog else ""), body)
    print(machine())


if __name__ == "__main__":
    main()
