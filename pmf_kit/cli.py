"""The `pmf-kit` command line: thin wrappers over the package.

User errors (PmfKitError) are printed as one line and exit with status 2, never a traceback.
"""

from __future__ import annotations

import sys

import click

from pmf_kit.errors import PmfKitError


@click.group()
@click.version_option(package_name="pmf_kit")
def cli() -> None:
    """pmf_kit: locality profiles and LOIP performance reports for Scottish CPPs."""


def main() -> None:
    """Entry point of the console script: run the CLI, turning user errors into one line."""
    try:
        cli(standalone_mode=False)
    except PmfKitError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
