"""The twin's report: the policy table as HTML with charts, the charts as PNG files, and the
table as JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only: no display on a server

import matplotlib.pyplot as plt  # noqa: E402
from jinja2 import Environment, PackageLoader, select_autoescape  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from klantreis.twin.behaviour import BEHAVIOUR  # noqa: E402
from klantreis.twin.outcomes import ALL  # noqa: E402
from klantreis.twin.run import PolicyRun, TwinRun  # noqa: E402


@dataclass(frozen=True, slots=True)
class Measure:
    key: str
    title: str
    better: str  # "lower" or "higher"
    percent: bool = False


MEASURES = (
    Measure("cost_per_resolved_case", "Cost per resolved case (euro)", "lower"),
    Measure("km_per_resolved_case", "Kilometres per resolved case", "lower"),
    Measure("hours_per_resolved_case", "Technician hours per resolved case", "lower"),
    Measure("km_per_visit", "Kilometres per visit", "lower"),
    Measure("visits_per_technician_day", "Visits per technician-day", "higher"),
    Measure("no_access_rate", "No-access rate", "lower", percent=True),
    Measure("reschedules_per_case", "Reschedules per case", "lower"),
    Measure("days_case_to_visit_median", "Days from case to visit (median)", "lower"),
    Measure("breakdowns_prevented", "Breakdowns prevented", "higher"),
    Measure("downtime_days_per_breakdown", "Downtime days per breakdown", "lower"),
    Measure("contacts_per_case", "Contacts per case", "lower"),
    Measure("nps_proxy", "NPS proxy", "higher"),
)
# Route figures belong to whole days, so persona rows have none.
ROUTE_FIGURES = ("km_per_visit", "visits_per_technician_day")
PERSONA_TABLE = tuple(m for m in MEASURES if m.key not in ROUTE_FIGURES)
PERSONA_CHART = tuple(
    m
    for m in PERSONA_TABLE
    if m.key
    not in (
        "breakdowns_prevented",
        "downtime_days_per_breakdown",
        "km_per_resolved_case",
        "hours_per_resolved_case",
    )
)
COLOURS = ("#8c8c8c", "#4c72b0", "#55a868", "#c44e52", "#8172b3")
COST_COLOURS = ("#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3")


@dataclass(frozen=True, slots=True)
class ReportFiles:
    html: Path
    pngs: list[Path]
    table: Path


def write_report(run: TwinRun, directory: Path) -> ReportFiles:
    directory.mkdir(parents=True, exist_ok=True)
    table = run.table()
    table_path = directory / "twin-table.json"
    table_path.write_text(json.dumps(table, indent=2) + "\n")
    policies = [r.policy.label for r in run.runs]
    overall = [_row(r, ALL) for r in run.runs]
    pngs = [_policy_chart(policies, overall, directory / "twin-policies.png")]
    personas = [f.group for f in run.runs[0].figures if f.group != ALL]
    pngs.append(_persona_chart(run, policies, personas, directory / "twin-personas.png"))
    pngs.append(_cost_chart(run, policies, directory / "twin-cost.png"))
    pngs.append(_route_maps(run, directory / "twin-routes.png"))
    html = directory / "twin-report.html"
    template = _environment().get_template("report.html.j2")
    html.write_text(
        template.render(
            config=table["config"],
            runs=run.runs,
            measures=MEASURES,
            persona_measures=PERSONA_TABLE,
            personas=personas,
            overall=dict(zip(policies, overall, strict=True)),
            row=_row,
            behaviour=BEHAVIOUR,
            rates=run.config.rates,
            activities=ACTIVITY_LABELS,
            images=[p.name for p in pngs],
        )
    )
    return ReportFiles(html, pngs, table_path)


def _row(run: PolicyRun, group: str) -> dict[str, object]:
    return next(f.as_dict() for f in run.figures if f.group == group)


def _policy_chart(policies: list[str], rows: list[dict[str, object]], path: Path) -> Path:
    figure, axes = plt.subplots(3, 4, figsize=(17, 10), constrained_layout=True)
    for axis, measure in zip(axes.flat, MEASURES, strict=True):
        values = [_number(row[measure.key], measure.percent) for row in rows]
        bars = axis.bar(range(len(policies)), values, color=COLOURS[: len(policies)])
        digits = "%.2f" if max(values, default=0) < 1 else "%.1f"
        axis.bar_label(bars, fmt="%.1f%%" if measure.percent else digits, fontsize=8)
        axis.set_title(f"{measure.title} ({measure.better} is better)", fontsize=10)
        axis.set_xticks(range(len(policies)), [p.split(" ", 1)[0] for p in policies])
    figure.legend(
        handles=[Patch(color=c, label=p) for c, p in zip(COLOURS, policies, strict=False)],
        loc="lower center",
        ncol=len(policies),
        bbox_to_anchor=(0.5, -0.04),
    )
    figure.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(figure)
    return path


def _persona_chart(run: TwinRun, policies: list[str], personas: list[str], path: Path) -> Path:
    figure, axes = plt.subplots(1, len(PERSONA_CHART), figsize=(18, 4.5), constrained_layout=True)
    width = 0.8 / len(policies)
    for axis, measure in zip(axes.flat, PERSONA_CHART, strict=True):
        for index, policy_run in enumerate(run.runs):
            values = [
                _number(_row(policy_run, persona)[measure.key], measure.percent)
                for persona in personas
            ]
            axis.bar(
                [p + index * width for p in range(len(personas))],
                values,
                width,
                color=COLOURS[index],
                label=policies[index],
            )
        axis.set_title(measure.title, fontsize=10)
        axis.set_xticks(
            [p + width * (len(policies) - 1) / 2 for p in range(len(personas))],
            [p.replace("_", " ") for p in personas],
            fontsize=8,
        )
    axes.flat[0].legend(fontsize=7)
    figure.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(figure)
    return path


ACTIVITY_LABELS = {
    "driving": "driving",
    "waiting_for_window": "waiting for a window to open",
    "on_site": "service on site",
    "at_closed_door": "at a closed door",
}


def _cost_chart(run: TwinRun, policies: list[str], path: Path) -> Path:
    """Euro per resolved case, stacked by what paid for it: each activity's hours and the km."""
    rates = run.config.rates
    rows = [next(f for f in r.figures if f.group == ALL) for r in run.runs]
    parts = [
        (label, [row.hours_by_activity[key] * rates.euro_per_hour for row in rows])
        for key, label in ACTIVITY_LABELS.items()
    ]
    parts.append(
        ("kilometres", [(row.km_per_resolved_case or 0) * rates.euro_per_km for row in rows])
    )
    figure, axis = plt.subplots(figsize=(9, 5), constrained_layout=True)
    bottoms = [0.0] * len(rows)
    for (label, values), colour in zip(parts, COST_COLOURS, strict=True):
        axis.bar(range(len(rows)), values, bottom=bottoms, label=label, color=colour)
        bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
    for index, total in enumerate(bottoms):
        axis.annotate(f"€{total:.0f}", (index, total), ha="center", va="bottom", fontsize=9)
    axis.set_xticks(range(len(rows)), policies, fontsize=8)
    axis.set_ylabel("euro per resolved case")
    axis.set_title(
        f"Cost per resolved case (€{rates.euro_per_hour:g}/h, €{rates.euro_per_km:g}/km)",
        fontsize=10,
    )
    axis.legend(fontsize=8)
    figure.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(figure)
    return path


