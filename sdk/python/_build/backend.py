"""A PEP 517 build backend of the standard library alone, so `pip install ./sdk/python` works offline.

setuptools needs the `wheel` package to build a wheel on the setuptools that fresh virtual environments still
ship (65.x), and that package is not in a fresh environment; this backend has no build requirements at all.
It packs the pure-Python package named in pyproject.toml into a wheel (PEP 427) and an sdist (PEP 625).
"""
import base64
import hashlib
import io
import os
import re
import tarfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _project():
    text = open(os.path.join(ROOT, "pyproject.toml"), encoding="utf-8").read()
    try:
        import tomllib  # Python 3.11+

        project = tomllib.loads(text)["project"]
    except ImportError:  # older Pythons: the few plain string keys this file uses
        section = text.split("[project]", 1)[1].split("\n[", 1)[0]
        project = dict(re.findall(r'^(\w[\w-]*)\s*=\s*"([^"]*)"', section, re.M))
    return project


def _metadata(project):
    lines = [
        "Metadata-Version: 2.1",
        "Name: " + project["name"],
        "Version: " + project["version"],
        "Summary: " + project.get("description", ""),
        "Requires-Python: " + project.get("requires-python", ">=3.8"),
        "Description-Content-Type: text/markdown",
    ]
    readme = os.path.join(ROOT, "README.md")
    body = open(readme, encoding="utf-8").read() if os.path.exists(readme) else ""
    return "\n".join(lines) + "\n\n" + body


def _package_files():
    package = os.path.join(ROOT, "procure_core")
    for folder, dirs, files in os.walk(package):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in sorted(files):
            if name.endswith((".py", ".typed")):
                path = os.path.join(folder, name)
                yield path, os.path.relpath(path, ROOT).replace(os.sep, "/")


def _dist_name(project):
    return re.sub(r"[-_.]+", "_", project["name"]).lower(), project["version"]


def _record_line(arcname, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return "%s,sha256=%s,%d" % (arcname, digest, len(data))


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    project = _project()
    name, version = _dist_name(project)
    info = "%s-%s.dist-info" % (name, version)
    entries = [(arc, open(path, "rb").read()) for path, arc in _package_files()]
    entries.append((info + "/METADATA", _metadata(project).encode()))
    entries.append((info + "/WHEEL", b"Wheel-Version: 1.0\nGenerator: procure-core _build\nRoot-Is-Purelib: true\nTag: py3-none-any\n"))
    entries.append((info + "/top_level.txt", b"procure_core\n"))
    record = [_record_line(arc, data) for arc, data in entries] + [info + "/RECORD,,"]
    entries.append((info + "/RECORD", ("\n".join(record) + "\n").encode()))
    filename = "%s-%s-py3-none-any.whl" % (name, version)
    with zipfile.ZipFile(os.path.join(wheel_directory, filename), "w", zipfile.ZIP_DEFLATED) as wheel:
        for arc, data in entries:
            wheel.writestr(zipfile.ZipInfo(arc, date_time=(2020, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return filename


def build_sdist(sdist_directory, config_settings=None):
    project = _project()
    name, version = _dist_name(project)
    base = "%s-%s" % (name, version)
    filename = base + ".tar.gz"
    with tarfile.open(os.path.join(sdist_directory, filename), "w:gz") as sdist:
        for rel in ["pyproject.toml", "README.md", "_build/backend.py"]:
            sdist.add(os.path.join(ROOT, rel), arcname=base + "/" + rel)
        for path, arc in _package_files():
            sdist.add(path, arcname=base + "/" + arc)
        info = tarfile.TarInfo(base + "/PKG-INFO")
        data = _metadata(project).encode()
        info.size = len(data)
        sdist.addfile(info, io.BytesIO(data))
    return filename
