from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from klantreis.app.bootstrap import Container
from klantreis.app.ports import AppUnit
from klantreis.app.schemas import CustomerOut, DeviceOut
from klantreis.core import customers, devices
from klantreis.core.access import Role
from klantreis.core.api.deps import ContainerOf, PageDep, UnitOfWorkDep, require
from klantreis.core.ids import new_id
from klantreis.core.records import CustomerRecord

UowDep = UnitOfWorkDep[AppUnit]
ContainerDep = ContainerOf[Container]

router = APIRouter(prefix="/customers", tags=["customers"])
# Addresses, phone numbers and absences (when a house is empty) are for planners: a
# technician sees their own day's customers on the day's page.
Readers = Annotated[Role, Depends(require(Role.PLANNER))]
Writers = Annotated[Role, Depends(require(Role.PLANNER))]


@router.post("", status_code=201, response_model=CustomerOut, summary="Register a customer")
def create_customer(
    record: CustomerRecord, uow: UowDep, container: ContainerDep, _: Writers
) -> CustomerOut:
    customer = customers.register_customer(uow, container.gazetteer, record, new_id())
    return CustomerOut.of(customer)


@router.get("", response_model=list[CustomerOut], summary="List customers")
def list_customers(uow: UowDep, page: PageDep, _: Readers) -> list[CustomerOut]:
    return [CustomerOut.of(c) for c in customers.list_customers(uow, *page)]


@router.get("/{customer_id}", response_model=CustomerOut, summary="One customer")
def get_customer(customer_id: str, uow: UowDep, _: Readers) -> CustomerOut:
    return CustomerOut.of(customers.get_customer(uow, customer_id))


@router.get(
    "/{customer_id}/devices", response_model=list[DeviceOut], summary="The customer's devices"
)
def list_customer_devices(
    customer_id: str, uow: UowDep, page: PageDep, _: Readers
) -> list[DeviceOut]:
    customers.get_customer(uow, customer_id)
    return [DeviceOut.of(d) for d in devices.list_devices(uow, *page, customer_id=customer_id)]
