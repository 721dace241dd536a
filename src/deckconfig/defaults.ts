import { create } from '@bufbuild/protobuf';
import {
  DeckConfigConfig_LeechAction,
  DeckConfigConfigSchema,
  type DeckConfigConfig,
} from '../storage/proto/gen/anki_storage/deck_config_pb.js';

/**
 * Anki's default options preset, field for field as Anki 26.9 stores preset 1 in a new
 * collection (compared with real Anki by test-anki/new-collection.test.ts). Floats are single
 * precision in the blob, hence Math.fround.
 */
export function defaultDeckConfig(): DeckConfigConfig {
  return create(DeckConfigConfigSchema, {
    learnSteps: [1, 10],
    relearnSteps: [10],
    newPerDay: 20,
    reviewsPerDay: 200,
    initialEase: 2.5,
    easyMultiplier: Math.fround(1.3),
    hardMultiplier: Math.fround(1.2),
    lapseMultiplier: 0,
    intervalMultiplier: 1,
    maximumReviewInterval: 36500,
    minimumLapseInterval: 1,
    graduatingIntervalGood: 1,
    graduatingIntervalEasy: 4,
    leechAction: DeckConfigConfig_LeechAction.TAG_ONLY,
    leechThreshold: 8,
    capAnswerTimeToSecs: 60,
    desiredRetention: Math.fround(0.9),
    historicalRetention: Math.fround(0.9),
    waitForAudio: true,
    // FSRS "easy days": every weekday at 100% (Anki 24.11 and newer).
    easyDaysPercentages: [1, 1, 1, 1, 1, 1, 1],
  });
}
