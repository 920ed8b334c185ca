import { createActor, type AnyActorScope, type AnyMachineSnapshot, type AnyStateMachine, type EventObject } from 'xstate';

type Actions = ReadonlyArray<{ type: string; params?: unknown }>;

/**
 * XState's pure `transition(machine, snapshot, event)`, without its cost per call: that function builds a
 * throw-away actor for every event, and building an actor computes the machine's whole initial state
 * (its entry actions included) before the event is even looked at. The engine's machines spawn no actors
 * and never defer, so one inert scope per machine serves every call; the actions XState hands it are
 * collected per call, as `transition` collects them. Calls are synchronous, so they never interleave.
 */
export class Stepper {
  private collected: { type: string; params?: unknown }[] = [];
  private readonly scope: AnyActorScope;

  constructor(private readonly machine: AnyStateMachine) {
    const self = createActor(machine);
    this.scope = {
      self,
      defer: () => {},
      id: '',
      logger: () => {},
      sessionId: '',
      stopChild: () => {},
      system: self.system,
      emit: () => {},
      actionExecutor: (action: { type: string; params?: unknown }) => {
        this.collected.push(action);
      },
    } as unknown as AnyActorScope;
  }

  /** The snapshot after `event`, and the actions to execute (delayed raises and cancels among them). */
  transition(snapshot: AnyMachineSnapshot, event: EventObject): [AnyMachineSnapshot, Actions] {
    this.collected = [];
    const next = this.machine.transition(snapshot, event, this.scope) as AnyMachineSnapshot;
    return [next, this.collected];
  }

  /** The initial snapshot and its actions. */
  initial(): [AnyMachineSnapshot, Actions] {
    this.collected = [];
    const first = this.machine.getInitialSnapshot(this.scope) as AnyMachineSnapshot;
    return [first, this.collected];
  }
}
