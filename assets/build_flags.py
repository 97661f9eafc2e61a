"""Vendor the flags of the record's states from the npm package flag-icons.

    cd assets && npm ci && cd .. && python assets/build_flags.py [EXTRA_ISO3 ...]

Reads the ISO 3166-1 alpha-3 codes of the states in fixtures/sco.json (and
any codes given on the command line, for states added since), finds each
one's alpha-2 code in i18n-iso-countries, and copies flag-icons' 4:3 SVG of
that state to static/vendor/flag-icons/4x3/<alpha-2>.svg with the package's
licence beside it. Only the flags the record needs are copied; files of
states no longer listed are removed. records/data/flags.json maps each
alpha-3 code to its file, for records.flags. The versions used are pinned
in assets/package.json (and its lock file); running the script again with
the same versions gives the same files.
"""

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ROOT / "assets" / "node_modules"
FLAG_ICONS = PACKAGES / "flag-icons"
COUNTRY_CODES = PACKAGES / "i18n-iso-countries" / "codes.json"
TARGET = ROOT / "static" / "vendor" / "flag-icons"
MANIFEST = ROOT / "records" / "data" / "flags.json"
FIXTURE = ROOT / "fixtures" / "sco.json"


def record_iso_codes():
    """The alpha-3 codes of the member states in the data set."""
    records = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return {record["fields"]["iso_code"] for record in records if record["model"] == "records.memberstate"}


def alpha2_by_alpha3():
    return {alpha3: alpha2.lower() for alpha2, alpha3, *_ in json.loads(COUNTRY_CODES.read_text(encoding="utf-8"))}


def main(extra_codes):
    if not FLAG_ICONS.is_dir() or not COUNTRY_CODES.is_file():
        sys.exit("Install the packages first: cd assets && npm ci")
    version = json.loads((FLAG_ICONS / "package.json").read_text(encoding="utf-8"))["version"]
    alpha2 = alpha2_by_alpha3()
    codes = sorted(record_iso_codes() | {code.upper() for code in extra_codes})
    unknown = [code for code in codes if code not in alpha2]
    if unknown:
        sys.exit(f"Not ISO 3166-1 alpha-3 codes: {', '.join(unknown)}")

    flags_dir = TARGET / "4x3"
    if TARGET.exists():
        shutil.rmtree(TARGET)
    flags_dir.mkdir(parents=True)
    shutil.copyfile(FLAG_ICONS / "LICENSE", TARGET / "LICENSE")
    manifest = {}
    for code in codes:
        source = FLAG_ICONS / "flags" / "4x3" / f"{alpha2[code]}.svg"
        if not source.is_file():
            print(f"flag-icons {version} has no flag for {code}", file=sys.stderr)
            continue
        shutil.copyfile(source, flags_dir / source.name)
        manifest[code] = alpha2[code]
    (TARGET / "README").write_text(
        f"Flags from the npm package flag-icons {version} (MIT, LICENSE beside this file),\n"
        "copied by assets/build_flags.py: only the flags of the states in the record.\n",
        encoding="utf-8",
    )
    MANIFEST.parent.mkdir(parents=True, exist_ok=True)
    MANIFEST.write_text(
        json.dumps({"package": f"flag-icons {version}", "flags": manifest}, indent=1, sort_keys=True) + "\n",
        encoding="utf-8",
    )
    print(f"{len(manifest)} flags from flag-icons {version} in {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
