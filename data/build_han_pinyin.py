"""Regenerates data/han-pinyin.txt, Mandarin readings of the CJK Unified
Ideographs block, from the PyPI package pypinyin (MIT; data from the
Unihan database).

    pip download --no-deps pypinyin==0.55.0 && unzip pypinyin-*.whl
    python3 data/build_han_pinyin.py .    # the folder holding pypinyin/

Format: after the `#` header, line N (counting from 0) holds the first
reading, without tones, of the character U+4E00 + N; an empty line when
there is none.
"""
import sys
import unicodedata

FIRST, LAST = 0x4E00, 0x9FFF


def toneless(reading):
    plain = "".join(c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c))
    return plain.replace("ü", "u").lower()


def main(src):
    sys.path.insert(0, src)
    from pypinyin import pinyin_dict

    table = pinyin_dict.pinyin_dict
    version = "0.55.0"
    with open("data/han-pinyin.txt", "w", encoding="ascii") as out:
        out.write(f"# Mandarin readings of U+4E00..U+9FFF, one line per code point; from PyPI pypinyin {version} (MIT, Unihan data)\n")
        for cp in range(FIRST, LAST + 1):
            readings = table.get(cp, "")
            out.write(toneless(readings.split(",")[0]) + "\n" if readings else "\n")


if __name__ == "__main__":
    main(sys.argv[1])
