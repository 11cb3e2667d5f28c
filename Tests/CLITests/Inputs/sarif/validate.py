"""Validate SARIF logs against the SARIF 2.1.0 JSON Schema beside this file.

    python3 validate.py LOG.sarif...

Exit 0 when every log is valid; 1 with each error (file, JSON path, message) otherwise;
2 when jsonschema is not installed.
"""
import json
import pathlib
import sys

try:
    import jsonschema
except ImportError:
    print("jsonschema is not installed (pip install jsonschema)", file=sys.stderr)
    sys.exit(2)

schema = json.loads((pathlib.Path(__file__).parent / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
validator = jsonschema.Draft4Validator(schema)
failed = False
for name in sys.argv[1:]:
    log = json.loads(pathlib.Path(name).read_text(encoding="utf-8"))
    for error in sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path)):
        failed = True
        path = "/".join(str(p) for p in error.absolute_path)
        print(f"{name}: /{path}: {error.message}")
if not sys.argv[1:]:
    print("name at least one SARIF log", file=sys.stderr)
    sys.exit(2)
sys.exit(1 if failed else 0)
