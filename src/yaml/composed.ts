/**
 * The composer's node graph (PyYAML's `ScalarNode`, `MappingNode`, `SequenceNode`, with aliases
 * kept as references to their anchored node), as ./py-parser.ts builds it and ./construct.ts
 * reads it. Offsets are UTF-16 offsets into the decoded text; `start` includes the node's tag
 * and anchor (PyYAML's start mark), `end` is PyYAML's end mark.
 */
export type ComposedNode = ComposedScalar | ComposedMap | ComposedSeq | ComposedAlias

export class ComposedScalar {
  readonly kind = 'scalar'
  tag: string | undefined = undefined
  anchor: string | undefined = undefined
  constructor(
    /** The scanned value (escapes and folding applied). */
    readonly source: string,
    /** True for a plain (unquoted, non-block) scalar. */
    readonly plain: boolean,
    readonly start: number,
    readonly end: number
  ) {}
}

export class ComposedMap {
  readonly kind = 'map'
  tag: string | undefined = undefined
  anchor: string | undefined = undefined
  /** Keys and values alternating, in source order: `[k0, v0, k1, v1, ...]`. */
  readonly items: ComposedNode[] = []
  constructor(
    readonly start: number,
    public end: number
  ) {}
}

export class ComposedSeq {
  readonly kind = 'seq'
  tag: string | undefined = undefined
  anchor: string | undefined = undefined
  readonly items: ComposedNode[] = []
  constructor(
    readonly start: number,
    public end: number
  ) {}
}

export class ComposedAlias {
  readonly kind = 'alias'
  readonly tag: undefined = undefined
  readonly anchor: undefined = undefined
  constructor(
    /** The anchor name. */
    readonly source: string,
    /** The anchored node (the composer rejects undefined aliases before construction). */
    readonly target: ComposedNode,
    readonly start: number,
    readonly end: number
  ) {}
}