WEEKDAY_COLOURS = ("#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat")


def _route_maps(run: TwinRun, path: Path) -> Path:
    """One map per policy of the first measured week's planned routes, on the postcode
    areas' own coordinates (no map tiles needed), a colour per weekday."""
    from datetime import date

    figure, axes = plt.subplots(
        1, len(run.runs), figsize=(4.6 * len(run.runs), 5), constrained_layout=True, squeeze=False
    )
    for axis, policy_run in zip(axes.flat, run.runs, strict=True):
        for day, _technician, points in policy_run.week_routes:
            weekday = min(date.fromisoformat(day).weekday(), len(WEEKDAY_COLOURS) - 1)
            lats, lons = zip(*points, strict=True)
            axis.plot(lons, lats, "-o", color=WEEKDAY_COLOURS[weekday], lw=0.8, ms=2, alpha=0.8)
        km = _row(policy_run, ALL)["km_per_resolved_case"]
        axis.set_title(f"{policy_run.policy.label}\n{km} km per resolved case", fontsize=9)
        axis.set_aspect(1.6)  # a degree of longitude is about 0.6 of one of latitude here
        axis.tick_params(labelsize=7)
    figure.legend(
        handles=[Patch(color=c, label=d) for c, d in zip(WEEKDAY_COLOURS, WEEKDAYS, strict=True)],
        loc="lower center",
        ncol=len(WEEKDAYS),
        bbox_to_anchor=(0.5, -0.06),
    )
    figure.suptitle("One week's planned routes (longitude, latitude)", fontsize=10)
    figure.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(figure)
    return path


def _number(value: object, percent: bool) -> float:
    if value is None:
        return 0.0
    number = float(value)  # type: ignore[arg-type]
    return number * 100 if percent else number


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("klantreis.twin", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
    )
