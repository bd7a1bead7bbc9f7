"""``eventledger gazetteer build|import|lookup``: the offline place index."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from eventledger.settings import Settings

app = typer.Typer(help="Build, extend and query the offline gazetteer.", no_args_is_help=True)


@app.command("build")
def build(force: bool = typer.Option(False, "--force", help="Rebuild even when the index exists."),
          config: Path | None = typer.Option(None, "--config", help="Settings file (TOML)")) -> None:
    """Build the gazetteer index from the GeoNames data shipped in PyPI packages."""
    from eventledger.gazetteer.build import build_gazetteer

    settings = Settings.load(config_file=config)
    path = build_gazetteer(settings, force=force)
    Console(stderr=True).print(f"gazetteer: {path}")


@app.command("import")
def import_(files: list[Path] = typer.Argument(..., help="GeoNames dumps: XX.zip/XX.txt, allCountries, "
                                                         "admin1CodesASCII.txt, admin2Codes.txt"),
            config: Path | None = typer.Option(None, "--config", help="Settings file (TOML)")) -> None:
    """Import GeoNames dump files into the local gazetteer index."""
    from eventledger.gazetteer.geonames_import import import_dumps

    settings = Settings.load(config_file=config)
    stats = import_dumps(files, settings)
    Console(stderr=True).print(f"imported: {stats}")


@app.command("lookup")
def lookup(name: str = typer.Argument(...), config: Path | None = typer.Option(None, "--config")) -> None:
    """List the gazetteer's candidates for a place name."""
    from eventledger.gazetteer import open_gazetteer

    settings = Settings.load(config_file=config)
    gaz = open_gazetteer(settings)
    console = Console()
    for place in gaz.candidates(name):
        console.print(place)
