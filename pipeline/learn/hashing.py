"""The hashed n-grams of the segment classifier (:mod:`pipeline.learn.features`): scikit-learn's
``HashingVectorizer.transform`` computed with each token hashed once (:class:`_CachedHashing`), the
same matrix faster; :mod:`pipeline.learn.model` reads a model with a subclass that hashes without
scikit-learn. ``tests/test_classifier_speed.py`` checks the equality."""

from __future__ import annotations

import re
import threading
from itertools import accumulate, chain, repeat
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import HashingVectorizer

__all__: list[str] = []  # private to the classifier's readers: _CachedHashing, _flat

_SK: dict = {}


def _sk_fast():
    """The pieces HashingVectorizer.transform is made of (scikit-learn 1.9), imported when first
    needed (:mod:`pipeline.learn.model` scores without scikit-learn); None for another version."""
    if "fast" not in _SK:
        try:
            from sklearn.feature_extraction._hashing_fast import transform
            from sklearn.utils._sparse import _align_api_if_sparse
            from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2

            _SK["fast"] = (transform, _align_api_if_sparse, inplace_csr_row_normalize_l2)
        except ImportError:  # pragma: no cover - another scikit-learn: HashingVectorizer itself
            _SK["fast"] = None
    return _SK["fast"]


def _flat(words: list[list[str]]) -> tuple[list[str], list[int]]:
    """The tokens of every candidate in one list, and each candidate's count."""
    return list(chain.from_iterable(words)), [len(ws) for ws in words]


