#!/usr/bin/env python3
"""Validates a tip repository's records with Python's jsonschema and PyYAML: the peer that
tests/bench/validate compares tip with.

Usage: peer-jsonschema.py SCHEMA_DIR RECORDS_DIR

SCHEMA_DIR holds <type>.schema.yaml files, each with an absolute $id so that the relative
$refs between them resolve; RECORDS_DIR/<type>s/*.yaml are the records (x-tip-collection is
not read: the benchmark's collections are the type names plus "s"). Checks each record against
its type's schema with the formats asserted, as tip does, and prints the number of records
checked and of invalid ones. Exit status 0 when all are valid, 1 when some are not, 2 when
something cannot run."""
import os
import sys

try:
    import jsonschema
    import yaml
except ImportError as e:  # the benchmark then says the peer is not installed
    print(f"peer-jsonschema: {e}", file=sys.stderr)
    sys.exit(2)

# The C loader when PyYAML was built with libyaml (Debian's python3-yaml is): the fastest
# way PyYAML offers, as a user would pick.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(path):
    with open(path, "rb") as f:
        return yaml.load(f, Loader=Loader)


def validators(schema_dir):
    schemas = {}
    for name in sorted(os.listdir(schema_dir)):
        if name.endswith(".schema.yaml"):
            schemas[name[: -len(".schema.yaml")]] = load(os.path.join(schema_dir, name))
    store = {s["$id"]: s for s in schemas.values()}
    cls = jsonschema.Draft202012Validator
    checker = cls.FORMAT_CHECKER
    try:  # jsonschema >= 4.18 resolves through referencing; older ones through RefResolver
        from referencing import Registry, Resource

        registry = Registry().with_resources(
            (uri, Resource.from_contents(s)) for uri, s in store.items())
        make = lambda s: cls(s, registry=registry, format_checker=checker)
    except ImportError:
        make = lambda s: cls(s, resolver=jsonschema.RefResolver.from_schema(s, store=store),
                             format_checker=checker)
    return {t: make(s) for t, s in schemas.items() if "properties" in s or "type" in s}


def main():
    if len(sys.argv) != 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    schema_dir, records_dir = sys.argv[1:]
    checked = invalid = 0
    for type_name, validator in validators(schema_dir).items():
        folder = os.path.join(records_dir, type_name + "s")
        if not os.path.isdir(folder):
            continue
        for name in os.listdir(folder):
            if not name.endswith(".yaml"):
                continue
            checked += 1
            record = load(os.path.join(folder, name))
            if next(validator.iter_errors(record), None) is not None:
                invalid += 1
    print(f"{checked} checked, {invalid} invalid")
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main())
