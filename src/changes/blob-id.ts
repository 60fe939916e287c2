/**
 * Git's object id of a blob with these bytes: the hash of `blob <size>\0<bytes>`, SHA-1 in a
 * classic repository and SHA-256 in one created with `--object-format=sha256`. Lets the base
 * commit's reader take a file's bytes from the working tree when git says the blob is the same,
 * instead of asking git for every one of them.
 */
import { hash } from 'node:crypto'

/** The hash an object id of this many hex digits is made with, or undefined for neither. */
function algorithmFor(hexLength: number): 'sha1' | 'sha256' | undefined {
  return hexLength === 40 ? 'sha1' : hexLength === 64 ? 'sha256' : undefined
}

/** True when `oid` is git's id of a blob holding exactly `bytes`. */
export function isBlobOf(oid: string, bytes: Uint8Array): boolean {
  const algorithm = algorithmFor(oid.length)
  if (algorithm === undefined) return false
  const header = Buffer.from(`blob ${bytes.byteLength}\0`)
  return hash(algorithm, Buffer.concat([header, bytes]), 'hex') === oid
}