class _CachedHashing:
    r"""``HashingVectorizer.transform`` of the two kinds used here (``analyzer="word"`` with
    ``token_pattern=r"(?u)\b\w+\b"`` and word n-grams, ``analyzer="char_wb"``), giving the very
    same matrix faster: a document's features are those of its tokens (char_wb: its words; word
    analyzer: its tokens and token pairs), so each token's hashed indices are computed once
    (with scikit-learn's own hashing) and cached; the matrix is then built, summed and normalised
    as ``HashingVectorizer`` does. Any other configuration uses ``vec.transform`` itself.
    ``tests/test_classifier_speed.py`` checks the equality."""

    _LIMIT = 300_000  # cached tokens before the cache is emptied (flat memory on huge inputs)

    def __init__(self, vec: HashingVectorizer):
        self.vec = vec
        self.cache: dict = {}  # char_wb: word → its n-grams' indices; word: token → id
        self.orig: dict = {}  # word: token as written → the id of its lower case (-1: lowered in context only)
        self.gen = 0  # times the caches were emptied
        self.pairs: dict = {}  # word: id_a << 32 | id_b → the pair's index
        self.words: list[str] = []  # word: id → token
        self.uni: list[int] = []  # word: id → the token's index
        self.uni_np = np.zeros(0, dtype=np.int32)
        self.lock = threading.Lock()
        p = vec.get_params()
        self.ok = self._fast_ok() and (
            p["input"] == "content"
            and p["lowercase"]
            and p["preprocessor"] is None
            and p["tokenizer"] is None
            and p["stop_words"] is None
            and p["strip_accents"] is None
            and not p["binary"]
            and not p["alternate_sign"]
            and p["norm"] == "l2"
            and p["dtype"] is np.float64
            and (
                (p["analyzer"] == "char_wb" and tuple(p["ngram_range"])[0] >= 1)
                or (
                    p["analyzer"] == "word"
                    and p["token_pattern"] == r"(?u)\b\w+\b"
                    and tuple(p["ngram_range"]) in ((1, 1), (1, 2))
                )
            )
        )
        if self.ok:
            self.n_features = p["n_features"]
            self.lo, self.hi = p["ngram_range"]
            self.char = p["analyzer"] == "char_wb"
            self.token_re = re.compile(p["token_pattern"])

    def _fast_ok(self) -> bool:
        return _sk_fast() is not None

    def _hash(self, feats: list[str]) -> list[int]:
        # one row holding every feature once (value 1, never dropped): its indices in feature order
        idx, _, _ = _sk_fast()[0]([zip(feats, repeat(1))], self.n_features, np.float64, False, seed=0)
        return idx.tolist()

    def _normalise(self, X):
        _, align, normalise_l2 = _sk_fast()
        X = align(X)
        normalise_l2(X)  # as HashingVectorizer.transform (normalize(norm="l2") without its checks)
        return align(X)

    def _grams(self, w: str) -> list[str]:
        w = " " + w + " "  # as HashingVectorizer._char_wb_ngrams
        out = []
        w_len = len(w)
        for n in range(self.lo, self.hi + 1):
            offset = 0
            out.append(w[offset : offset + n])
            while offset + n < w_len:
                offset += 1
                out.append(w[offset : offset + n])
            if offset == 0:
                break
        return out

    def _char_rows(self, docs: list[str]) -> tuple[np.ndarray, np.ndarray]:
        cache = self.cache
        toks = [d.lower().split() for d in docs]  # sklearn's "\s\s+" → " " then split(): the same words
        new = list(set(chain.from_iterable(toks)).difference(cache))
        if new:
            if len(cache) + len(new) > self._LIMIT:  # emptied: this batch's words all hashed anew
                cache.clear()
                new = list(set(chain.from_iterable(toks)))
            grams = [self._grams(w) for w in new]
            flat = self._hash([g for gs in grams for g in gs])
            pos = 0
            for w, gs in zip(new, grams):
                cache[w] = flat[pos : pos + len(gs)]
                pos += len(gs)
        return self._gather(toks)

    def _gather(self, toks: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
        """(indptr, indices): each document's words' cached n-gram indices, in order. Only the
        batch's distinct words go through Python; the rows are gathered by numpy."""
        cache = self.cache
        flat = list(chain.from_iterable(toks))
        ndocs = len(toks)
        indptr = np.zeros(ndocs + 1, dtype=np.int64)
        if not flat:
            return indptr, np.zeros(0, dtype=np.int32)
        uniq = list(dict.fromkeys(flat))
        local = dict(zip(uniq, range(len(uniq))))
        ulen = np.fromiter(map(len, map(cache.__getitem__, uniq)), dtype=np.int64, count=len(uniq))
        table = np.fromiter(chain.from_iterable(map(cache.__getitem__, uniq)), dtype=np.int32, count=int(ulen.sum()))
        uoff = np.cumsum(ulen) - ulen
        ids = np.fromiter(map(local.__getitem__, flat), dtype=np.int64, count=len(flat))
        glen = ulen[ids]  # each token's number of n-grams …
        gend = np.cumsum(glen)
        take = np.repeat(uoff[ids] - (gend - glen), glen) + np.arange(int(gend[-1]))  # … and where they are
        tok_end = np.cumsum(np.fromiter(map(len, toks), dtype=np.int64, count=ndocs))
        ends = np.concatenate(([0], gend))[tok_end]  # n-grams up to each document's last token
        indptr[1:] = ends
        return indptr, table[take]

    def _ids(self, flat: list[str]) -> np.ndarray:
        """The ids of lower-cased tokens, new ones hashed (the caches emptied when full)."""
        tid = self.cache
        new = set(flat).difference(tid)
        if new:
            if len(tid) + len(new) + len(self.pairs) + len(self.orig) > self._LIMIT:
                tid.clear()
                self.pairs.clear()
                self.orig.clear()
                self.gen += 1
                self.words = []
                self.uni = []
                new = set(flat)
            fresh = list(new)
            base = len(self.words)
            tid.update(zip(fresh, range(base, base + len(fresh))))
            self.words.extend(fresh)
            self.uni.extend(self._hash(fresh))
            self.uni_np = np.array(self.uni, dtype=np.int32)
        return np.fromiter(map(tid.__getitem__, flat), dtype=np.int64, count=len(flat))

    def _ids_of_original(self, flat: list[str]) -> np.ndarray | None:
        """The ids of the lower case of tokens as written (``_WORD`` tokens of the text, not of its
        lower case: lower-casing keeps every character's ``\\w``-ness and, but for ``İ``, its
        length, see ``tests/test_classifier_speed.py``), each written form lowered once; None when
        a token holds ``İ`` or ``Σ`` (whose lower case depends on its neighbours)."""
        orig = self.orig
        new = set(flat).difference(orig)
        if new:
            fresh = [t for t in new if "İ" not in t and "Σ" not in t]
            gen = self.gen
            ids = self._ids([t.lower() for t in fresh]).tolist()  # may empty the caches, orig too
            orig.update(zip(fresh, ids))
            orig.update((t, -1) for t in new if "İ" in t or "Σ" in t)
            if self.gen != gen:  # emptied: the forms of this batch met before are gone, all again
                return self._ids_of_original_fresh(flat)
        ids = np.fromiter(map(orig.__getitem__, flat), dtype=np.int64, count=len(flat))
        return None if len(ids) and ids.min() < 0 else ids

    def _ids_of_original_fresh(self, flat: list[str]) -> np.ndarray | None:
        if any("İ" in t or "Σ" in t for t in flat):
            return None
        return self._ids([t.lower() for t in flat])

    def _word_arrays(self, docs: list[str], tokens=None) -> tuple[np.ndarray, np.ndarray]:
        """(indptr, indices) of the documents' tokens and, with bigrams, adjacent token pairs
        (HashingVectorizer._word_ngrams hashes a pair as "a b"). Tokens get integer ids, so a
        pair is the number ``id_a << 32 | id_b`` and the whole batch is handled by numpy.
        ``tokens``: (flat tokens as written, count per document) when the caller has them."""
        if tokens is None:
            findall = self.token_re.findall
            toks = [findall(d.lower()) for d in docs]
            flat = list(chain.from_iterable(toks))
            lens = np.fromiter(map(len, toks), dtype=np.int64, count=len(toks))
            ids = self._ids(flat)
        else:
            flat = tokens[0]
            lens = np.asarray(tokens[1], dtype=np.int64)
            written = self._ids_of_original(flat)
            if written is None:  # a token whose lower case depends on its neighbours
                return self._word_arrays(docs)
            ids = written
        n = len(flat)
        ndocs = len(lens)
        idx = [self.uni_np[ids] if n else np.zeros(0, dtype=np.int32)]
        counts = lens
        if self.hi == 2:
            valid = np.ones(max(n - 1, 0), dtype=bool)
            ends = np.cumsum(lens)
            valid[ends[(ends > 0) & (ends < n)] - 1] = False  # no pair across two documents
            keys = ((ids[:-1] << 32) | ids[1:])[valid].tolist() if n > 1 else []
            pairs = self.pairs
            newp = list(set(keys).difference(pairs))
            if newp:
                words = self.words
                pairs.update(zip(newp, self._hash([words[k >> 32] + " " + words[k & 0xFFFFFFFF] for k in newp])))
            idx.append(np.fromiter(map(pairs.__getitem__, keys), dtype=np.int32, count=len(keys)))
            plen = np.maximum(lens - 1, 0)
            rows = np.concatenate([np.repeat(np.arange(ndocs), lens), np.repeat(np.arange(ndocs), plen)])
            order = np.argsort(rows, kind="stable")  # each document's tokens, then its pairs
            indices = np.concatenate(idx)[order]
            counts = lens + plen
        else:
            indices = idx[0]
        indptr = np.zeros(ndocs + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        return indptr, indices.astype(np.int32, copy=False)

    def transform(self, docs: list[str], tokens=None):
        """``tokens``: for the word analyzer, the flat ``_WORD`` tokens of every document as
        written and each document's count (:func:`_flat`), when the caller has them."""
        if not self.ok:
            return self.vec.transform(docs)
        with self.lock:  # the caches are shared by threads that use one model
            return self._transform(docs, tokens)

    def _transform(self, docs: list[str], tokens=None):
        uniq = list(dict.fromkeys(docs))
        if tokens is not None and len(uniq) < len(docs):  # the first occurrence's tokens
            ends = list(accumulate(tokens[1]))
            first = {d: k for k, d in reversed(list(enumerate(docs)))}
            flat = tokens[0]
            toks = [flat[ends[k] - tokens[1][k] : ends[k]] for k in map(first.__getitem__, uniq)]
            tokens = (list(chain.from_iterable(toks)), [len(t) for t in toks])
        if self.char:
            indptr, indices = self._char_rows(uniq)
        else:
            indptr, indices = self._word_arrays(uniq, tokens if not self.char else None)
        if len(uniq) < len(docs):  # repeated documents (headings): their rows again
            pos = {d: k for k, d in enumerate(uniq)}
            which = np.fromiter(map(pos.__getitem__, docs), dtype=np.int64, count=len(docs))
            counts = (indptr[1:] - indptr[:-1])[which]
            starts = indptr[:-1][which]
            indptr = np.zeros(len(docs) + 1, dtype=np.int64)
            np.cumsum(counts, out=indptr[1:])
            take = np.repeat(starts - indptr[:-1], counts) + np.arange(int(indptr[-1]))
            indices = indices[take]
        total = int(indptr[-1])
        if total <= np.iinfo(np.int32).max:
            indptr = indptr.astype(np.int32)
        X = sparse.csr_array(
            (np.ones(total, dtype=np.float64), indices, indptr), dtype=np.float64, shape=(len(docs), self.n_features)
        )
        X.sum_duplicates()  # as FeatureHasher.transform
        return self._normalise(X)
