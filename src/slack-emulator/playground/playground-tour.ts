// The playground's guided tour as data: what the "Try it" panel shows and does, step by step. The emulator only
// serves it (GET /playground/tour.json); whoever starts the emulator with a product behind it (the demo) builds it.

/** What a step waits for after acting, to tell done from failed: the product's answer, not the click. */
export interface TourOutcome {
  /** A new top-level message in this channel whose text matches `pattern` (a RegExp source) means done. */
  message?: { channelId: string; pattern: string };
  /** A new ephemeral to `userId` in `channelId`: done when it matches `pattern`, failed (shown as is) otherwise. */
  ephemeral?: { userId: string; channelId: string; pattern?: string };
}

export type TourAction =
  /** Acts as `userId` in `channelId` and sends `text` through the composer, as a person types it. */
  | { kind: 'slash-command'; userId: string; channelId: string; text: string; outcome: TourOutcome }
  /** Acts as `userId` in `channelId` and clicks `actionId` on the message naming the change an earlier step made. */
  | { kind: 'click-change-button'; userId: string; channelId: string; actionId: string; outcome: TourOutcome }
  /** Injects a step failure through the sandbox panel's form. */
  | {
      kind: 'inject-failure';
      fault: { accountId: string; documentName: string; region?: string; remaining?: number };
    }
  /**
   * Runs the sandbox clock to the end, waits for the last run a step started to end (its message matches
   * `endedPattern`) and opens its thread; done only when it also matches `failedPattern`.
   */
  | {
      kind: 'open-run-thread';
      userId: string;
      channelId: string;
      endedPattern: string;
      failedPattern: string;
    };

export interface TourStep {
  id: string;
  title: string;
  /** One line: what the product does here. */
  explanation: string;
  /** What the step does, as a person would read or type it: one line each. */
  shows: string[];
  actions: TourAction[];
  /** What to look at once it is done. */
  lookFor: string;
}

export interface PlaygroundTour {
  /**
   * How the app names what a step makes (RegExp sources): a change a later step approves, a run a later step opens.
   * A run already named by an earlier step is never taken for a later step's answer (its message may come late).
   */
  ids: { change: string; run: string };
  steps: TourStep[];
}

/** What GET /playground/tour.json answers: a tour, or why there is none. */
export type TourAnswer = { tour: PlaygroundTour } | { tour: null; reason: string };
