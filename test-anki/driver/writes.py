"""Edits made by real Anki, through the calls Anki itself makes for them (pylib's Collection,
ModelManager, DeckManager and scheduler), so the suite can hold the server's writes against
Anki's own writes of the same change.
"""

from __future__ import annotations

import base64
from typing import Any

from anki.collection import Collection
from anki.errors import NotFoundError
from registry import Registry

op = Registry("write")
run = op.run


def _model(col: Collection, name: str) -> Any:
    model = col.models.by_name(name)
    if model is None:
        raise Exception(f"model was not found: {name}")
    return model


@op
def createDeck(col: Collection, p: dict[str, Any]) -> Any:
    return col.decks.id(p["deck"])


@op
def addNote(col: Collection, p: dict[str, Any]) -> Any:
    """A note as Anki's Add window adds it: fields by name, tags, one deck."""
    model = _model(col, p["modelName"])
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
    model = _model(col, p["modelName"])
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


@op
def createModel(col: Collection, p: dict[str, Any]) -> Any:
    """Anki-Connect's createModel on Anki's ModelManager: the checks, then the new note type."""
    mm = col.models
    if len(p["inOrderFields"]) == 0:
        raise Exception("Must provide at least one field for inOrderFields")
    if len(p["cardTemplates"]) == 0:
        raise Exception("Must provide at least one card for cardTemplates")
    if p["modelName"] in [n.name for n in mm.all_names_and_ids()]:
        raise Exception("Model name already exists")
    model = mm.new(p["modelName"])
    if p.get("isCloze", False):
        model["type"] = 1
    for name in p["inOrderFields"]:
        mm.add_field(model, mm.new_field(name))
    if p.get("css") is not None:
        model["css"] = p["css"]
    for number, card in enumerate(p["cardTemplates"], start=1):
        template = mm.new_template(card.get("Name", f"Card {number}"))
        template["qfmt"] = card["Front"]
        template["afmt"] = card["Back"]
        mm.add_template(model, template)
    mm.add(model)
    return model


@op
def setConfig(col: Collection, p: dict[str, Any]) -> Any:
    """Sets config values as Anki's preferences do (`col.set_config`)."""
    for key, value in p["config"].items():
        col.set_config(key, value)
    return None


@op
def answerCards(col: Collection, p: dict[str, Any]) -> Any:
    """Anki-Connect's answerCards: each card's timer starts right before the v3 scheduler answers
    it (so the time taken is what elapses in between). With `withQueues`, Anki's study queues are
    built first, as when the user has the reviewer open: only then does Anki balance the load."""
    out = []
    for answer in p["answers"]:
        try:
            card = col.get_card(answer["cardId"])
        except NotFoundError:
            out.append(False)
            continue
        if p.get("withQueues", False):
            col.sched.get_queued_cards()
        card.start_timer()
        col.sched.answerCard(card, answer["ease"])
        out.append(True)
    return out


@op
def createFilteredDeck(col: Collection, p: dict[str, Any]) -> Any:
    """A filtered deck built as Anki's dialog builds it: one search, a limit, an order, and either
    rescheduling on or preview delays (seconds) for Again, Hard and Good."""
    deck = col.sched.get_or_create_filtered_deck(0)
    deck.name = p["name"]
    del deck.config.search_terms[:]
    deck.config.search_terms.add(search=p["search"], limit=p.get("limit", 100), order=p.get("order", 0))
    deck.config.reschedule = bool(p.get("reschedule", True))
    again, hard, good = p.get("previewSecs", [60, 600, 0])
    deck.config.preview_again_secs = again
    deck.config.preview_hard_secs = hard
    deck.config.preview_good_secs = good
    return col.sched.add_or_update_filtered_deck(deck).id


@op
def selectDeck(col: Collection, p: dict[str, Any]) -> Any:
    """Makes a deck the current one, as clicking it in Anki's deck list does (its queues follow)."""
    col.decks.select(col.decks.id_for_name(p["name"]))
    return None


