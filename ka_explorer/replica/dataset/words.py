"""Word lists and id makers for the generated content, in Khan Academy's styles."""

from __future__ import annotations

import random
import re
import string

# Domains and their subjects, as the 2014-2015 library was laid out.
DOMAINS: dict[str, list[str]] = {
    "Math": [
        "Arithmetic",
        "Pre-algebra",
        "Algebra",
        "Geometry",
        "Trigonometry",
        "Precalculus",
        "Calculus",
        "Statistics and probability",
        "Linear algebra",
        "Differential equations",
    ],
    "Science": [
        "Biology",
        "Physics",
        "Chemistry",
        "Organic chemistry",
        "Cosmology and astronomy",
        "Health and medicine",
        "Electrical engineering",
    ],
    "Economics and finance": [
        "Microeconomics",
        "Macroeconomics",
        "Finance and capital markets",
        "Entrepreneurship",
    ],
    "Arts and humanities": [
        "Art history",
        "World history",
        "US history",
        "Music",
        "Grammar",
    ],
    "Computing": [
        "Computer programming",
        "Computer science",
        "Hour of code",
        "Computer animation",
    ],
    "Test prep": ["SAT", "GMAT", "MCAT", "CAHSEE", "NCLEX-RN"],
    "Partner content": ["NASA", "Museum of Modern Art", "Stanford Medicine"],
}

CONCEPTS: dict[str, list[str]] = {
    "Math": [
        "fractions",
        "decimals",
        "exponents",
        "radicals",
        "logarithms",
        "ratios",
        "proportions",
        "linear equations",
        "inequalities",
        "functions",
        "polynomials",
        "quadratics",
        "factoring",
        "slope",
        "angles",
        "triangles",
        "circles",
        "area",
        "volume",
        "vectors",
        "matrices",
        "limits",
        "derivatives",
        "integrals",
        "series",
        "probability",
        "variance",
        "sequences",
        "complex numbers",
        "the unit circle",
        "sine and cosine",
        "systems of equations",
        "absolute value",
        "scientific notation",
        "place value",
        "negative numbers",
        "order of operations",
    ],
    "Science": [
        "cells",
        "DNA",
        "evolution",
        "photosynthesis",
        "the circulatory system",
        "forces",
        "momentum",
        "energy",
        "waves",
        "electric charge",
        "magnetism",
        "atoms",
        "chemical bonds",
        "reactions",
        "acids and bases",
        "enzymes",
        "stars",
        "galaxies",
        "the immune system",
        "thermodynamics",
        "circuits",
        "isomers",
        "alkanes",
        "Newton's laws",
        "gravity",
        "the nervous system",
    ],
    "Economics and finance": [
        "supply and demand",
        "elasticity",
        "interest",
        "inflation",
        "GDP",
        "monetary policy",
        "stocks",
        "bonds",
        "options",
        "taxes",
        "mortgages",
        "banking",
        "trade",
        "market structures",
        "opportunity cost",
    ],
    "Arts and humanities": [
        "the Renaissance",
        "Baroque art",
        "ancient Greece",
        "the Roman Empire",
        "the Industrial Revolution",
        "World War I",
        "the Civil War",
        "impressionism",
        "rhythm",
        "harmony",
        "nouns",
        "verbs",
        "punctuation",
        "the Middle Ages",
        "the Enlightenment",
        "modern architecture",
    ],
    "Computing": [
        "variables",
        "loops",
        "functions",
        "arrays",
        "objects",
        "recursion",
        "algorithms",
        "binary search",
        "sorting",
        "cryptography",
        "animation",
        "HTML",
        "CSS",
        "SQL",
        "information theory",
        "graphs",
    ],
    "Test prep": [
        "reading comprehension",
        "data sufficiency",
        "critical reasoning",
        "word problems",
        "geometry review",
        "algebra review",
        "biochemistry",
        "behavioral science",
        "pharmacology",
        "test strategy",
    ],
    "Partner content": [
        "space exploration",
        "the solar system",
        "Mars",
        "abstract art",
        "sculpture",
        "clinical skills",
        "anatomy",
        "the history of flight",
    ],
}

