"""Writes test/fixtures/tokenizer-reference.json: token ids and decoded strings from the Python reference stack.

References: sentencepiece (the C++ library, via its Python binding) on `spiece.model`, and transformers'
`T5TokenizerFast` (Rust `tokenizers`) on the shared t5-small and flan-t5-small `tokenizer.json` files.
The TypeScript tests compare against this file and never call Python.

    python3 packages/t5-core/scripts/make-tokenizer-reference.py  # from the repo root

Needs sentencepiece and transformers 4.57.6, the project's reference version (its T5TokenizerFast runs the
tokenizer.json pipeline as written; 5.x rebuilds T5's pre-tokenizer and normaliser in code). Offline only
huggingface_hub 1.x wheels exist, so the fixture was made with the 4.57.6 wheel unpacked on PYTHONPATH and its
`dependency_versions_table.py` pins on huggingface-hub/tokenizers relaxed; tokenisation does not touch the hub.
"""

import json
import os
import sys

import sentencepiece as spm
import tokenizers
import transformers
from transformers import AutoTokenizer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("T5SQL_SHARED_DIR", os.path.join(ROOT, "..", "..", "..", "shared"))
DATA = os.path.join(SHARED, "data")
OUT = os.path.join(ROOT, "test", "fixtures", "tokenizer-reference.json")

# Every 23rd Spider question and query (dev, then train): a spread of schemas, literals and operators.
spider = []
for name in ["dev.json", "train_spider.json", "train_others.json"]:
    with open(os.path.join(DATA, "spider", name)) as f:
        for ex in json.load(f):
            spider.append(ex["question"])
            spider.append(ex["query"])
sample = spider[::47]

# Inputs where normalisation, whitespace handling or unknown characters matter.
edge = [
    "",
    " ",
    "hello",
    "  leading and trailing  ",
    "tabs\tand\nnewlines\r\nhere",
    "multiple     spaces",
    "SELECT count(*) FROM t WHERE a < 5 AND b <= 6 OR c != 'x'",
    "SELECT T1.name , T2.age FROM a AS T1 JOIN b AS T2 ON T1.id = T2.id",
    "{braces} [brackets] ~tilde^ `backtick` \\backslash |pipe",
    "café naïve résumé Ångström",
    "e\u0301 combining acute",
    "ＦＵＬＬＷＩＤＴＨ ｆｕｌｌ １２３",
    "ﬁnance ligature ① ⅷ ㎞",
    "curly ‘quotes’ and “double” — dash … ellipsis",
    "non\u00a0breaking\u2009thin\u3000ideographic",
    "zero\u200bwidth\ufeffbom",
    "emoji 😀 👍🏽 🇫🇷 family 👨‍👩‍👧",
    "中文 日本語 한국어",
    "Ελληνικά кириллица עברית العربية",
    "x\u2581metaspace▁char",
    "control\u0001chars\u007f",
    "fill <extra_id_0> and <extra_id_99> here",
    "<pad> </s> <unk> literal specials",
    "no space<extra_id_1>between",
    "12,345.67 1e-5 $100 50% #3 @home",
    "i\u0306 subscript ᵢ\u0306",
]

sp = spm.SentencePieceProcessor(model_file=os.path.join(DATA, "t5-small-tokenizer", "spiece.model"))
t5 = AutoTokenizer.from_pretrained(os.path.join(DATA, "t5-small-tokenizer"))
flan = AutoTokenizer.from_pretrained(os.path.join(DATA, "flan-t5-small-tokenizer"))


def encode_row(text):
    return {
        "text": text,
        # sentencepiece does not know the <extra_id_N> added tokens; T5 appends </s> (id 1).
        "sentencepiece": sp.encode(text) + [1],
        "t5Small": t5(text)["input_ids"],
        "flanT5Small": flan(text)["input_ids"],
    }


encode = [encode_row(t) for t in sample + edge]

# Decoding: generated-looking rows (start token, body, </s>, padding), unknown ids, extra ids, ids past
# the 32,100-entry vocabulary (T5's embedding has 32,128 rows, so a model can emit them).
decode_inputs = []
for row in encode:
    ids = row["t5Small"]
    decode_inputs.append([0] + ids + [0, 0])
decode_inputs += [
    [0, 2, 1],
    [0, 32099, 8, 32000, 1],
    [0, 32100, 32127, 8, 1, 0],
    [3, 3, 3, 1],
    [1],
    [0],
    [],
]
decode = []
for ids in decode_inputs:
    decode.append(
        {
            "ids": ids,
            "t5Small": {
                "skip": t5.decode(ids, skip_special_tokens=True),
                "keep": t5.decode(ids, skip_special_tokens=False),
            },
            "flanT5Small": {
                "skip": flan.decode(ids, skip_special_tokens=True),
                "keep": flan.decode(ids, skip_special_tokens=False),
            },
        }
    )

# The charsmap normaliser alone (Rust `tokenizers` Precompiled), one code point at a time over the BMP and the
# supplementary planes, plus multi-code-point graphemes.
precompiled = t5.backend_tokenizer.normalizer
chars = [chr(c) for c in list(range(0x01, 0x3000, 7)) + list(range(0x3000, 0x30000, 97)) if not 0xD800 <= c < 0xE000]
chars += ["e\u0301", "\u1100\u1161\u11a8", "\U0001F44D\U0001F3FD", "\r\n", "a\u0308\u0301", "\u0915\u094d\u0937"]
normalize = [[c, precompiled.normalize_str(c)] for c in chars]

meta = {
    "made_by": "packages/t5-core/scripts/make-tokenizer-reference.py",
    "transformers": transformers.__version__,
    "sentencepiece": spm.__version__,
    "tokenizers": tokenizers.__version__,
    "python": sys.version.split()[0],
    "spider_sample": "every 47th text of [question, query] pairs from dev.json, train_spider.json, train_others.json",
}
tmp = OUT + ".tmp"
with open(tmp, "w") as f:
    json.dump({"meta": meta, "encode": encode, "decode": decode, "normalize": normalize}, f, ensure_ascii=False)
os.replace(tmp, OUT)
print(f"wrote {OUT}: {len(encode)} texts, {len(decode)} decodes, {len(normalize)} normalisations")
