"""Write a population as the CSV files a legacy system would export."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

from klantreis.core.records import CustomerRecord, DeviceRecord, TechnicianRecord


def customers_csv(customers: list[CustomerRecord]) -> str:
    rows = []
    for c in customers:
        rows.append(
            {
                "external_id": c.external_id,
                "salutation": c.salutation.value,
                "initials": c.initials,
                "first_name": c.first_name,
                "tussenvoegsel": c.tussenvoegsel,
                "surname": c.surname,
                "organisation": c.organisation,
                "contact_role": c.contact_role,
                "language": c.language.value,
                "persona": c.persona.value,
                "email": c.email,
                "phone": c.phone,
                "street": c.street,
                "house_number": c.house_number,
                "postcode": c.postcode,
                "city": c.city,
                "consents": ";".join(f"{k.purpose.value}:{k.channel.value}" for k in c.consents),
                "channel_preferences": ";".join(ch.value for ch in c.channel_preferences),
                "quiet_hours": (
                    f"{c.quiet_hours.start:%H:%M}-{c.quiet_hours.end:%H:%M}"
                    if c.quiet_hours
                    else ""
                ),
                "absences": ";".join(
                    f"{a.start.isoformat()}/{a.end.isoformat()}" for a in c.absences
                ),
            }
        )
    return _write(rows)


def devices_csv(devices: list[DeviceRecord]) -> str:
    return _write(
        [
            {
                "external_id": d.external_id,
                "customer_external_id": d.customer_id,
                "kind": d.kind.value,
                "model": d.model,
                "serial": d.serial,
                "installed_on": d.installed_on.isoformat(),
                "contract_reference": d.contract.reference if d.contract else "",
                "contract_start": d.contract.start.isoformat() if d.contract else "",
                "contract_interval_months": d.contract.interval_months if d.contract else "",
            }
            for d in devices
        ]
    )


def technicians_csv(technicians: list[TechnicianRecord]) -> str:
    return _write(
        [
            {
                "external_id": t.external_id,
                "name": t.name,
                "latitude": t.latitude,
                "longitude": t.longitude,
                "skills": ";".join(t.skills),
                "shifts": ";".join(t.shifts),
            }
            for t in technicians
        ]
    )


def _write(rows: Sequence[Mapping[str, object]]) -> str:
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return buffer.getvalue()
