#!/usr/bin/env python3
"""Every package restored for the solution must carry an open-source licence.

Reads obj/project.assets.json of every project under src/ and tests/ (run after a restore or
build), finds each package's .nuspec in the NuGet packages folder and accepts it when its licence
is an SPDX expression of open-source licences, a licence file in the package that is one of them,
or one of the few old licence URLs listed below (each checked by hand, with the reason).
Microsoft.Testing.Extensions.CodeCoverage and .Retry, for instance, carry Microsoft's own terms
and fail here. Prints one line per offender and exits 1, or "licences: N packages, all open source".
"""
import glob
import json
import os
import re
import sys

OPEN = {"MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "MS-PL", "0BSD", "ISC"}

# Old packages that name a URL instead of an expression.
KNOWN_URLS = {
    # NETStandard.Library 2.0.3 (implicit in every netstandard2.0 build): dotnet/standard is MIT.
    "https://github.com/dotnet/standard/blob/master/LICENSE.TXT": "MIT",
    # RichardSzalay.MockHttp 6.x: the repository's LICENSE is MIT.
    "https://github.com/richardszalay/mockhttp/blob/master/LICENSE": "MIT",
}

# Packages whose metadata predates licence expressions and points at Microsoft's old .NET library
# terms, although the code is the MIT-licensed dotnet/runtime. Build-time only: nothing of theirs
# ships in our packages or reaches a user's dependency graph through us.
BUILD_TIME_ONLY = {
    # A runtime.json of RID names, pulled by NETStandard.Library 2.0.3 into every netstandard2.0 build.
    "Microsoft.NETCore.Platforms/1.1.0",
}


def licence(nuspec_path):
    text = open(nuspec_path, encoding="utf-8-sig").read()
    expression = re.search(r'<license type="expression">([^<]+)</license>', text)
    if expression:
        return "expression", expression.group(1).strip()
    file = re.search(r'<license type="file">([^<]+)</license>', text)
    if file:
        return "file", os.path.join(os.path.dirname(nuspec_path), file.group(1).strip())
    url = re.search(r"<licenseUrl>([^<]+)</licenseUrl>", text)
    return ("url", url.group(1).strip()) if url else ("none", "")


def is_open(kind, value):
    if kind == "expression":
        return all(part in OPEN for part in re.split(r"\s+(?:OR|AND|WITH)\s+|[()]", value) if part.strip())
    if kind == "file":
        head = open(value, encoding="utf-8-sig", errors="replace").read(400).lower()
        return "mit license" in head or "permission is hereby granted, free of charge" in open(value, encoding="utf-8-sig", errors="replace").read().lower()
    if kind == "url":
        return value in KNOWN_URLS
    return False


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    assets = glob.glob(os.path.join(root, "src", "*", "obj", "project.assets.json")) + glob.glob(os.path.join(root, "tests", "*", "obj", "project.assets.json"))
    if not assets:
        print("licences: no project.assets.json found; build or restore first", file=sys.stderr)
        return 1

    checked, offenders = set(), []
    for path in assets:
        data = json.load(open(path, encoding="utf-8"))
        folders = list(data.get("packageFolders", {}).keys())
        for key, library in data["libraries"].items():
            if library.get("type") != "package" or key in checked:
                continue
            checked.add(key)
            if key in BUILD_TIME_ONLY:
                continue
            name = key.split("/")[0]
            nuspec = next((os.path.join(f, library["path"], name.lower() + ".nuspec") for f in folders
                           if os.path.exists(os.path.join(f, library["path"], name.lower() + ".nuspec"))), None)
            if nuspec is None:
                offenders.append(f"{key}: no .nuspec found (restore first)")
                continue
            kind, value = licence(nuspec)
            if not is_open(kind, value):
                project = os.path.relpath(os.path.dirname(os.path.dirname(path)), root)
                offenders.append(f"{key} (in {project}): licence {kind} {value or '(none)'} is not a known open-source licence")

    for line in offenders:
        print("licences: " + line, file=sys.stderr)
    if offenders:
        return 1
    print(f"licences: {len(checked)} packages, all open source")
    return 0


if __name__ == "__main__":
    sys.exit(main())
