/** A PyOD detector's constructor, as recorded by scripts/gen-pyod-signatures.py. */
export interface PyodSignature {
  /** False when the module does not import with Anomstack's requirements (torch, xgboost, ...). */
  readonly importable: boolean
  /** True when the constructor takes `**kwargs`, so every key is accepted. */
  readonly acceptsKwargs: boolean
  /** The keyword parameter names; null when the module does not import. */
  readonly params: readonly string[] | null
}
