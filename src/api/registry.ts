import type { Action } from './action.js';

/** The set of supported actions, built from an explicit list; a name may appear only once. */
export class Registry {
  private readonly actions = new Map<string, Action>();

  constructor(actions: Iterable<Action>) {
    for (const action of actions) {
      if (this.actions.has(action.name)) throw new Error(`action ${action.name} is declared twice`);
      this.actions.set(action.name, action);
    }
  }

  get(name: string): Action | undefined {
    return this.actions.get(name);
  }

  /** Every action name, sorted as Anki-Connect's apiReflect lists them. */
  names(): string[] {
    return [...this.actions.keys()].sort();
  }

  all(): Action[] {
    return [...this.actions.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  }
}
