"""summarize(): an extractive multi-document summary of one story, every sentence cited.

Steps: pick the summary language (majority of the articles); judge every sentence (boilerplate
out, connectives trimmed); weigh concepts by how many articles share them; select sentences by
greedy concept coverage under the length budget; find every article that supports each chosen
sentence; order by lead, time line and discourse; choose a headline.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from storyline.errors import StorylineError
from storyline.facts import StoryClaims
from storyline.model import Analysis, AnalyzedArticle, SourceRef, Summary, SummarySentence
from storyline.summarize.concepts import (
    ConceptWeights,
    compound_parts,
    concept_weights,
    entity_concept,
    fold,
    is_number,
    sentence_concepts,
)
from storyline.summarize.filters import judge, trimmed_text, words
from storyline.summarize.order import Placed, order
from storyline.summarize.select import LENGTH_EXPONENT, Budget, Candidate, select
from storyline.summarize.support import FACT_PREFIX, SentenceInfo, SupportIndex
from storyline.text.tokens import content_lemmas

DEFAULT_WORDS = 100
LEAD_BONUS = 1.0  # prior of the k-th sentence of a report: 1 + LEAD_BONUS / (k + 1)
OUTLET_BONUS = 1.0  # prior x (1 + share of the other outlets that state the same content)
_AMOUNT_KINDS = frozenset({"money", "count", "percent"})
# Facts that make two sentences say the same thing; ordinals ('eerste') and quotes are too loose.
_FACT_KINDS = frozenset({"money", "count", "percent", "duration", "date"})
QUOTE_FACTOR = 0.5  # direct speech is colour, not the facts a summary should state
_QUOTE = re.compile(r"``|''|[\"\u201c\u201d\u201e\u00ab\u00bb]|(?:^|\s)['\u2018]\w")
LARGE_STORY = 400  # from this many articles on, only the first LARGE_STORY_SENTENCES of each count
LARGE_STORY_SENTENCES = 12
HEADLINE_SLACK = 0.7  # a lead not in the summary is the headline when it is worth 70% of the best lead
MAX_CANDIDATE_WORDS = 60  # longer "sentences" are unsplit paragraphs, not summary sentences


@dataclass
class _Prepared:
    """Per-story working data: judged candidates and the support index."""

    candidates: list[Candidate]
    infos: dict[tuple[int, int], SentenceInfo]
    index: SupportIndex
    weights: ConceptWeights
    language: str | None

    def similar(self, a: Candidate, b: Candidate) -> float:
        """How much two candidates say the same (idf-weighted overlap, numbers ignored); 1 when they
        state the same cross-outlet fact (in any wording or figure: one of them is enough)."""
        if any(c.startswith(FACT_PREFIX) for c in a.unigrams & b.unigrams):
            return 1.0
        ia, ib = self.infos.get((a.item, a.sentence)), self.infos.get((b.item, b.sentence))
        return self.index.overlap(ia, ib, topic=True) if ia and ib else 0.0


def story_language(items: Sequence[AnalyzedArticle]) -> str | None:
    """The language of most articles of the story (by article count, then by words)."""
    votes: Counter[str] = Counter()
    for it in items:
        lang = it.analysis.language or it.article.language
        if lang:
            votes[lang] += 1_000_000 + it.article.word_count
    return votes.most_common(1)[0][0] if votes else None


def summarize(items: Sequence[AnalyzedArticle], words: int = DEFAULT_WORDS,
              sentences: int | None = None, claims: StoryClaims | None = None) -> Summary:
    """Extractive summary of ``items`` as one story within ``words`` words (and ``sentences`` if given).

    Every sentence is a source sentence and lists every article that states the same content.
    ``claims``: the facts stage's aligned claims of the same items (``storyline.facts.analyse_story``),
    which the digest computes once for facts, timeline and summary; with them, two sentences stating
    one cross-outlet fact count as one and agreeing figures support each other.
    """
    if not items:
        raise StorylineError("E050")
    budget = Budget(max(int(words), 0), sentences)
    prep = _prepare(items, claims)
    chosen = select(prep.candidates, prep.weights, budget, prep.similar) if budget.words > 0 else []
    if not chosen and budget.words > 0 and (sentences is None or sentences > 0):
        fallback = _fallback(prep.candidates, items, budget.words)
        if fallback is not None:
            prep.candidates.append(fallback)
            chosen = [len(prep.candidates) - 1]
    picked = [prep.candidates[i] for i in chosen]
    placed = [_placed(items, c, rank) for rank, c in enumerate(picked)]
    by_key = {(c.item, c.sentence): c for c in picked}
    out: list[SummarySentence] = []
    for p in order(placed):
        c = by_key[(p.item, p.sentence)]
        out.append(SummarySentence(c.text, items[c.item].id, c.sentence, _support(prep, items, c)))
    headline = _headline(items, picked, prep)
    return Summary(headline.text, out, prep.language, headline.source)


def _fact_concepts(items: Sequence[AnalyzedArticle], claims: StoryClaims) -> tuple[
        dict[tuple[int, int], frozenset[str]], dict[tuple[int, int], frozenset[str]]]:
    """Per (article, sentence), a concept for every cross-outlet fact it states, and the subset whose
    outlets agree.

    A sentence that gives the loan as "1,3 miljard euro" and one that gives "1,5 miljard dollar"
    state the same fact: the concept makes them repeat and support each other, across wordings,
    numerals and currencies. Conflicting values share the concept (one of them is enough in a
    summary) but not the agreement, so they never cite each other.
    """
    item_of = {it.id: n for n, it in enumerate(items)}
    stated: dict[tuple[int, int], set[str]] = {}
    agreed: dict[tuple[int, int], set[str]] = {}
    for k, (group, fact) in enumerate(zip(claims.groups, claims.facts, strict=True)):
        if len({c.article_id for c in group}) < 2 or group[0].kind not in _FACT_KINDS:
            continue
        concept = f"{FACT_PREFIX}{k}"
        for c in group:
            key = (item_of[c.article_id], c.sentence)
            stated.setdefault(key, set()).add(concept)
            if fact.verdict == "agree":  # 'compatible' (overlapping intervals, or no rate) is no support
                agreed.setdefault(key, set()).add(concept)
    return ({k: frozenset(v) for k, v in stated.items()}, {k: frozenset(v) for k, v in agreed.items()})


def _prepare(items: Sequence[AnalyzedArticle], claims: StoryClaims | None) -> _Prepared:
    language = story_language(items)
    fact_concepts, agreed_facts = _fact_concepts(items, claims) if claims is not None else ({}, {})
    strict = _has_punctuation(items)
    per_article: list[list[frozenset[str]]] = []
    candidates: list[Candidate] = []
    infos: dict[tuple[int, int], SentenceInfo] = {}
    # In a very large story only each report's opening counts: leads carry the news, and it keeps
    # 2,000 articles within seconds (support is then found among those sentences too).
    limit = LARGE_STORY_SENTENCES if len(items) > LARGE_STORY else None
    story_concepts = [_article_concepts(it, limit) for it in items]
    parts = compound_parts(c for sentences in story_concepts for concepts in sentences for c in concepts)
    for item_no, it in enumerate(items):
        an = it.analysis
        lang = an.language or it.article.language
        concepts_of = []
        verdicts = [judge(s.text, lang, strict) for s in an.sentences[:limit]]
        caption_paragraphs = {s.paragraph for s, v in zip(an.sentences[:limit], verdicts, strict=True)
                              if v.reason in ("photo credit", "embedded tweet")}
        body_position = 0
        amounts = _amounts(an)
        for k, s in enumerate(an.sentences[:limit]):
            lemmas = an.lemmas[k] if k < len(an.lemmas) else []
            concepts = story_concepts[item_no][k]
            if parts:
                concepts = concepts | {p for c in concepts for p in parts.get(c, ())}
            concepts_of.append(concepts)
            # Facts decide repetition and support, not value: what many outlets say already weighs.
            unigrams = frozenset(c for c in concepts if " " not in c) | fact_concepts.get((item_no, s.index), frozenset())
            verdict = verdicts[k]
            if not verdict.ok or s.paragraph in caption_paragraphs or s.foreign:
                continue
            numbers = amounts.get(s.index) or frozenset(fold(x) for x in lemmas if is_number(x))
            if numbers:  # the same agreed fact in other numerals or currencies is no disagreement
                numbers = numbers | agreed_facts.get((item_no, s.index), frozenset())
            info = SentenceInfo(item_no, s.index, unigrams, concepts - unigrams, numbers,
                                s.start + verdict.start, s.start + verdict.end)
            infos[(item_no, s.index)] = info
            text = trimmed_text(s.text, verdict)
            n_words = len(text.split())
            position = body_position
            body_position += 1
            if n_words > MAX_CANDIDATE_WORDS:
                continue
            if language and lang and lang != language or (s.language and language and s.language != language):
                continue
            candidates.append(Candidate(
                item=item_no, sentence=s.index, text=text, start=info.start, end=info.end, words=n_words,
                concepts=concepts, unigrams=unigrams,
                prior=_prior(position, text),
                needs_antecedent=verdict.needs_antecedent, not_first=verdict.not_first,
            ))
        per_article.append(concepts_of)
    weights = concept_weights(per_article)
    index = SupportIndex(list(infos.values()))
    if len(items) > 1 and OUTLET_BONUS:
        row = {(info.item, info.sentence): k for k, info in enumerate(index.sentences)}
        counts = index.outlet_counts([row[(c.item, c.sentence)] for c in candidates])
        for c, count in zip(candidates, counts, strict=True):
            c.prior *= 1.0 + OUTLET_BONUS * count / (len(items) - 1)
    return _Prepared(candidates, infos, index, weights, language)


def _article_concepts(it: AnalyzedArticle, limit: int | None = None) -> list[frozenset[str]]:
    """Concepts of every sentence (or the first ``limit``) of one article: lemmas and pairs, names as
    entities, amounts."""
    an = it.analysis
    names = _entity_lemmas(an, an.language or it.article.language)
    amounts = _amounts(an)
    return [sentence_concepts(an.lemmas[k] if k < len(an.lemmas) else [], names.get(s.index))
            | amounts.get(s.index, frozenset()) for k, s in enumerate(an.sentences[:limit])]


def _amounts(an: Analysis) -> dict[int, frozenset[str]]:
    """Per sentence, concepts of the amounts it states ('#1.5e+09USD', '#100000'): outlets that write
    'honderdduizend' and '100.000' state the same number. Small counts ('twee landen') are left out."""
    out: dict[int, set[str]] = {}
    for q in an.quantities:
        if q.value is None or q.kind not in _AMOUNT_KINDS or (q.kind == "count" and q.value <= 10):
            continue
        out.setdefault(q.sentence, set()).add(f"#{q.value:g}{q.unit or ''}")
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=50_000)
def _name_lemmas(text: str, language: str | None) -> tuple[str, ...]:
    """Folded content lemmas of a name mention (cached: the same names recur in every article)."""
    return tuple(fold(lemma) for lemma in content_lemmas(text, language))


def _entity_lemmas(an: Analysis, language: str | None) -> dict[int, dict[str, str]]:
    """Per sentence, the folded lemmas of its name mentions mapped to their entity concept."""
    out: dict[int, dict[str, str]] = {}
    for m in an.mentions:
        concept = entity_concept(m.key, m.head, m.type)
        table = out.setdefault(m.sentence, {})
        for lemma in _name_lemmas(m.text, language):
            table[lemma] = concept
    return out


def _prior(position: int, text: str) -> float:
    """Prior value of a sentence: leads weigh more, direct quotes less (amounts and names already
    weigh through their concepts; an extra bonus for numbers lowered DUC ROUGE-1 from 0.375 to 0.370)."""
    prior = 1.0 + LEAD_BONUS / (position + 1)
    if _QUOTE.search(text):
        prior *= QUOTE_FACTOR
    return prior


def _has_punctuation(items: Sequence[AnalyzedArticle]) -> bool:
    """False when no sentence of the story ends like a sentence (text without punctuation)."""
    for it in items:
        for s in it.analysis.sentences:
            if re.search(r"[.!?\u2026][\"'\u201d\u2019\u00bb)]*\s*$", s.text):
                return True
    return False


def _fallback(candidates: list[Candidate], items: Sequence[AnalyzedArticle], budget: int) -> Candidate | None:
    """When no whole sentence fits the budget: the opening words of the best lead, cut at the budget."""
    pool = sorted(candidates, key=lambda c: (-c.prior, c.item)) if candidates else []
    if not pool:
        for item_no, it in enumerate(items):
            for s in it.analysis.sentences:
                if len(words(s.text)) >= 3 and not s.foreign:
                    pool.append(Candidate(item_no, s.index, s.text.strip(), s.start, s.end, len(s.text.split()),
                                          frozenset(), frozenset(), 1.0))
                    break
    if not pool:
        return None
    best = pool[0]
    tokens = best.text.split()
    if len(tokens) <= budget:
        return best
    cut = " ".join(tokens[:budget]).rstrip(",;:-")
    if budget >= 2:
        cut = " ".join(tokens[:budget - 1]).rstrip(",;:-") + " …"
    return Candidate(best.item, best.sentence, cut, best.start, best.start + len(cut), len(cut.split()),
                     best.concepts, best.unigrams, best.prior, best.needs_antecedent, best.not_first)


def _placed(items: Sequence[AnalyzedArticle], c: Candidate, rank: int) -> Placed:
    an = items[c.item].analysis
    n = max(len(an.sentences), 1)
    published = items[c.item].article.published
    report = published.sort_key() if published else None
    named = [t.value.sort_key() for t in an.times if t.sentence == c.sentence and t.value is not None]
    time_key = report
    if named and (report is None or min(named) < report):
        time_key = min(named)
    return Placed(c.item, c.sentence, rank, c.sentence / n, time_key, c.needs_antecedent, c.not_first)


def _support(prep: _Prepared, items: Sequence[AnalyzedArticle], c: Candidate) -> list[SourceRef]:
    own = SourceRef(items[c.item].id, c.sentence, c.start, c.end)
    info = prep.infos.get((c.item, c.sentence))
    if info is None:
        return [own]
    refs = [own]
    seen = {items[c.item].id}
    for m in prep.index.supporters(info):
        article_id = items[m.item].id
        if article_id not in seen:
            seen.add(article_id)
            refs.append(SourceRef(article_id, m.sentence, m.start, m.end))
    return refs


@dataclass
class _Headline:
    """The story's headline and, when it is a lead sentence rather than a title, where it comes from."""

    text: str
    source: SourceRef | None


