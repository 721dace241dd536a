import { Type } from '@sinclair/typebox';
import { AnswerBatch, type Ease } from '../../cards/answer.js';
import { AnkiConnectError } from '../../errors.js';
import { defineAction, type Action } from '../action.js';
import { Id } from '../schemas.js';

/** Python's `ease == 1` … `ease == 4`: True counts as 1, 3.0 as 3. */
function easeOf(value: unknown): Ease | undefined {
  const number = value === true ? 1 : value;
  return number === 1 || number === 2 || number === 3 || number === 4 ? number : undefined;
}

export const answerCards = defineAction({
  name: 'answerCards',
  summary:
    'Answers cards as the v3 scheduler does (ease 1 Again, 2 Hard, 3 Good, 4 Easy); true per answered card, false for an ' +
    'unknown card id. An optional `time` (ms) is recorded as the time taken (else 0, as Anki-Connect starts the timer ' +
    'right before answering).',
  params: Type.Object({
    answers: Type.Array(
      Type.Object({
        cardId: Id,
        ease: Type.Unknown({ description: 'the button: 1 Again, 2 Hard, 3 Good, 4 Easy' }),
        time: Type.Optional(Type.Number({ minimum: 0, description: 'milliseconds taken to answer (capped by the preset)' })),
      }),
    ),
  }),
  result: Type.Array(Type.Boolean()),
  write: true,
  run: ({ answers }, ctx) => {
    const col = ctx.col();
    // Anki studies only with the v3 scheduler (schedVer 2 and sched2021); older collections get
    // a scheduler that refuses every answer until the user updates them in Anki.
    const v3 = col.config.getNumber('schedVer', 1) === 2 && col.config.getBool('sched2021', false);
    const batch = new AnswerBatch(col);
    const results = answers.map(({ cardId, ease, time }) => {
      // As upstream: an unknown card is false before anything else is looked at; a bad ease
      // fails the request (and, the request being one transaction, undoes its earlier answers).
      if (col.stmt<[number]>('select 1 from cards where id = ?').get(cardId) === undefined) return false;
      if (!v3) throw new AnkiConnectError('v1/v2 scheduler no longer supported');
      const button = easeOf(ease);
      if (button === undefined) throw new AnkiConnectError('invalid ease');
      return batch.answer(cardId, button, time ?? 0);
    });
    batch.finish();
    return results;
  },
});

/** answerCards: studying through the scheduler. */
export const answerActions: Action[] = [answerCards];
