/**
 * The resource anki://search-syntax: a short guide to the queries findNotes, findCards,
 * notesInfo and guiBrowse take, written for a client (or a model) composing them. It describes
 * what this server's search does (src/search), which follows Anki's.
 */
export const SEARCH_SYNTAX = `# Writing Anki searches

findNotes and findCards take a query and answer the matching note or card ids, ascending.
notesInfo takes one too (\`query\` instead of \`notes\`). An empty query matches everything.

## Combining terms

- Terms separated by spaces must all match: \`dog cat\`.
- \`or\` (any case) matches either side: \`dog or cat\`. AND binds tighter than OR, so
  \`a b or c\` is \`(a b) or c\`. Use parentheses to group: \`(dog or cat) deck:Animals\`.
- A leading \`-\` negates the next term or group: \`-tag:done\`, \`-(a or b)\`.
- Double quotes keep spaces and operators inside one term: \`"a dog"\`, \`deck:"My Deck"\`.
- \`*\` matches any run of characters and \`_\` exactly one; write \`\\*\`, \`\\_\`, \`\\"\`,
  \`\\(\`, \`\\)\`, \`\\-\` or \`\\:\` for the character itself.

## Text

- A bare word matches notes whose fields contain it anywhere (\`dog\` also finds \`dogs\`); the
  field contents are HTML, so markup counts. Only ASCII letters ignore case.
- \`w:dog\` matches dog as a whole word; \`nc:cafe\` ignores accents (finds café);
  \`re:^\\d+$\` is a regular expression (case-insensitive unless it starts with \`(?-i)\`).
- \`Front:dog\` matches notes whose field Front is exactly dog (\`Front:*dog*\` contains it,
  \`Front:\` is empty, \`Front:_*\` is not empty, \`Front:re:...\` a regex in that field).

## Where a card is

- \`deck:Spanish\` (subdecks included; \`deck:Spanish -deck:Spanish::*\` leaves them out),
  \`deck:current\`, \`deck:filtered\`, \`did:123\`.
- \`note:Basic\` (the note type), \`mid:123\`, \`card:1\` or \`card:"Card 2"\` (which template).
- \`tag:verb\` (child tags like verb::irregular included; \`tag:none\` for untagged notes,
  \`tag:re:...\` a regex on each tag).
- \`nid:1,2,3\`, \`cid:1,2,3\`: these ids. \`preset:Default\`: decks using that options preset.

## Card state and history

- \`is:new\`, \`is:learn\`, \`is:review\`, \`is:due\`, \`is:suspended\`, \`is:buried\`.
- \`flag:1\` (red) to \`flag:7\`; \`flag:0\` unflagged.
- \`added:7\` (added in the last 7 days), \`edited:3\`, \`rated:2\` (answered in the last 2 days;
  \`rated:2:1\` answered Again), \`introduced:5\` (first answered then), \`resched:3\`.
- \`prop:ivl>=30\`, \`prop:due=1\` (due tomorrow), \`prop:due<0\` (overdue), \`prop:lapses>3\`,
  \`prop:reps<5\`, \`prop:ease<2.5\`; with FSRS \`prop:s>20\`, \`prop:d>0.8\`, \`prop:r<0.9\`.
  Operators: \`=\`, \`!=\`, \`<\`, \`<=\`, \`>\`, \`>=\`.

Days count from the collection's rollover hour (4:00 unless changed), as in Anki.

## Errors

A query that does not parse (an unclosed parenthesis or quote, an unknown \`is:\` state, a bad
number) fails with Anki's own explanation; nothing else is wrong with the request.
`;
