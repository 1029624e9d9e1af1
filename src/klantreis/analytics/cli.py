"""``klantreis analytics funnel``: the journey funnel and paths of the stored event log."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Protocol

import typer
from rich.table import Table

from klantreis.analytics import overview
from klantreis.analytics.charts import report_html
from klantreis.analytics.engine import DIMENSIONS, JourneyAnalytics
from klantreis.analytics.source import event_frame
from klantreis.analytics.wiring import AnalyticsWiring
from klantreis.core.commands import container_of
from klantreis.core.console import console, errors


class PublicSite(Protocol):
    @property
    def public_base_url(self) -> str: ...


class AnalyticsCommandsNeed(AnalyticsWiring, Protocol):
    """What the analytics commands need of the container: the page's wiring and the site."""

    @property
    def settings(self) -> PublicSite: ...


analytics_app = typer.Typer(help="Journey analytics over the event log.", no_args_is_help=True)
SERVICE_FUNNEL = ",".join(overview.SERVICE_FUNNEL)


@analytics_app.command("funnel")
def funnel_command(
    ctx: typer.Context,
    steps: Annotated[
        str, typer.Option(help="Touchpoints in order, comma-separated")
    ] = SERVICE_FUNNEL,
    by: Annotated[str | None, typer.Option(help=f"Break down by: {', '.join(DIMENSIONS)}")] = None,
    html: Annotated[Path | None, typer.Option(help="Also write a chart report here")] = None,
) -> None:
    """Conversion per step, with the median and quartiles of the wait before it."""
    container: AnalyticsCommandsNeed = container_of(ctx)
    with console.status("reading the event log"):
        frame = event_frame(container.engine)
    if frame.empty:
        errors.print("[red]the event log is empty: run `klantreis seed-demo` first[/]")
        raise typer.Exit(2)
    analytics = JourneyAnalytics()
    analytics.load(frame)
    try:
        funnels = analytics.funnel([s.strip() for s in steps.split(",") if s.strip()], by=by)
    except ValueError as error:
        errors.print(
            f"[red]{error}[/] (touchpoints here: {', '.join(sorted(analytics.touchpoints))})"
        )
        raise typer.Exit(2) from None
    for funnel in funnels:
        table = Table(title=f"funnel: {funnel.group}")
        for column in ("step", "units", "from previous", "from start", "median h", "p25-p75 h"):
            table.add_column(column, justify="right")
        for s in funnel.steps:
            table.add_row(
                s.touchpoint,
                f"{s.units:,}",
                "" if s.conversion_from_previous is None else f"{s.conversion_from_previous:.1%}",
                f"{s.conversion_from_start:.1%}",
                ""
                if s.median_hours_from_previous is None
                else f"{s.median_hours_from_previous:.1f}",
                "" if s.p25_hours is None else f"{s.p25_hours:.1f}-{s.p75_hours:.1f}",
            )
        console.print(table)
    if html is not None:
        html.write_text(report_html("Klantreis journey", funnels, analytics.paths()), "utf-8")
        console.print(f"chart report written to {html}")


@analytics_app.command("link")
def link_command(ctx: typer.Context) -> None:
    """Print the address of the analysts' page in the console (analysts sign in there)."""
    from klantreis.analytics.pages import PATH

    container: AnalyticsCommandsNeed = container_of(ctx)
    console.print(f"{container.settings.public_base_url.rstrip('/')}{PATH}", soft_wrap=True)


@analytics_app.command("experiment")
def experiment_command(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="The experiment's key")],
    metric: Annotated[str, typer.Option(help="Touchpoint that counts as converted")] = "case_book",
    variants: Annotated[
        str, typer.Option(help="Variants, the control first")
    ] = "control,treatment",
    weights: Annotated[str, typer.Option(help="Planned split")] = "1,1",
    baseline: Annotated[float, typer.Option(help="The metric's usual rate")] = 0.3,
    effect: Annotated[float, typer.Option(help="Smallest absolute effect worth finding")] = 0.05,
) -> None:
    """The fixed-horizon report (docs/EXPERIMENTS.md): no winner before the planned sample."""
    from klantreis.core.domain_errors import InvalidValue
    from klantreis.experiments.analysis import analyse, compare_durations
    from klantreis.experiments.model import Experiment
    from klantreis.experiments.source import experiment_outcomes

    try:
        experiment = Experiment(
            key,
            tuple(v.strip() for v in variants.split(",")),
            tuple(float(w) for w in weights.split(",")),
        )
        container: AnalyticsCommandsNeed = container_of(ctx)
        units, hours = experiment_outcomes(container.engine, key, metric)
        conversions = {variant: len(times) for variant, times in hours.items()}
        report = analyse(experiment, units, conversions, baseline, effect)
        # time to the metric among those who reached it, with the same horizon per variant
        timing = compare_durations(
            experiment, hours, max(2, int(report.planned_per_variant * baseline))
        )
    except (InvalidValue, ValueError) as error:
        errors.print(f"[red]{error}[/]")
        raise typer.Exit(2) from None
    table = Table(title=f"{key}: {metric} ({report.verdict.value})")
    for column in ("variant", "units", "converted", "rate", "difference", "95% interval", "p"):
        table.add_column(column, justify="right")
    for variant in experiment.variants:
        n, k = units.get(variant, 0), conversions.get(variant, 0)
        compared = next((c for c in report.comparisons if c.variant == variant), None)
        table.add_row(
            variant,
            str(n),
            str(k),
            f"{k / n:.1%}" if n else "-",
            f"{compared.difference:+.1%}" if compared else "",
            f"{compared.ci_low:+.1%} .. {compared.ci_high:+.1%}" if compared else "",
            f"{compared.p_value:.3f}" if compared else "",
        )
    console.print(table)
    console.print(
        f"{report.detail} (planned {report.planned_per_variant} per variant; "
        f"sample-ratio p = {report.srm_p_value:.3f})"
    )
    if report.verdict.value != "sample_ratio_mismatch":
        console.print(f"time to {metric}: {timing[1]}")
