"""Collections built by real Anki, for the "written by Anki, read by the server" comparisons.

`rich` fills the open collection through Anki's own API with what real collections hold: every
stock note type (Image Occlusion included), custom note types (conditional and type-in
templates, a cloze type of its own, field descriptions and fonts), nested decks with option
presets and today-only limits, hierarchical and Unicode tags, media files, a filtered deck, and
cards in every state Anki's scheduler produces (learning, day-learning, review, relearning,
suspended, buried by hand and as siblings, flagged, repositioned, reset), with a review history
spread over past days. With `fsrs` the collection has FSRS on, so answers store memory states.
The same seed gives the same notes and choices; the ids and times are Anki's own (now).
"""

from __future__ import annotations

import random
import time
from typing import Any, Callable

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.scheduler_pb2 import CardAnswer
from registry import Registry

recipe = Registry("recipe")
run = recipe.run


WORDS = (
    "water fire earth wind river mountain tree flower stone cloud rain snow light shadow "
    "Straße Grüße café naïve façade ÉCOLE 水 火 山 川 木 花 雨 雪 日本語 東京 ありがとう "
    "страна язык слово λόγος ψυχή"
).split()
DECKS = [
    "Languages",
    "Languages::Japanese",
    "Languages::Japanese::Vocab",
    "Languages::German",
    "Science::Physics",
    "Science::Chemistry",
    "Empty deck",
]
TAGS = ["lang", "lang::ja", "lang::de", "Physics", "chem::organic", "leech-ish", "wichtig", "日本"]


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _custom_notetypes(col: Collection) -> None:
    mm = col.models
    vocab = mm.new("Vocab (custom)")
    for name in ["Word", "Reading", "Meaning", "Audio", "Notes"]:
        field = mm.new_field(name)
        mm.add_field(vocab, field)
    vocab["flds"][2]["description"] = "English meaning"
    vocab["flds"][1]["font"] = "Noto Sans JP"
    vocab["flds"][1]["size"] = 28
    vocab["flds"][4]["excludeFromSearch"] = True
    vocab["sortf"] = 1
    recognition = mm.new_template("Recognition")
    recognition["qfmt"] = "<div class=word>{{Word}}</div>{{#Reading}}<div>{{furigana:Reading}}</div>{{/Reading}}"
    recognition["afmt"] = "{{FrontSide}}<hr id=answer>{{Meaning}}<br>{{Audio}}{{^Notes}}-{{/Notes}}"
    mm.add_template(vocab, recognition)
    recall = mm.new_template("Recall")
    recall["qfmt"] = "{{#Meaning}}{{Meaning}}<br>{{type:Word}}{{/Meaning}}"
    recall["afmt"] = "{{Meaning}}<hr id=answer>{{type:Word}} {{hint:Notes}} {{text:Reading}}"
    mm.add_template(vocab, recall)
    vocab["css"] += "\n.word { font-size: 40px; }\n"
    mm.add(vocab)

    cloze = mm.copy(mm.by_name("Cloze"), add=False)
    cloze["name"] = "Cloze (custom)"
    field = mm.new_field("Source")
    mm.add_field(cloze, field)
    cloze["tmpls"][0]["afmt"] += "<br>{{#Source}}<i>{{Source}}</i>{{/Source}}"
    mm.add(cloze)


def _presets(col: Collection) -> dict[str, int]:
    dm = col.decks
    intensive = dm.add_config_returning_id("Intensive")
    conf = dm.get_config(intensive)
    conf["new"]["delays"] = [1, 10, 60, 2880]
    conf["new"]["perDay"] = 40
    conf["new"]["ints"] = [2, 5, 7]
    conf["lapse"]["delays"] = [5, 1440]
    conf["lapse"]["leechAction"] = 0
    conf["lapse"]["leechFails"] = 4
    conf["rev"]["perDay"] = 150
    conf["rev"]["maxIvl"] = 3650
    conf["rev"]["ease4"] = 1.4
    conf["rev"]["hardFactor"] = 1.15
    conf["buryNew"] = True
    conf["buryRev"] = True
    conf["desiredRetention"] = 0.85
    dm.update_config(conf)
    gentle = dm.add_config_returning_id("Gentle")
    conf = dm.get_config(gentle)
    conf["new"]["perDay"] = 5
    conf["rev"]["perDay"] = 30
    conf["newMix"] = 1
    conf["newPerDayMinimum"] = 0
    dm.update_config(conf)
    return {"Intensive": intensive, "Gentle": gentle}


def _answer(col: Collection, cid: int, rating: int, at_ms: int, rng: random.Random) -> None:
    """An answer through Anki's scheduler, logged at `at_ms` (states are those of today)."""
    states = col._backend.get_scheduling_states(cid)
    new_state = [states.again, states.hard, states.good, states.easy][rating - 1]
    answer = CardAnswer(
        card_id=cid,
        current_state=states.current,
        new_state=new_state,
        rating=rating,  # type: ignore[arg-type]
        answered_at_millis=at_ms,
        milliseconds_taken=rng.randint(1500, 25000),
    )
    col.sched.answer_card(answer)


