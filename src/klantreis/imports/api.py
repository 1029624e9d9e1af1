from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Depends, HTTPException, Query
from fastapi.responses import JSONResponse

from klantreis.core.access import Role
from klantreis.core.api.answers import AnswerAfterRollback
from klantreis.core.api.deps import ContainerOf, UowDep, require
from klantreis.imports import ImportKind, import_csv
from klantreis.imports.schemas import ImportReportOut
from klantreis.imports.wiring import ImportsWiring

ContainerDep = ContainerOf[ImportsWiring]

router = APIRouter(prefix="/imports", tags=["imports"])
Admins = Annotated[Role, Depends(require())]


@router.post(
    "/{kind}",
    response_model=ImportReportOut,
    summary="Import a CSV file (body: text/csv); all-or-nothing unless partial=true",
    responses={422: {"model": ImportReportOut, "description": "Bad rows; nothing written"}},
)
def import_file(
    kind: ImportKind,
    body: Annotated[bytes, Body(media_type="text/csv")],
    container: ContainerDep,
    uow: UowDep,
    _: Admins,
    partial: Annotated[bool, Query(description="Write the good rows, skip the bad")] = False,
) -> ImportReportOut | JSONResponse:
    if len(body) > container.settings.max_import_bytes:
        raise HTTPException(413, f"file is over {container.settings.max_import_bytes} bytes")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HTTPException(415, f"the file is not UTF-8 (byte {exc.start})") from exc
    report = import_csv(uow, container.gazetteer, kind, text, all_or_nothing=not partial)
    out = ImportReportOut.of(report)
    if report.written:
        return out
    rejected = JSONResponse(
        {
            "type": "https://klantreis.dev/problems/import-rejected",
            "title": "Import rejected",
            "status": 422,
            "detail": f"{len(report.errors)} problem(s); nothing was written",
            **out.model_dump(),
        },
        status_code=422,
        media_type="application/problem+json",
    )
    raise AnswerAfterRollback(lambda _: rejected)
