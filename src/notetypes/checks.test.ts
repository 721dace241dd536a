import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NotetypeConfig_Kind } from '../storage/proto/gen/anki_storage/notetypes_pb.js';
import { checkTemplates, type TemplateCheckInput } from './checks.js';
import { stockNotetypes } from './stock.js';

const basic = (templates: TemplateCheckInput['templates'], cloze = false): TemplateCheckInput => ({
  name: 'Mine',
  cloze,
  fieldNames: ['Front', 'Back'],
  templates,
});

test('valid templates pass', () => {
  checkTemplates(basic([{ qFormat: '{{Front}}', aFormat: '{{FrontSide}}<hr>{{Back}}' }]));
  checkTemplates(basic([{ qFormat: '{{#Back}}x{{/Back}}', aFormat: '{{Deck}} {{Tags}} {{}}' }]));
  // Every special field Anki 25.07+ knows, CardID included.
  checkTemplates(basic([{ qFormat: '{{Front}}{{CardID}}{{CardFlag}}{{Subdeck}}{{Type}}', aFormat: '' }]));
  // Identical fronts are allowed when they show {{Card}}.
  checkTemplates(basic([{ qFormat: '{{Card}}{{Front}}', aFormat: '' }, { qFormat: '{{Card}}{{Front}}', aFormat: '' }]));
  checkTemplates(basic([{ qFormat: '{{cloze:Front}}', aFormat: '{{cloze:Front}}' }], true));
});

test("problems are refused with Anki's messages", () => {
  const refused = (input: TemplateCheckInput, message: string) => assert.throws(() => checkTemplates(input), { message });
  refused(
    basic([{ qFormat: '{{Front}}', aFormat: '' }, { qFormat: '{{Back}}', aFormat: '' }, { qFormat: '{{Front}}', aFormat: '' }]),
    "Card template 3 in note type 'Mine' has a problem.<br>The front side is identical to card template 1.",
  );
  refused(
    basic([{ qFormat: 'field1', aFormat: 'field2' }]),
    "Card template 1 in note type 'Mine' has a problem.<br>Expected to find a field replacement on the front of the card template.",
  );
  // Field names are case-sensitive in templates; Anki names the first unknown one.
  refused(
    basic([{ qFormat: '{{Front}}', aFormat: '' }, { qFormat: '{{Back}}', aFormat: '{{front}}{{Other}}' }]),
    "Card template 2 in note type 'Mine' has a problem.<br>Field 'front' not found.",
  );
  refused(
    basic([{ qFormat: '{{#Front}}', aFormat: '' }]),
    "Card template 1 in note type 'Mine' has a problem.<br>See the preview for more information.",
  );
  refused(
    basic([{ qFormat: '{{cloze:Front}}', aFormat: '{{Back}}' }], true),
    "Card template 1 in note type 'Mine' has a problem.<br>Expected to find '{{cloze:Text}}' or similar on the front and back of the card template.",
  );
});

test("Anki's stock note types pass the checks", () => {
  for (const notetype of stockNotetypes()) {
    checkTemplates({
      name: notetype.name,
      cloze: notetype.config.kind === NotetypeConfig_Kind.CLOZE,
      fieldNames: notetype.fields.map((field) => field.name),
      templates: notetype.templates.map((template) => template.config),
    });
  }
});