@op
def topOfQueue(col: Collection, p: dict[str, Any]) -> Any:
    """The card Anki's reviewer would show next, or None: with its study queues built, Anki only
    answers the card at the top of the queue."""
    queued = col.sched.get_queued_cards()
    return queued.cards[0].card.id if queued.cards else None


@op
def storeMediaFile(col: Collection, p: dict[str, Any]) -> Any:
    """Anki-Connect's storeMediaFile with base64 `data`: an existing file of that name is
    trashed first (its `deleteExisting` default), then Anki writes the new one. Returns the
    name Anki stored it under."""
    if p.get("deleteExisting", True):
        col.media.trash_files([p["filename"]])
    return col.media.write_data(p["filename"], base64.b64decode(p["data"]))


@op
def deleteMediaFile(col: Collection, p: dict[str, Any]) -> Any:
    """Anki-Connect's deleteMediaFile: the file goes to Anki's media trash."""
    col.media.trash_files([p["filename"]])
    return None


# --- Packages (export half): Anki's own exporter and importer, for test-anki/export.test.ts ---


@op
def ankiExportPackage(col: Collection, p: dict[str, Any]) -> Any:
    """An .apkg of one deck and its subdecks, as Anki's Export dialog writes it."""
    from anki.collection import DeckIdLimit, ExportAnkiPackageOptions

    did = col.decks.id_for_name(p["deck"])
    if did is None:
        raise NotFoundError(f"deck not found: {p['deck']}", None, None, None)
    options = ExportAnkiPackageOptions(
        with_scheduling=bool(p.get("withScheduling", False)),
        with_deck_configs=bool(p.get("withDeckConfigs", p.get("withScheduling", False))),
        with_media=bool(p.get("withMedia", True)),
        legacy=bool(p.get("legacy", False)),
    )
    return col.export_anki_package(out_path=p["path"], options=options, limit=DeckIdLimit(did))


@op
def ankiImportPackage(col: Collection, p: dict[str, Any]) -> Any:
    """Imports an .apkg as Anki's Import dialog does with its defaults (scheduling and presets kept)."""
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    request = ImportAnkiPackageRequest(
        package_path=p["path"],
        options=ImportAnkiPackageOptions(
            with_scheduling=bool(p.get("withScheduling", True)),
            with_deck_configs=bool(p.get("withDeckConfigs", True)),
            merge_notetypes=bool(p.get("mergeNotetypes", False)),
        ),
    )
    log = col.import_anki_package(request).log
    return {
        "new": len(log.new),
        "updated": len(log.updated),
        "duplicate": len(log.duplicate),
        "conflicting": len(log.conflicting),
        "firstFieldMatch": len(log.first_field_match),
        "missingNotetype": len(log.missing_notetype),
        "missingDeck": len(log.missing_deck),
        "emptyFirstField": len(log.empty_first_field),
        "foundNotes": log.found_notes,
    }


@op
def ankiExportCollectionPackage(col: Collection, p: dict[str, Any]) -> Any:
    """The whole collection as a .colpkg; Anki closes the collection to write it, and it is reopened."""
    col.export_collection_package(p["path"], include_media=bool(p.get("includeMedia", True)), legacy=bool(p.get("legacy", False)))
    col.reopen()
    return None


@op
def ankiImportCollectionPackage(col: Collection, p: dict[str, Any]) -> Any:
    """Restores a .colpkg into `target` (a closed collection path, replaced), as Anki's restore does.
    The open collection is only the driver's; a backend of its own does the import."""
    from anki._backend import RustBackend

    target = p["target"]
    media = target[: -len(".anki2")] + ".media"
    RustBackend().import_collection_package(
        col_path=target, backup_path=p["path"], media_folder=media, media_db=target[: -len(".anki2")] + ".media.db2"
    )
    return None


