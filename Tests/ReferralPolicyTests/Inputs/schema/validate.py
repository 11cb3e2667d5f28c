#!/usr/bin/env python3
"""Validates YAML files against a JSON Schema the way an editor does.

    validate.py [--draft7] SCHEMA FILE...

The YAML language server (VS Code's YAML extension) reads YAML 1.2: `2025-07-01` is a
string, `on` is the word "on", `010` is ten. PyYAML reads YAML 1.1 (dates become dates,
`on` becomes true), so this script gives it the YAML 1.2 core schema's rules first.

With --draft7 the schema is read as JSON Schema draft-07, the draft VS Code's YAML extension
validates with, to show that editors reach the same verdicts.

Prints one JSON line per file: {"file": ..., "errors": [{"path": ..., "message": ...}]},
errors sorted by place. Exit status 0 when it could check every file (valid or not).
"""
import json
import re
import sys

import jsonschema
import yaml


class Yaml12Loader(yaml.SafeLoader):
    """SafeLoader with the YAML 1.2 core schema's plain scalars: null, bool, int, float."""


Yaml12Loader.yaml_implicit_resolvers = {}
RESOLVERS = [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", list("~nN") + [""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     list("-+0123456789.")),
]
for tag, pattern, first in RESOLVERS:
    Yaml12Loader.add_implicit_resolver(tag, re.compile(pattern), first)


def construct_int(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


def construct_float(loader, node):
    text = loader.construct_scalar(node).lower()
    if text.endswith(".inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    if text == ".nan":
        return float("nan")
    value = float(text)
    return int(value) if value.is_integer() and "e" not in text else value


def construct_bool(loader, node):
    return loader.construct_scalar(node).lower() == "true"


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", construct_int)
Yaml12Loader.add_constructor("tag:yaml.org,2002:float", construct_float)
Yaml12Loader.add_constructor("tag:yaml.org,2002:bool", construct_bool)


def place(error):
    return "/" + "/".join(str(p) for p in error.absolute_path)


def main(argv):
    draft = jsonschema.Draft202012Validator
    if len(argv) > 1 and argv[1] == "--draft7":
        draft = jsonschema.Draft7Validator
        argv = argv[:1] + argv[2:]
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    if draft is jsonschema.Draft7Validator:
        schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    draft.check_schema(schema)
    validator = draft(schema)
    for path in argv[2:]:
        try:
            with open(path, encoding="utf-8") as f:
                document = yaml.load(f, Loader=Yaml12Loader)
        except yaml.YAMLError as error:
            print(json.dumps({"file": path, "errors": [{"path": "", "message": "not YAML: " + str(error).splitlines()[0]}]}))
            continue
        errors = sorted(validator.iter_errors(document), key=lambda e: (place(e), e.message))
        print(json.dumps({"file": path, "errors": [{"path": place(e), "message": e.message} for e in errors]}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
