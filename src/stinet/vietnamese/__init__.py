"""Vietnamese text for STINet: NFC, legacy encodings, folding, collation, names.

Pure Python, standard library only, no Django.
"""

from .collation import sort_key
from .decode import EncodingError, detect_encoding_of_bytes
from .equivalences import EQUIVALENCE_GROUPS, equivalence_tokens, equivalent_forms, rewrite_query, tokens_of_words
from .fold import exact_tokens, fold, search_fold, search_spelled, search_tokens, search_word, tokens, word_text
from .legacy import (
    ENCODINGS,
    Conversion,
    detect,
    encode,
    fix,
    proves_unicode,
    reads_as_well,
    shows_legacy_sign,
    to_unicode,
)
from .names import (
    ACADEMIC_TITLES,
    VIETNAMESE_FAMILY_NAMES,
    PersonName,
    clean_person_name,
    is_bare_syllable,
    name_key,
    names_match,
    parse_person_name,
    split_people,
    split_titles,
)
from .ocr import ocr_variant, ocr_variants
from .spelling import canonical_spelling
from .syllable import is_syllable
from .text import clean_spaces, nfc

__all__ = [
    "ACADEMIC_TITLES",
    "ENCODINGS",
    "EQUIVALENCE_GROUPS",
    "VIETNAMESE_FAMILY_NAMES",
    "Conversion",
    "EncodingError",
    "PersonName",
    "canonical_spelling",
    "is_bare_syllable",
    "clean_person_name",
    "clean_spaces",
    "detect",
    "detect_encoding_of_bytes",
    "encode",
    "proves_unicode",
    "shows_legacy_sign",
    "reads_as_well",
    "equivalence_tokens",
    "equivalent_forms",
    "exact_tokens",
    "fix",
    "fold",
    "is_syllable",
    "name_key",
    "names_match",
    "nfc",
    "ocr_variant",
    "ocr_variants",
    "parse_person_name",
    "split_people",
    "rewrite_query",
    "search_fold",
    "search_spelled",
    "search_tokens",
    "search_word",
    "sort_key",
    "split_titles",
    "to_unicode",
    "tokens",
    "tokens_of_words",
    "word_text",
]
