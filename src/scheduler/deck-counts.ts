/**
 * The due counts of the deck tree under the v3 scheduler (anki-semantics.md §4.2): each deck's
 * own cards plus its subdecks' capped counts, capped by the deck's remaining daily limits.
 * Pure: the caller supplies the decks, their limits and each deck's raw counts.
 */

/** What remains of a deck's daily limits today. */
export interface RemainingLimits {
  review: number;
  new: number;
  /** New cards also count against the review limit (unless "new cards ignore review limit"). */
  capNewToReview: boolean;
}

/** Filtered decks and decks without a preset have no limits to speak of. */
export const UNLIMITED: RemainingLimits = { review: 9999, new: 9999, capNewToReview: false };

/** A normal deck's limits and today's studied counts, as stored. */
export interface DeckLimitInputs {
  /** The preset's new cards / reviews per day. */
  newPerDay: number;
  reviewsPerDay: number;
  /** The deck's own override, if set; and the today-only override with the day it is for. */
  newLimit: number | undefined;
  reviewLimit: number | undefined;
  newLimitToday: { limit: number; today: number } | undefined;
  reviewLimitToday: { limit: number; today: number } | undefined;
  /** Cards studied today in this deck (counters from another day count as 0). */
  newStudied: number;
  reviewStudied: number;
}

export function remainingLimits(inputs: DeckLimitInputs, today: number, newCardsIgnoreReviewLimit: boolean): RemainingLimits {
  const forToday = (limit: { limit: number; today: number } | undefined): number | undefined =>
    limit !== undefined && limit.today === today ? limit.limit : undefined;
  let review = forToday(inputs.reviewLimitToday) ?? inputs.reviewLimit ?? inputs.reviewsPerDay;
  let fresh = forToday(inputs.newLimitToday) ?? inputs.newLimit ?? inputs.newPerDay;
  review -= inputs.reviewStudied;
  fresh -= inputs.newStudied;
  if (!newCardsIgnoreReviewLimit) {
    review -= inputs.newStudied;
    fresh = Math.min(fresh, review);
  }
  return { review: Math.max(review, 0), new: Math.max(fresh, 0), capNewToReview: !newCardsIgnoreReviewLimit };
}

/** One deck's cards by state, counted by its current deck (`did`). */
export interface RawCounts {
  new: number;
  review: number;
  interdayLearning: number;
  intradayLearning: number;
  /** Every card in the deck itself, suspended and buried ones too. */
  total: number;
}

export const NO_CARDS: RawCounts = { new: 0, review: 0, interdayLearning: 0, intradayLearning: 0, total: 0 };

/** A deck in the tree, with its children in name order. */
export interface DeckNode {
  id: number;
  /** The last component of the name. */
  name: string;
  limits: RemainingLimits;
  raw: RawCounts;
  children: DeckNode[];
}

/** The counts Anki shows for a deck: subdecks included, limits applied. */
export interface DeckCounts {
  newCount: number;
  learnCount: number;
  reviewCount: number;
  /** Cards in this deck itself (not its subdecks). */
  totalInDeck: number;
}

function capped(counts: RawCounts, limits: RemainingLimits): RawCounts {
  const interdayLearning = Math.min(counts.interdayLearning, limits.review);
  let remainingReviews = Math.max(limits.review - interdayLearning, 0);
  const review = Math.min(counts.review, remainingReviews);
  let fresh = Math.min(counts.new, limits.new);
  if (limits.capNewToReview) {
    remainingReviews = Math.max(remainingReviews - review, 0);
    fresh = Math.min(fresh, remainingReviews);
  }
  return { ...counts, new: fresh, review, interdayLearning };
}

/**
 * Counts every node of the tree, bottom up: a node's own raw counts plus its children's capped
 * counts, capped by its limits (intraday learning is never capped). With `applyAllParentLimits`
 * each deck's limits are first capped by its ancestors'.
 */
export function deckTreeCounts(roots: readonly DeckNode[], applyAllParentLimits: boolean): Map<number, DeckCounts> {
  const out = new Map<number, DeckCounts>();
  const visit = (node: DeckNode, parentLimits: RemainingLimits | undefined): RawCounts => {
    const limits =
      parentLimits === undefined
        ? node.limits
        : { ...node.limits, review: Math.min(node.limits.review, parentLimits.review), new: Math.min(node.limits.new, parentLimits.new) };
    const sum: RawCounts = { ...node.raw };
    for (const child of node.children) {
      const c = visit(child, parentLimits === undefined ? undefined : limits);
      sum.new += c.new;
      sum.review += c.review;
      sum.interdayLearning += c.interdayLearning;
      sum.intradayLearning += c.intradayLearning;
    }
    const result = capped(sum, limits);
    out.set(node.id, {
      newCount: result.new,
      learnCount: result.intradayLearning + result.interdayLearning,
      reviewCount: result.review,
      totalInDeck: node.raw.total,
    });
    return result;
  };
  for (const root of roots) visit(root, applyAllParentLimits ? UNLIMITED : undefined);
  return out;
}
