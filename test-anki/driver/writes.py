"""Edits made by real Anki, through the calls Anki itself makes for them (pylib's Collection,
ModelManager, DeckManager and scheduler), so the suite can hold the server's writes against
Anki's own writes of the same change.
"""

from __future__ import annotations

from typing import Any

from anki.collection import Collection
from registry import Registry

op = Registry("write")
run = op.run


@op
def createDeck(col: Collection, p: dict[str, Any]) -> Any:
    return col.decks.id(p["deck"])


@op
def addNote(col: Collection, p: dict[str, Any]) -> Any:
    """A note as Anki's Add window adds it: fields by name, tags, one deck."""
    model = col.models.by_name(p["modelName"])
    if model is None:
        raise Exception(f"model was not found: {p['modelName']}")
    note = col.new_note(model)
    names = [f["name"] for f in model["flds"]]
    for name, value in p["fields"].items():
        note.fields[names.index(name)] = value
    note.tags = list(p.get("tags", []))
    col.add_note(note, col.decks.id(p["deckName"], create=False))
    return note.id


@op
def updateNoteFields(col: Collection, p: dict[str, Any]) -> Any:
    note = col.get_note(p["id"])
    for name, value in p["fields"].items():
        note[name] = value
    col.update_note(note)
    return None


@op
def updateNoteTags(col: Collection, p: dict[str, Any]) -> Any:
    note = col.get_note(p["id"])
    note.tags = list(p["tags"])
    col.update_note(note)
    return None



@op
def setTemplatesUnchecked(col: Collection, p: dict[str, Any]) -> Any:
    """Template texts saved as given, without the checks Anki runs on save (skip_checks): the
    way older Ankis and AnkiDroid stored templates that today's checks refuse, such as a
    reference to a field the note type lacks. `templates` maps a template name to
    {"Front": …, "Back": …} (either may be left out)."""
    model = col.models.by_name(p["modelName"])
    if model is None:
        raise Exception(f"model was not found: {p['modelName']}")
    for template in model["tmpls"]:
        texts = p["templates"].get(template["name"])
        if texts is not None:
            template["qfmt"] = texts.get("Front", template["qfmt"])
            template["afmt"] = texts.get("Back", template["afmt"])
    col.models.update_dict(model, skip_checks=True)
    return None


@op
def deleteDecks(col: Collection, p: dict[str, Any]) -> Any:
    """Anki's deck deletion: the decks, their subdecks and their cards (notes left without cards go)."""
    ids = [col.decks.id(name, create=False) for name in p["decks"]]
    col.decks.remove([i for i in ids if i is not None])
    return None
