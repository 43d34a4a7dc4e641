"""სათაურიდან ბმული (heading -> anchor): ერთი წესი საიტისა და notebook-ებისთვის.

`slugify("წარმოებული")` -> `"tsarmoebuli"`: ქართული ასოები ეროვნული რომანიზაციით (2002),
აპოსტროფის გარეშე, რომ მასწავლებლის გაზიარებული ბმული წაკითხვადი იყოს (`#tsarmoebuli`) და არა
`#_1` ან `%E1%83...`. The toc extension (hooks/site.py), the notebook pages' headings
(hooks/notebooks.py) and the generated notebooks (scripts/make_notebooks.py) all use it.
"""

from __future__ import annotations

import re
import unicodedata

GEORGIAN_TO_LATIN = {
    "ა": "a", "ბ": "b", "გ": "g", "დ": "d", "ე": "e", "ვ": "v", "ზ": "z", "თ": "t",
    "ი": "i", "კ": "k", "ლ": "l", "მ": "m", "ნ": "n", "ო": "o", "პ": "p", "ჟ": "zh",
    "რ": "r", "ს": "s", "ტ": "t", "უ": "u", "ფ": "p", "ქ": "k", "ღ": "gh", "ყ": "q",
    "შ": "sh", "ჩ": "ch", "ც": "ts", "ძ": "dz", "წ": "ts", "ჭ": "ch", "ხ": "kh", "ჯ": "j",
    "ჰ": "h",
}  # fmt: skip


def transliterate(text: str) -> str:
    """ქართული ასოები -> ლათინური: `transliterate("წარმოებული") == "tsarmoebuli"`."""
    return "".join(GEORGIAN_TO_LATIN.get(ch, ch) for ch in text)


def slugify(value: str, separator: str = "-") -> str:
    """სათაურიდან ბმულის id: მხოლოდ a-z, 0-9 და `separator`.

    >>> slugify("2. Value: ჭკვიანი რიცხვი")
    '2-value-chkviani-ritskhvi'
    """
    value = transliterate(value.lower())
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", " ", value).strip().lower()
    return re.sub(rf"[\s_{re.escape(separator)}-]+", separator, value).strip(separator)
