#!/usr/bin/python3
"""jsoncheck.py - every line of zcdump --json output against zcdump.schema.json.

Usage: jsoncheck.py SCHEMA FILE.jsonl...

Each line must be valid UTF-8 (zcdump writes ASCII only), parse as one JSON
object, and validate against the schema. The validator here implements the
part of JSON Schema (2020-12) the schema uses: type, properties, required,
additionalProperties (false), patternProperties, items, enum, pattern,
minimum, maximum, minItems, maxItems, oneOf, anyOf and "$ref" to "#/$defs/...".
Any other keyword in the schema is an error, so that the schema cannot
silently say more than is checked. When python3-jsonschema is installed, the
first 300 lines are validated with it as well. Prints one line per file,
then "N passed, M failed".
"""
import json
import re
import sys

KNOWN = {"$schema", "$id", "title", "description", "$defs", "type", "properties", "required",
         "additionalProperties", "patternProperties", "items", "enum", "pattern", "minimum",
         "maximum", "minItems", "maxItems", "oneOf", "anyOf", "$ref"}


class Invalid(Exception):
    pass


def check_keywords(s, where="#"):
    if isinstance(s, dict):
        for k, v in s.items():
            if k not in KNOWN:
                raise SystemExit(f"jsoncheck.py: {where}: keyword {k} not implemented")
            if k in ("properties", "patternProperties", "$defs"):
                for n, sub in v.items():
                    check_keywords(sub, f"{where}/{k}/{n}")
            elif k in ("items", "additionalProperties"):
                check_keywords(v, f"{where}/{k}")
            elif k in ("oneOf", "anyOf"):
                for i, sub in enumerate(v):
                    check_keywords(sub, f"{where}/{k}/{i}")


TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


class Validator:
    def __init__(self, schema):
        self.root = schema
        self.res = {}

    def regex(self, p):
        if p not in self.res:
            self.res[p] = re.compile(p)
        return self.res[p]

    def may_match(self, v, s):
        """A quick test: false only when s's type (after $ref) excludes v."""
        while "$ref" in s and "type" not in s:
            s = self.root["$defs"][s["$ref"][len("#/$defs/"):]]
        return "type" not in s or TYPES[s["type"]](v)

    def validate(self, v, s, path="$"):
        if "$ref" in s:
            ref = s["$ref"]
            assert ref.startswith("#/$defs/"), ref
            self.validate(v, self.root["$defs"][ref[len("#/$defs/"):]], path)
        if "type" in s and not TYPES[s["type"]](v):
            raise Invalid(f"{path}: not {s['type']}: {str(v)[:60]}")
        if "enum" in s and not any(v == e and type(v) is type(e) for e in s["enum"]):
            raise Invalid(f"{path}: {v!r} not one of {s['enum']}")
        if "pattern" in s and isinstance(v, str) and not self.regex(s["pattern"]).search(v):
            raise Invalid(f"{path}: {v!r} does not match {s['pattern']}")
        if "minimum" in s and TYPES["number"](v) and v < s["minimum"]:
            raise Invalid(f"{path}: {v} < {s['minimum']}")
        if "maximum" in s and TYPES["number"](v) and v > s["maximum"]:
            raise Invalid(f"{path}: {v} > {s['maximum']}")
        if isinstance(v, list):
            if "minItems" in s and len(v) < s["minItems"]:
                raise Invalid(f"{path}: fewer than {s['minItems']} items")
            if "maxItems" in s and len(v) > s["maxItems"]:
                raise Invalid(f"{path}: more than {s['maxItems']} items")
            if "items" in s:
                for i, x in enumerate(v):
                    self.validate(x, s["items"], f"{path}[{i}]")
        if isinstance(v, dict):
            for k in s.get("required", ()):
                if k not in v:
                    raise Invalid(f"{path}: no member {k}")
            props, pats = s.get("properties", {}), s.get("patternProperties", {})
            for k, x in v.items():
                matched = False
                if k in props:
                    matched = True
                    self.validate(x, props[k], f"{path}.{k}")
                for p, sub in pats.items():
                    if self.regex(p).search(k):
                        matched = True
                        self.validate(x, sub, f"{path}.{k}")
                if not matched and s.get("additionalProperties", True) is False:
                    raise Invalid(f"{path}: member {k!r} not allowed")
        for kw in ("oneOf", "anyOf"):
            if kw in s:
                ok = 0
                why = []
                for sub in s[kw]:
                    if not self.may_match(v, sub):
                        continue
                    try:
                        self.validate(v, sub, path)
                        ok += 1
                    except Invalid as e:
                        why.append(str(e))
                if ok == 0 or (kw == "oneOf" and ok > 1):
                    raise Invalid(f"{path}: {kw}: {ok} alternatives match"
                                  + (f" ({why[0]})" if why else ""))


def main():
    schema = json.load(open(sys.argv[1]))
    check_keywords(schema)
    v = Validator(schema)
    try:
        import jsonschema
        other = jsonschema.Draft202012Validator(schema)
    except (ImportError, AttributeError):
        other = None
    passed = failed = 0
    lines = 0
    for path in sys.argv[2:]:
        probs = []
        n = 0
        with open(path, "rb") as f:
            for i, raw in enumerate(f, 1):
                n += 1
                try:
                    text = raw.decode("utf-8")
                    if not raw.isascii():
                        raise Invalid("not ASCII")
                    d = json.loads(text)
                    v.validate(d, schema)
                    if other is not None and lines < 300:
                        err = next(iter(other.iter_errors(d)), None)
                        if err is not None:
                            raise Invalid(f"python3-jsonschema: {err.message[:200]}")
                    lines += 1
                except (UnicodeDecodeError, ValueError, Invalid) as e:
                    probs.append(f"line {i}: {e}")
        if probs:
            failed += 1
            print(f"FAIL JSON schema: {path}: {len(probs)} of {n} lines")
            for p in probs[:5]:
                print(f"     | {p}")
        else:
            passed += 1
            print(f"ok   JSON schema: {path}: {n} lines valid"
                  + (" (and by python3-jsonschema)" if other is not None else ""))
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