VIDEO_PATTERNS = [
    "Introduction to {c}",
    "{C} example {n}",
    "Understanding {c}",
    "{C} intuition",
    "Worked example: {c}",
    "More on {c}",
    "{C} review",
    "Visualizing {c}",
    "{C} word problem",
    "Proof: {c}",
    "{C} (part {n})",
    "Why {c} matter",
]

EXERCISE_PATTERNS = [
    "{C}",
    "{C} {n}",
    "Practice: {c}",
    "Understanding {c}",
    "{C} word problems",
    "Applying {c}",
    "Identifying {c}",
]

TUTORIAL_PATTERNS = [
    "{C}",
    "Introduction to {c}",
    "{C} and {d}",
    "Working with {c}",
    "{C} in depth",
    "Applications of {c}",
]

DESCRIPTION_PHRASES = [
    "In this video we look at {c}.",
    "We work through an example of {c}.",
    "Sal explains {c} step by step.",
    "A visual way to think about {c}.",
    "How {c} connects to {d}.",
    "We review what we know about {c}.",
    "Using {c} to solve a real-world problem.",
    "A common mistake with {c}.",
]

AUTHORS = [
    "Sal Khan",
    "Jesse Roe",
    "David SantoPietro",
    "Beth Harris",
    "Steven Zucker",
    "Kim Kutz",
    "Jeff Kruse",
    "Rishi Desai",
]

# Words that `lang=...` renders in that language; others stay in English, as
# untranslated strings did on the live site.
TRANSLATIONS: dict[str, dict[str, str]] = {
    "de": {
        "Introduction": "Einführung",
        "to": "in",
        "example": "Beispiel",
        "review": "Wiederholung",
        "and": "und",
        "Practice": "Übung",
        "Understanding": "Verstehen",
        "More": "Mehr",
        "on": "über",
        "word": "Text",
        "problem": "Aufgabe",
        "problems": "Aufgaben",
    },
    "es": {
        "Introduction": "Introducción",
        "to": "a",
        "example": "ejemplo",
        "review": "repaso",
        "and": "y",
        "Practice": "Práctica",
        "Understanding": "Entendiendo",
        "More": "Más",
        "on": "sobre",
    },
    "fr": {
        "Introduction": "Introduction",
        "to": "à",
        "example": "exemple",
        "review": "révision",
        "and": "et",
        "Practice": "Pratique",
        "Understanding": "Comprendre",
        "More": "Plus",
        "on": "sur",
    },
    "pt": {
        "Introduction": "Introdução",
        "to": "a",
        "example": "exemplo",
        "review": "revisão",
        "and": "e",
        "Practice": "Prática",
        "Understanding": "Entendendo",
        "More": "Mais",
        "on": "sobre",
    },
}

_YOUTUBE_ALPHABET = string.ascii_letters + string.digits + "-_"
_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def youtube_id(rng: random.Random) -> str:
    return "".join(rng.choice(_YOUTUBE_ALPHABET) for _ in range(11))


def hex_id(rng: random.Random, digits: int = 8) -> str:
    """Return a Khan-style content id: `x` and hex digits."""
    return "x" + "".join(rng.choice("0123456789abcdef") for _ in range(digits))


def sha(rng: random.Random) -> str:
    return f"{rng.getrandbits(160):040x}"


def slugify(title: str) -> str:
    return _SLUG_DROP.sub("-", title.lower()).strip("-") or "untitled"


def fill(pattern: str, concept: str, other: str, number: int) -> str:
    text = pattern.format(
        c=concept, C=concept[:1].upper() + concept[1:], d=other, n=number
    )
    return text[:1].upper() + text[1:]


def translate(text: str, lang: str) -> str:
    """Return `text` with the words known in `lang` replaced."""
    words = TRANSLATIONS.get(lang)
    if not words:
        return text
    return " ".join(words.get(word, word) for word in text.split(" "))


def timestamp(rng: random.Random, first_year: int = 2008, last_year: int = 2015) -> str:
    year = rng.randint(first_year, last_year)
    return (
        f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T"
        f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:"
        f"{rng.randint(0, 59):02d}Z"
    )
