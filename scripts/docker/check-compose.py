#!/usr/bin/env python3
"""Static checks of docker-compose.yml that need no Docker engine (python3 with PyYAML).

- every depends_on names a defined service, with a known condition;
- every image (and the Dockerfile's FROM) is pinned to an exact version tag, never `latest`;
- every bind-mounted file exists;
- one-shot jobs that others wait on with service_completed_successfully do not restart.

Usage: python3 scripts/docker/check-compose.py [docker-compose.yml]
"""
import pathlib
import re
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
compose_path = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docker-compose.yml"
compose = yaml.safe_load(compose_path.read_text())
services = compose["services"]
errors = []

# An exact tag: a version with at least major.minor (e.g. 1.32.0, 17.11-bookworm, 24.21.0-bookworm-slim).
PINNED = re.compile(r"^[\w./-]+:(\d+\.\d+(\.\d+)?)([\w.-]*)(@sha256:[0-9a-f]{64})?$")
LOCAL_BUILD = re.compile(r"^[\w./-]+:local$")
CONDITIONS = {"service_started", "service_healthy", "service_completed_successfully"}


def check_image(where, image, built=False):
    if built and LOCAL_BUILD.match(image):
        return
    if "latest" in image.split(":", 1)[-1] or not PINNED.match(image):
        errors.append(f"{where}: image '{image}' is not pinned to an exact version tag")


for name, service in services.items():
    image = service.get("image")
    if image is None and "build" not in service:
        errors.append(f"{name}: neither image nor build")
    elif image is not None:
        check_image(name, image, built="build" in service)

    depends = service.get("depends_on", {})
    if isinstance(depends, list):
        depends = {d: {"condition": "service_started"} for d in depends}
    for dep, spec in depends.items():
        if dep not in services:
            errors.append(f"{name}: depends_on names undefined service '{dep}'")
        condition = (spec or {}).get("condition")
        if condition not in CONDITIONS:
            errors.append(f"{name}: depends_on {dep} has unknown condition '{condition}'")
        if condition == "service_healthy" and dep in services and "healthcheck" not in services[dep]:
            errors.append(f"{name}: waits for {dep} to be healthy, but {dep} has no healthcheck")
        if condition == "service_completed_successfully" and dep in services:
            if str(services[dep].get("restart", "no")) not in ("no", "False", "false"):
                errors.append(f"{name}: waits for one-shot {dep} to complete, but {dep} restarts")

    for volume in service.get("volumes", []):
        source = volume.split(":", 1)[0] if isinstance(volume, str) else volume.get("source", "")
        if source.startswith((".", "/")) and not (compose_path.parent / source).exists():
            errors.append(f"{name}: bind-mount source '{source}' does not exist")

    build = service.get("build")
    if isinstance(build, dict):
        dockerfile = compose_path.parent / build.get("context", ".") / build.get("dockerfile", "Dockerfile")
        if not dockerfile.exists():
            errors.append(f"{name}: Dockerfile {dockerfile} does not exist")
        else:
            for line in dockerfile.read_text().splitlines():
                if line.strip().upper().startswith("FROM "):
                    check_image(f"{name} ({dockerfile.name})", line.split()[1])

for volume in compose.get("volumes", {}) or {}:
    if not any(
        isinstance(v, str) and v.split(":", 1)[0] == volume
        for s in services.values()
        for v in s.get("volumes", [])
    ):
        errors.append(f"named volume '{volume}' is used by no service")

if errors:
    print("\n".join(errors))
    sys.exit(1)
images = sorted({s["image"] for s in services.values() if "image" in s})
print(f"compose checks passed: {len(services)} services; images: {', '.join(images)}")