# --- Packages (import half): edits between two exports, for test-anki/import.test.ts ---


@op
def addModelField(col: Collection, p: dict[str, Any]) -> Any:
    """A field appended to a note type, as Anki's Fields dialog adds one (its notes get it empty)."""
    mm = col.models
    model = _model(col, p["modelName"])
    mm.add_field(model, mm.new_field(p["fieldName"]))
    mm.update_dict(model)
    return None


# --- Sync: the edits a person makes on another device, for test-anki/sync.test.ts ---


@op
def deleteNotes(col: Collection, p: dict[str, Any]) -> Any:
    """Notes removed as the browser's Delete removes them (their cards go too, graves recorded)."""
    return col.remove_notes(p["notes"]).count


@op
def changeDeck(col: Collection, p: dict[str, Any]) -> Any:
    """Cards moved as the browser's Change Deck moves them; the deck is made when missing."""
    col.set_deck(p["cards"], col.decks.id(p["deck"]))
    return None


@op
def renameDeck(col: Collection, p: dict[str, Any]) -> Any:
    col.decks.rename(col.decks.id(p["deck"], create=False), p["newName"])
    return None


@op
def updateModelStyling(col: Collection, p: dict[str, Any]) -> Any:
    """A note type's CSS edited, as the Styling screen saves it (no schema change)."""
    model = _model(col, p["modelName"])
    model["css"] = p["css"]
    col.models.update_dict(model)
    return None


@op
def setNewPerDay(col: Collection, p: dict[str, Any]) -> Any:
    """The new-cards-per-day limit of the preset a deck uses, as the deck options screen saves it."""
    conf = col.decks.config_dict_for_deck_id(col.decks.id(p["deck"], create=False))
    conf["new"]["perDay"] = p["perDay"]
    col.decks.update_config(conf)
    return None


@op
def suspendCards(col: Collection, p: dict[str, Any]) -> Any:
    col.sched.suspend_cards(p["cards"])
    return None


# --- Sync: schema changes, each saved as Anki's own screens save it, for test-anki/sync-full.test.ts ---


@op
def renameModelField(col: Collection, p: dict[str, Any]) -> Any:
    model = _model(col, p["modelName"])
    field = next(f for f in model["flds"] if f["name"] == p["oldFieldName"])
    col.models.rename_field(model, field, p["newFieldName"])
    col.models.update_dict(model)
    return None


@op
def removeModelField(col: Collection, p: dict[str, Any]) -> Any:
    model = _model(col, p["modelName"])
    col.models.remove_field(model, next(f for f in model["flds"] if f["name"] == p["fieldName"]))
    col.models.update_dict(model)
    return None


@op
def repositionModelField(col: Collection, p: dict[str, Any]) -> Any:
    model = _model(col, p["modelName"])
    col.models.reposition_field(model, next(f for f in model["flds"] if f["name"] == p["fieldName"]), p["index"])
    col.models.update_dict(model)
    return None


@op
def addModelTemplate(col: Collection, p: dict[str, Any]) -> Any:
    model = _model(col, p["modelName"])
    template = col.models.new_template(p["name"])
    template["qfmt"] = p["front"]
    template["afmt"] = p["back"]
    col.models.add_template(model, template)
    col.models.update_dict(model)
    return None


@op
def renameModelTemplate(col: Collection, p: dict[str, Any]) -> Any:
    model = _model(col, p["modelName"])
    next(t for t in model["tmpls"] if t["name"] == p["oldTemplateName"])["name"] = p["newTemplateName"]
    col.models.update_dict(model)
    return None


@op
def addDeckConfig(col: Collection, p: dict[str, Any]) -> Any:
    return col.decks.add_config_returning_id(p["name"])


@op
def removeDeckConfig(col: Collection, p: dict[str, Any]) -> Any:
    col.decks.remove_config(p["configId"])
    return None