def _headline(items: Sequence[AnalyzedArticle], picked: Sequence[Candidate], prep: _Prepared) -> _Headline:
    """Title or lead of the most central article: the one whose lead covers the most weighted concepts
    per word. A lead already in the summary is passed over when another is nearly as good, so the
    headline does not repeat the first summary sentence."""
    leads: list[Candidate] = []
    for item in range(len(items)):
        own = [c for c in prep.candidates if c.item == item and not c.needs_antecedent]
        if own:
            leads.append(min(own, key=lambda c: c.sentence))
    if not leads:
        titled = [it.article.title.strip() for it in items if it.article.title and it.article.title.strip()]
        if titled:
            return _Headline(titled[0], None)
        return _Headline(picked[0].text if picked else "", None)

    def value(c: Candidate) -> float:
        return prep.weights.of(c.concepts) * c.prior / max(c.words, 1) ** LENGTH_EXPONENT

    ranked = sorted(leads, key=lambda c: (-value(c), c.item))
    in_summary = {(c.item, c.sentence) for c in picked}
    best = ranked[0]
    fresh = [c for c in ranked if (c.item, c.sentence) not in in_summary]
    if fresh and value(fresh[0]) >= HEADLINE_SLACK * value(best):
        best = fresh[0]
    title = (items[best.item].article.title or "").strip()
    if title:
        return _Headline(title, None)
    return _Headline(best.text, SourceRef(items[best.item].id, best.sentence, best.start, best.end))
