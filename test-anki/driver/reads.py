"""Anki-Connect's read actions, answered by real Anki.

Each function makes the calls into Anki that Anki-Connect (API version 6) makes for that action
and shapes the reply as Anki-Connect does, so the suite can compare the server's reply with the
reply a user of Anki-Connect would get from the same collection. Failures raise with
Anki-Connect's error text.
"""

from __future__ import annotations

import glob
import os
import re
import time
from typing import Any

from anki.collection import Collection
from anki.errors import NotFoundError
from registry import Registry

action = Registry("action")
run = action.run


def run_or_error(col: Collection, name: str, params: dict[str, Any]) -> dict[str, Any]:
    try:
        return {"result": run(col, name, params)}
    except Exception as err:
        return {"error": str(err)}


def find_many(col: Collection, kind: str, queries: list[str]) -> list[dict[str, Any]]:
    """Each query's ids, ascending, or Anki's error text for an invalid query."""
    finder = col.find_cards if kind == "cards" else col.find_notes
    out: list[dict[str, Any]] = []
    for query in queries:
        try:
            out.append({"ids": sorted(int(i) for i in finder(query))})
        except Exception as err:
            out.append({"error": str(err)})
    return out


def _note_or_none(col: Collection, nid: int) -> Any:
    try:
        return col.get_note(nid)
    except NotFoundError:
        return None


def _card_or_none(col: Collection, cid: int) -> Any:
    try:
        return col.get_card(cid)
    except NotFoundError:
        return None


def _model(col: Collection, name: str) -> Any:
    model = col.models.by_name(name)
    if model is None:
        raise Exception(f"model was not found: {name}")
    return model


def _fields(model: Any, note: Any) -> dict[str, Any]:
    return {f["name"]: {"value": note.fields[f["ord"]], "order": f["ord"]} for f in model["flds"]}


# Decks


@action
def deckNames(col: Collection, _p: dict[str, Any]) -> Any:
    return [d.name for d in col.decks.all_names_and_ids()]


@action
def deckNamesAndIds(col: Collection, _p: dict[str, Any]) -> Any:
    return {d.name: d.id for d in col.decks.all_names_and_ids()}


@action
def getDecks(col: Collection, p: dict[str, Any]) -> Any:
    out: dict[str, list[int]] = {}
    for cid in p["cards"]:
        did = col.db.scalar("select did from cards where id = ?", cid)
        out.setdefault(col.decks.get(did)["name"], []).append(cid)
    return out


@action
def deckNameFromId(col: Collection, p: dict[str, Any]) -> Any:
    deck = col.decks.get(p["deckId"])
    if deck is None:
        raise Exception(f"deck was not found: {p['deckId']}")
    return deck["name"]


@action
def getDeckConfig(col: Collection, p: dict[str, Any]) -> Any:
    if p["deck"] not in deckNames(col, {}):
        return False
    return col.decks.config_dict_for_deck_id(col.decks.id(p["deck"]))


@action
def getDeckStats(col: Collection, p: dict[str, Any]) -> Any:
    wanted = [col.decks.id(name) for name in p["decks"]]
    nodes: dict[int, Any] = {}

    def walk(node: Any) -> None:
        nodes[node.deck_id] = node
        for child in node.children:
            walk(child)

    walk(col.sched.deck_due_tree())
    return {
        str(did): {
            "deck_id": node.deck_id,
            "name": node.name,
            "new_count": node.new_count,
            "learn_count": node.learn_count,
            "review_count": node.review_count,
            "total_in_deck": node.total_in_deck,
        }
        for did, node in nodes.items()
        if did in wanted
    }


# Note types


@action
def modelNames(col: Collection, _p: dict[str, Any]) -> Any:
    return [m.name for m in col.models.all_names_and_ids()]


@action
def modelNamesAndIds(col: Collection, _p: dict[str, Any]) -> Any:
    return {m.name: m.id for m in col.models.all_names_and_ids()}


@action
def modelNameFromId(col: Collection, p: dict[str, Any]) -> Any:
    model = col.models.get(p["modelId"])
    if model is None:
        raise Exception(f"model was not found: {p['modelId']}")
    return model["name"]


@action
def findModelsById(col: Collection, p: dict[str, Any]) -> Any:
    out = []
    for mid in p["modelIds"]:
        model = col.models.get(mid)
        if model is None:
            raise Exception(f"model was not found: {mid}")
        out.append(model)
    return out


@action
def findModelsByName(col: Collection, p: dict[str, Any]) -> Any:
    return [_model(col, name) for name in p["modelNames"]]