@recipe
def rich(col: Collection, params: dict[str, Any]) -> Any:
    rng = random.Random(params.get("seed", 1))
    notes_wanted = int(params.get("notes", 300))
    fsrs = bool(params.get("fsrs", False))
    if fsrs:
        col.set_config("fsrs", True)

    _custom_notetypes(col)
    presets = _presets(col)
    deck_ids = [col.decks.id(name) for name in DECKS]
    dm = col.decks
    for name, preset in [("Languages::Japanese", "Intensive"), ("Science", "Gentle")]:
        deck = dm.by_name(name)
        deck["conf"] = presets[preset]
        dm.save(deck)
    # A today-only limit on one deck, as the deck options screen sets it.
    deck = dm.by_name("Languages::German")
    deck["newLimitToday"] = {"limit": 3, "today": col.sched.today}
    deck["reviewLimitToday"] = {"limit": 20, "today": col.sched.today}
    dm.save(deck)

    for i in range(8):
        col.media.write_data(f"pic{i}.png", bytes([0x89, 0x50, 0x4E, 0x47, i]) * 20)
    col.media.write_data("sound ü.mp3", b"ID3" + bytes(50))

    kinds: list[tuple[str, Callable[[int], dict[str, str]]]] = [
        ("Basic", lambda i: {"Front": f"{_words(rng, 2)} #{i}", "Back": _words(rng, 4)}),
        (
            "Basic (and reversed card)",
            lambda i: {"Front": f"<b>{_words(rng, 1)}</b> {i}", "Back": f'{_words(rng, 3)}<img src="pic{i % 8}.png">'},
        ),
        (
            "Basic (optional reversed card)",
            lambda i: {"Front": f"{_words(rng, 2)} {i}", "Back": _words(rng, 2), "Add Reverse": rng.choice(["", "y"])},
        ),
        ("Basic (type in the answer)", lambda i: {"Front": f"type {i}", "Back": _words(rng, 1)}),
        (
            "Cloze",
            lambda i: {
                "Text": f"{{{{c1::{_words(rng, 1)}}}}} and {{{{c2::{_words(rng, 1)}::hint}}}} {i}"
                + (" {{c3::{{c4::nested}} outer}}" if i % 5 == 0 else ""),
                "Back Extra": _words(rng, 2),
            },
        ),
        (
            "Image Occlusion",
            lambda i: {
                "Occlusion": "{{c1::image-occlusion:rect:left=.1:top=.2:width=.3:height=.1:oi=1}}"
                "{{c2::image-occlusion:ellipse:left=.5:top=.5:rx=.1:ry=.2}}",
                "Image": f'<img src="pic{i % 8}.png">',
                "Header": _words(rng, 2),
                "Back Extra": "",
                "Comments": "",
            },
        ),
        (
            "Vocab (custom)",
            lambda i: {
                "Word": f"{_words(rng, 1)}{i}",
                "Reading": rng.choice(["", "日本[にほん]", "水[みず]"]),
                "Meaning": rng.choice(["", _words(rng, 2)]),
                "Audio": rng.choice(["", "[sound:sound ü.mp3]"]),
                "Notes": rng.choice(["", "a note"]),
            },
        ),
        (
            "Cloze (custom)",
            lambda i: {
                "Text": f"{{{{c{1 + i % 3}::{_words(rng, 1)}}}}} {i}",
                "Back Extra": "",
                "Source": rng.choice(["", "book"]),
            },
        ),
    ]
    note_ids: list[int] = []
    for i in range(notes_wanted):
        name, fields = kinds[i % len(kinds)]
        model = col.models.by_name(name)
        note = col.new_note(model)
        for key, value in fields(i).items():
            note[key] = value
        note.tags = rng.sample(TAGS, rng.randint(0, 3))
        deck_id = deck_ids[rng.randrange(len(deck_ids) - 1)] if i % 7 else 1
        col.add_note(note, deck_id)
        note_ids.append(note.id)

    cards = sorted(col.find_cards(""))
    rng.shuffle(cards)
    n = len(cards)
    now = int(time.time() * 1000)
    day = 86_400_000
    # History: answers spread over the last 30 days, then the states they lead to today.
    studied = cards[: n // 2]
    for k, cid in enumerate(studied):
        at = now - rng.randint(1, 30) * day + k
        _answer(col, cid, rng.choice([3, 3, 3, 4]), at, rng)
        if k % 2 == 0:
            _answer(col, cid, rng.choice([1, 2, 3, 3, 4]), at + 600_000, rng)
        if k % 5 == 0:
            _answer(col, cid, rng.choice([1, 3]), at + 700_000, rng)
    # Reviews due on different days, some overdue.
    col.sched.set_due_date(cards[n // 2 : n // 2 + n // 10], "0")
    col.sched.set_due_date(cards[n // 2 + n // 10 : n // 2 + n // 6], "1-20!")
    col.sched.suspend_cards(cards[n // 2 + n // 6 : n // 2 + n // 6 + 10])
    col.sched.bury_cards(cards[n // 2 + n // 6 + 10 : n // 2 + n // 6 + 15], manual=True)
    col.sched.bury_cards(cards[n // 2 + n // 6 + 15 : n // 2 + n // 6 + 20], manual=False)
    for flag in range(1, 8):
        col.set_user_flag_for_cards(flag, cards[flag * 7 : flag * 7 + 3])
    new_cards = list(col.find_cards("is:new"))
    col.sched.reposition_new_cards(new_cards[:20], starting_from=1000, step_size=2, randomize=False, shift_existing=False)
    col.sched.schedule_cards_as_new(studied[:8], restore_position=True, reset_counts=False)

    filtered = col.sched.get_or_create_filtered_deck(0)
    filtered.name = "Filtered::Due soon"
    del filtered.config.search_terms[:]
    filtered.config.search_terms.add(search="deck:Languages* -is:suspended", limit=30, order=0)
    filtered.config.reschedule = True
    col.sched.add_or_update_filtered_deck(filtered)

    if params.get("withPackage"):
        request = ImportAnkiPackageRequest(
            package_path=params["withPackage"],
            options=ImportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True),
        )
        col.import_anki_package(request)
    return {"notes": len(note_ids), "cards": col.card_count()}
