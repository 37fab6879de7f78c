"""`conflictcoder geocode` and `conflictcoder gazetteer build|import|info|reset`."""
from __future__ import annotations

import json
import os
import sys
import time

import click


def _candidate_dict(c) -> dict:
    return {"geonameid": c.geonameid, "name": c.name, "latitude": c.latitude, "longitude": c.longitude,
            "country": c.country, "country_iso2": c.country_iso2, "iso": c.iso, "admin1": c.admin1,
            "admin2": c.admin2, "feature_class": c.feature_class, "feature_code": c.feature_code,
            "population": c.population, "score": c.score, "features": c.features,
            "area_latitude": c.area_latitude, "area_longitude": c.area_longitude}


def register(group: click.Group) -> None:
    @group.command("geocode")
    @click.argument("phrase")
    @click.option("--context", help="Text around the phrase (other places and the country focus help ranking).")
    @click.option("--country", help="ISO2 code of the country in focus, e.g. SY.")
    @click.option("--limit", default=5, show_default=True, help="How many ranked candidates to print.")
    @click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
    def geocode_cmd(phrase, context, country, limit, fmt):
        """Resolve a place PHRASE to ranked gazetteer candidates with scores."""
        from . import resolve

        if not phrase.strip():
            raise click.UsageError("PHRASE is empty; give a place name, e.g. 'Aleppo'")
        if country and len(country.strip()) != 2:
            raise click.BadParameter(f"{country!r} is not an ISO2 country code (e.g. SY, DE)", param_hint="--country")
        cands = resolve(phrase, context=context, country=country, limit=limit)
        if fmt == "json":
            click.echo(json.dumps([_candidate_dict(c) for c in cands], ensure_ascii=False, indent=2))
        else:
            from rich.console import Console
            from rich.table import Table

            if not cands:
                click.echo(f"no gazetteer entry matches {phrase!r}", err=True)
                sys.exit(1)
            t = Table()
            for col in ("score", "name", "country", "admin1", "admin2", "feature", "population", "lat", "lon", "geonameid"):
                t.add_column(col)
            for c in cands:
                t.add_row(f"{c.score:.2f}", c.name, c.country or "", c.admin1 or "", c.admin2 or "",
                          f"{c.feature_class}.{c.feature_code}", f"{c.population:,}", f"{c.latitude:.4f}",
                          f"{c.longitude:.4f}", str(c.geonameid or ""))
            Console().print(t)
        if not cands:
            sys.exit(1)

    @group.group("gazetteer")
    def gazetteer_grp():
        """Build, import into and inspect the offline gazetteer."""

    @gazetteer_grp.command("build")
    @click.option("--force", is_flag=True, help="Rebuild even if a current index exists.")
    def build_cmd(force):
        """Build the index from data shipped in installed packages (no network)."""
        from . import gazetteer as gz

        path = gz.cache_path()
        if os.path.exists(path) and not force:
            click.echo(f"gazetteer index is current: {path}")
            return
        t0 = time.time()
        g = gz.build()
        gz.save(g, path)
        click.echo(f"built {len(g.name):,} places, {len(g.index):,} names in {time.time() - t0:.1f} s: {path}")

    @gazetteer_grp.command("import")
    @click.argument("main_file", type=click.Path(exists=True, dir_okay=False))
    @click.option("--alternate-names", type=click.Path(exists=True, dir_okay=False),
                  help="GeoNames alternateNamesV2.txt (or a country's alternate names file).")
    @click.option("--admin1-codes", type=click.Path(exists=True, dir_okay=False),
                  help="GeoNames admin1CodesASCII.txt, for admin1 names.")
    @click.option("--min-population", default=0, show_default=True,
                  help="Skip populated places smaller than this (0 keeps all).")
    @click.option("--output", type=click.Path(dir_okay=False),
                  help="Write the combined index here instead of the user data directory.")
    def import_cmd(main_file, alternate_names, admin1_codes, min_population, output):
        """Add a GeoNames dump (allCountries.txt or a country file) to the packaged index."""
        from . import gazetteer as gz

        base = gz.load_or_build()
        n0 = len(base.name)
        try:
            g = gz.import_geonames(main_file, alternate_names, admin1_codes, g=base, min_population=min_population,
                                   progress=lambda n: click.echo(f"  {n:,} lines", err=True))
        except (ValueError, UnicodeDecodeError) as exc:
            raise click.ClickException(f"{main_file} is not a GeoNames file: {exc}")
        path = output or gz.custom_path()
        gz.save(g, path)
        click.echo(f"imported {len(g.name) - n0:,} places from {os.path.basename(main_file)}; index: {path}")
        if output:
            click.echo(f"use it with: export CONFLICTCODER_GAZETTEER={path}")

    @gazetteer_grp.command("info")
    def info_cmd():
        """Show the index in use, its size and its sources."""
        from . import gazetteer as gz

        path = gz.cache_path()
        if not os.path.exists(path):
            click.echo(f"no index yet (will be built on first use): {path}")
            return
        g = gz.load_or_build(path)
        click.echo(f"index: {path} ({os.path.getsize(path) / 1e6:.1f} MB)")
        click.echo(f"places: {len(g.name):,}; names: {len(g.index):,}")
        for s in g.sources:
            click.echo(f"source: {s}")

    @gazetteer_grp.command("reset")
    def reset_cmd():
        """Forget an imported dump and go back to the packaged index."""
        from . import gazetteer as gz

        p = gz.custom_path()
        if os.path.exists(p):
            os.remove(p)
            click.echo(f"removed {p}")
        else:
            click.echo("no imported index to remove")