@action
def modelFieldNames(col: Collection, p: dict[str, Any]) -> Any:
    return [f["name"] for f in _model(col, p["modelName"])["flds"]]


@action
def modelFieldDescriptions(col: Collection, p: dict[str, Any]) -> Any:
    return [f.get("description", "") for f in _model(col, p["modelName"])["flds"]]


@action
def modelFieldFonts(col: Collection, p: dict[str, Any]) -> Any:
    return {f["name"]: {"font": f["font"], "size": f["size"]} for f in _model(col, p["modelName"])["flds"]}


@action
def modelTemplates(col: Collection, p: dict[str, Any]) -> Any:
    return {t["name"]: {"Front": t["qfmt"], "Back": t["afmt"]} for t in _model(col, p["modelName"])["tmpls"]}


@action
def modelFieldsOnTemplates(col: Collection, p: dict[str, Any]) -> Any:
    """Anki-Connect's own reading of the templates: every {{…}} that is not a section tag, by
    the last part after a colon; FrontSide and, on the back, fields the front shows are left out."""
    out: dict[str, Any] = {}
    for template in _model(col, p["modelName"])["tmpls"]:
        sides: list[list[str]] = []
        for side in ("qfmt", "afmt"):
            names = []
            for tag in re.findall(r"{{[^#/}]+?}}", template[side]):
                name = re.sub(r"[{}]", "", tag).split(":")[-1]
                if name == "FrontSide" or (side == "afmt" and name in sides[0]):
                    continue
                names.append(name)
            sides.append(names)
        out[template["name"]] = sides
    return out


@action
def modelStyling(col: Collection, p: dict[str, Any]) -> Any:
    return {"css": _model(col, p["modelName"])["css"]}


# Notes


@action
def findNotes(col: Collection, p: dict[str, Any]) -> Any:
    if p.get("query") is None:
        return []
    return sorted(int(i) for i in col.find_notes(p["query"]))


@action
def notesInfo(col: Collection, p: dict[str, Any]) -> Any:
    out = []
    for nid in p["notes"]:
        note = _note_or_none(col, nid)
        if note is None:
            out.append({})
            continue
        model = note.note_type()
        out.append(
            {
                "noteId": note.id,
                # The profile is the folder holding the collection, as in Anki.
                "profile": os.path.basename(os.path.dirname(col.path)),
                "tags": note.tags,
                "fields": _fields(model, note),
                "modelName": model["name"],
                "mod": note.mod,
                "cards": col.db.list("select id from cards where nid = ? order by ord", nid),
            }
        )
    return out


@action
def notesModTime(col: Collection, p: dict[str, Any]) -> Any:
    out = []
    for nid in p["notes"]:
        note = _note_or_none(col, nid)
        out.append({} if note is None else {"noteId": note.id, "mod": note.mod})
    return out


@action
def getNoteTags(col: Collection, p: dict[str, Any]) -> Any:
    note = _note_or_none(col, p["note"])
    if note is None:
        raise Exception(f"Note was not found: {p['note']}")
    return note.tags


@action
def getTags(col: Collection, _p: dict[str, Any]) -> Any:
    return col.tags.all()


# Cards


@action
def findCards(col: Collection, p: dict[str, Any]) -> Any:
    if p.get("query") is None:
        return []
    return sorted(int(i) for i in col.find_cards(p["query"]))


@action
def cardsToNotes(col: Collection, p: dict[str, Any]) -> Any:
    ids = ",".join(str(int(c)) for c in p["cards"])
    return sorted(col.db.list(f"select distinct nid from cards where id in ({ids})"))


@action
def cardsInfo(col: Collection, p: dict[str, Any]) -> Any:
    out = []
    for cid in p["cards"]:
        card = _card_or_none(col, cid)
        if card is None:
            out.append({})
            continue
        model = card.note_type()
        note = card.note()
        states = col._backend.get_scheduling_states(card.id)
        out.append(
            {
                "cardId": card.id,
                "fields": _fields(model, note),
                "fieldOrder": card.ord,
                "question": card.question(),
                "answer": card.answer(),
                "modelName": model["name"],
                "ord": card.ord,
                "deckName": col.decks.get(card.did)["name"],
                "css": model["css"],
                "factor": card.factor,
                "interval": card.ivl,
                "note": card.nid,
                "type": card.type,
                "queue": card.queue,
                "due": card.due,
                "reps": card.reps,
                "lapses": card.lapses,
                "left": card.left,
                "mod": card.mod,
                "nextReviews": list(col._backend.describe_next_states(states)),
                "flags": card.flags,
            }
        )
    return out


