"""The demo personas' cards, as the simulated readers present them."""

from __future__ import annotations

from datetime import date

from kiosk.devices.citizen_card.protocol import CitizenCardData
from kiosk.devices.id_card.protocol import IdCardData
from kiosk.demo.personas import Persona


def id_card_of(persona: Persona) -> IdCardData:
    return IdCardData(name=persona.name, sex=persona.sex, nation="01", birth_date=persona.birth,
                      address=persona.address, id_number=persona.id_number, issuer="苏州市公安局工业园区分局",
                      valid_from=date(2020, 1, 1), valid_to=date(2040, 1, 1))


def citizen_card_of(persona: Persona) -> CitizenCardData:
    return CitizenCardData(card_number=persona.card_number, ssn=persona.id_number, name=persona.name)
