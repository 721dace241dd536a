import type { Static, TObject, TSchema } from '@sinclair/typebox';
import type { ActionContext } from './context.js';
import { ParamsValidator } from './params.js';

/**
 * How an action is declared: its Anki-Connect name, a one-line summary, runtime schemas for its
 * params and result, and its handler. The schemas feed validation, `apiReflect` and the
 * machine-readable API description; the handler's types are derived from them.
 *
 * Work is split in two so the collection is never written across an `await`: `prepare` may be
 * asynchronous (downloads, file reads) but must not touch the collection; `run` is synchronous
 * and does the reads and writes. A `write` action's `run` executes inside one transaction.
 */
export interface ActionSpec<P extends TObject, R extends TSchema, Prepared> {
  name: string;
  summary: string;
  params: P;
  result: R;
  write?: boolean;
  /**
   * Runs requests of its own (multi): they are dispatched, checked and charged against the
   * request's limits one by one, so the batch itself is not charged again.
   */
  batch?: boolean;
  /**
   * Only reads the collection, through `ctx.col()` and `ctx.server.profileName()`, and may take
   * long (a search): runs on a reader thread, on a read-only connection of its own
   * (server/readers/). A function says it for the params at hand (notesInfo of a list of ids is
   * quicker on the main thread than the trip to a thread).
   */
  reads?: boolean | ((params: Static<P>) => boolean);
  prepare?: (params: Static<P>, ctx: ActionContext) => Promise<Prepared>;
  run: (params: Static<P>, ctx: ActionContext, prepared: Prepared) => Static<R>;
}

/** An action as the registry holds it, with its types erased. */
export interface Action {
  readonly name: string;
  readonly summary: string;
  readonly params: TObject;
  readonly result: TSchema;
  readonly write: boolean;
  readonly batch: boolean;
  /** Whether these params make a read for a reader thread (ActionSpec.reads). */
  readsOnThread(params: Record<string, unknown>): boolean;
  validate(params: unknown): Record<string, unknown>;
  prepare(params: Record<string, unknown>, ctx: ActionContext): Promise<unknown>;
  run(params: Record<string, unknown>, ctx: ActionContext, prepared: unknown): unknown;
}

export function defineAction<P extends TObject, R extends TSchema, Prepared = undefined>(
  spec: ActionSpec<P, R, Prepared>,
): Action {
  let validator: ParamsValidator | undefined;
  const prepare = spec.prepare;
  return {
    name: spec.name,
    summary: spec.summary,
    params: spec.params,
    result: spec.result,
    write: spec.write ?? false,
    batch: spec.batch ?? false,
    readsOnThread: (params) => (typeof spec.reads === 'function' ? spec.reads(params) : (spec.reads ?? false)),
    validate(params) {
      // Compiled on first use so that start-up does not pay for every action.
      validator ??= new ParamsValidator(spec.name, spec.params);
      return validator.validate(params);
    },
    // The params reaching these two were checked against spec.params by validate().
    prepare: (params, ctx) => (prepare === undefined ? Promise.resolve(undefined) : prepare(params, ctx)),
    run: (params, ctx, prepared) => spec.run(params, ctx, prepared as Prepared),
  };
}