@action
def cardsModTime(col: Collection, p: dict[str, Any]) -> Any:
    out = []
    for cid in p["cards"]:
        card = _card_or_none(col, cid)
        out.append({} if card is None else {"cardId": card.id, "mod": card.mod})
    return out


@action
def getEaseFactors(col: Collection, p: dict[str, Any]) -> Any:
    out = []
    for cid in p["cards"]:
        card = _card_or_none(col, cid)
        out.append(None if card is None else card.factor)
    return out


@action
def suspended(col: Collection, p: dict[str, Any]) -> Any:
    card = _card_or_none(col, p["card"])
    if card is None:
        raise Exception(f"Card was not found: {p['card']}")
    return card.queue == -1


@action
def areSuspended(col: Collection, p: dict[str, Any]) -> Any:
    out = []
    for cid in p["cards"]:
        card = _card_or_none(col, cid)
        out.append(None if card is None else card.queue == -1)
    return out


@action
def areDue(col: Collection, p: dict[str, Any]) -> Any:
    out = []
    for cid in p["cards"]:
        if col.find_cards(f"cid:{cid} is:new"):
            out.append(True)
            continue
        reviewed_at, ivl = col.db.all("select id/1000.0, ivl from revlog where cid = ?", cid)[-1]
        if ivl >= -1200:
            out.append(bool(col.find_cards(f"cid:{cid} is:due")))
        else:
            out.append(reviewed_at - ivl <= time.time())
    return out


@action
def getIntervals(col: Collection, p: dict[str, Any]) -> Any:
    out: list[Any] = []
    for cid in p["cards"]:
        if col.find_cards(f"cid:{cid} is:new"):
            out.append(0)
            continue
        ivls = col.db.list("select ivl from revlog where cid = ?", cid)
        out.append(ivls if p.get("complete", False) else ivls[-1])
    return out


# Review log


@action
def getNumCardsReviewedToday(col: Collection, _p: dict[str, Any]) -> Any:
    return col.db.scalar("select count() from revlog where id > ?", (col.sched.day_cutoff - 86400) * 1000)


@action
def getNumCardsReviewedByDay(col: Collection, _p: dict[str, Any]) -> Any:
    rollover_secs = int(time.strftime("%H", time.localtime(col.sched.day_cutoff))) * 3600
    rows = col.db.all(
        "select date(id/1000 - ?, 'unixepoch', 'localtime') as day, count() from revlog group by day order by day desc",
        rollover_secs,
    )
    return [list(row) for row in rows]


REVLOG_COLUMNS = ["id", "cid", "usn", "ease", "ivl", "lastIvl", "factor", "time", "type"]


@action
def cardReviews(col: Collection, p: dict[str, Any]) -> Any:
    rows = col.db.all(
        "select id, cid, usn, ease, ivl, lastIvl, factor, time, type from revlog "
        "where id > ? and cid in (select id from cards where did = ?)",
        p["startID"],
        col.decks.id(p["deck"]),
    )
    return sorted([list(row) for row in rows])


@action
def getReviewsOfCards(col: Collection, p: dict[str, Any]) -> Any:
    out: dict[str, Any] = {}
    for cid in p["cards"]:
        rows = col.db.all(
            "select id, usn, ease, ivl, lastIvl, factor, time, type from revlog where cid = ? order by id", cid
        )
        out[str(cid)] = [dict(zip(REVLOG_COLUMNS[:1] + REVLOG_COLUMNS[2:], row)) for row in rows]
    return out


@action
def getLatestReviewID(col: Collection, p: dict[str, Any]) -> Any:
    did = col.decks.id(p["deck"])
    return col.db.scalar("select max(id) from revlog where cid in (select id from cards where did = ?)", did) or 0


# Media


@action
def getMediaFilesNames(col: Collection, p: dict[str, Any]) -> Any:
    pattern = os.path.join(col.media.dir(), p.get("pattern", "*"))
    return sorted(os.path.basename(path) for path in glob.glob(pattern))


# Statistics report


@action
def getCollectionStatsHTML(col: Collection, p: dict[str, Any]) -> Any:
    whole = p.get("wholeCollection", True)
    if not whole:
        # Inside Anki the study queues of the current deck have been built (the deck overview
        # builds them), and the report reads the reviews of that deck tree from them
        # (decks.active()); without them it would read those of the Default deck.
        col.sched.get_queued_cards()
    stats = col.stats()
    stats.wholeCollection = whole
    return stats.report()
