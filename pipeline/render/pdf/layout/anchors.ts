/**
 * Where the anchors of a flow of pages are. A book's body takes over the pages of two hundred articles on
 * every layout pass, with some thirty thousand anchors (sentences, paragraphs, terms), of which it looks
 * up a few thousand (the targets of links and page references). So a flow takes over the anchors of the
 * flows it appends by reference, moved by their page offset, rather than copying them; an article's own
 * anchors are found through its id, with which their ids begin (see `ownedBy`).
 */
import type { AnchorPlace } from './types.js';

/** The anchors of a flow: each id where it was first recorded. A `Map` is one. */
export interface Anchors {
  get(id: string): AnchorPlace | undefined;
  has(id: string): boolean;
  forEach(visit: (place: AnchorPlace, id: string) => void): void;
}

/**
 * Whether `id` is an anchor of the section `section` opens: its own id, or one made from it (the ids of an
 * article's nodes are its id, a hyphen, and more).
 */
export function ownedBy(section: string, id: string): boolean {
  return section !== '' && id.startsWith(section) && (id.length === section.length || id.charCodeAt(section.length) === HYPHEN);
}

const HYPHEN = 0x2d;

/** An anchor as stored: id (without its section's when owned), page, x, y. */
export type StoredAnchor = [string, number, number, number];

/**
 * Anchors as stored with a flow (units.ts): the section's own ones kept apart, looked up in a map made when
 * the first is asked for (most stored flows are only placed, and their anchors never read).
 */
export class StoredAnchors implements Anchors {
  private ownById: Map<string, StoredAnchor> | null = null;
  private otherById: Map<string, StoredAnchor> | null = null;

  constructor(
    /** The section the flow opens: the ids of `own` begin with it. */
    readonly section: string,
    readonly own: readonly StoredAnchor[],
    readonly other: readonly StoredAnchor[],
  ) {}

  get(id: string): AnchorPlace | undefined {
    const stored = ownedBy(this.section, id) ? (this.ownById ??= byId(this.own)).get(id.slice(this.section.length)) : (this.otherById ??= byId(this.other)).get(id);
    return stored && { page: stored[1], x: stored[2], y: stored[3] };
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  forEach(visit: (place: AnchorPlace, id: string) => void): void {
    for (const [id, page, x, y] of this.own) visit({ page, x, y }, this.section + id);
    for (const [id, page, x, y] of this.other) visit({ page, x, y }, id);
  }
}

function byId(anchors: readonly StoredAnchor[]): Map<string, StoredAnchor> {
  const map = new Map<string, StoredAnchor>();
  for (const anchor of anchors) if (!map.has(anchor[0])) map.set(anchor[0], anchor);
  return map;
}

/** The anchors of flows taken over: from page `from` of theirs on, moved by `offset` pages. */
interface Part {
  anchors: Anchors;
  offset: number;
  from: number;
}

/**
 * The anchors of a flow that records some and takes over those of others. An id is looked up among those
 * recorded and the other anchors taken over (copied: an article has one, its `article:` anchor), then
 * among the own anchors of the sections its id begins with, in the order taken over. Ids are unique in a
 * book (they are made from the article's id), so the order only settles what cannot happen.
 */
export class FlowAnchors implements Anchors {
  private readonly recorded = new Map<string, AnchorPlace>();
  /** Stored sections' own anchors, by section id. */
  private readonly bySection = new Map<string, Part[]>();
  /** Lengths of the section ids in `bySection`: the ways an id can begin with one. */
  private sectionLengths: number[] = [];
  /** Anchors taken over from flows not stored (looked up one by one). */
  private readonly others: Part[] = [];
  /** Places looked up since the last change: a book's page references and links ask for the same ids on every pass. */
  private readonly found = new Map<string, AnchorPlace | undefined>();

  record(id: string, place: AnchorPlace): void {
    if (this.lookUp(id) !== undefined) return;
    this.recorded.set(id, place);
    if (this.found.size > 0) this.found.clear();
  }

  /** Take over the anchors of a flow placed from page `offset` on (its page `from` on that page). */
  takeOver(anchors: Anchors, offset: number, from = 0): void {
    if (this.found.size > 0) this.found.clear();
    if (!(anchors instanceof StoredAnchors) || anchors.section === '') {
      this.others.push({ anchors, offset, from });
      return;
    }
    for (const [id, page, x, y] of anchors.other) if (page >= from) this.record(id, { page: offset + page, x, y });
    const parts = this.bySection.get(anchors.section);
    const part = { anchors, offset, from };
    if (parts) parts.push(part);
    else {
      this.bySection.set(anchors.section, [part]);
      if (!this.sectionLengths.includes(anchors.section.length)) this.sectionLengths.push(anchors.section.length);
    }
  }

  get(id: string): AnchorPlace | undefined {
    if (this.found.has(id)) return this.found.get(id);
    const place = this.lookUp(id);
    this.found.set(id, place);
    return place;
  }

  private lookUp(id: string): AnchorPlace | undefined {
    const recorded = this.recorded.get(id);
    if (recorded) return recorded;
    for (const length of this.sectionLengths) {
      if (id.length < length || (id.length > length && id.charCodeAt(length) !== HYPHEN)) continue;
      const parts = this.bySection.get(id.slice(0, length));
      const place = parts && placeIn(parts, id);
      if (place) return place;
    }
    return placeIn(this.others, id);
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  forEach(visit: (place: AnchorPlace, id: string) => void): void {
    const seen = new Set<string>();
    const once = (place: AnchorPlace, id: string): void => {
      if (seen.has(id)) return;
      seen.add(id);
      visit(place, id);
    };
    this.recorded.forEach(once);
    for (const parts of this.bySection.values()) for (const part of parts) eachIn(part, once);
    for (const part of this.others) eachIn(part, once);
  }
}

function placeIn(parts: readonly Part[], id: string): AnchorPlace | undefined {
  for (const { anchors, offset, from } of parts) {
    const place = anchors.get(id);
    if (place && place.page >= from) return { ...place, page: offset + place.page };
  }
  return undefined;
}

function eachIn({ anchors, offset, from }: Part, visit: (place: AnchorPlace, id: string) => void): void {
  anchors.forEach((place, id) => {
    if (place.page >= from) visit({ ...place, page: offset + place.page }, id);
  });
}
